import { useRef } from 'preact/hooks';
import { announcementsDue, type Announced, type CountedOrder } from '@/lib/alerts/announcements';
import { locale } from '@/lib/i18n/locale';
import { useNow } from '@/hooks/ticker';

interface Props {
  orders: readonly CountedOrder[];
  reminderMinutes: readonly number[];
}

// The page's one polite live region (the popup's, the overlay's). The countdowns themselves are
// role="timer", which screen readers do not announce as they tick; this says, once, that an order
// crossed one of the user's reminder thresholds. It rides the shared ticker: no timer of its own.
// The last sentence stays in place (a live region speaks when its text changes, not when it stays).
export function Announcer({ orders, reminderMinutes }: Props) {
  const now = useNow();
  const announced = useRef<Announced>(new Map());
  const said = useRef<string[]>([]);
  const due = announcementsDue(orders, reminderMinutes, now, announced.current, locale);
  announced.current = due.announced;
  if (due.say.length > 0) said.current = due.say;
  return (
    <div class="visually-hidden" aria-live="polite" data-announcer="">
      {said.current.map((sentence) => (
        <p key={sentence}>{sentence}</p>
      ))}
    </div>
  );
}
