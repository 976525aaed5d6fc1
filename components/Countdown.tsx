// Shown on 12306 pages too: its words come from the overlay's small table.
import { tOverlay } from '@/lib/i18n/overlay';
import { formatCountdown, urgencyOf } from '@/lib/time/countdown';
import { useNow } from '@/hooks/ticker';

interface Props {
  /** Deadline on the server's clock. */
  deadline: number;
  /** How far the server's clock is ahead of the local one. */
  offsetMs: number;
}

export function Countdown({ deadline, offsetMs }: Props) {
  const serverNow = useNow() + offsetMs;
  const urgency = urgencyOf(deadline, serverNow);
  return (
    <span class={`countdown countdown--${urgency}`} role="timer" data-deadline={deadline}>
      {urgency === 'overdue' ? tOverlay('overdue') : formatCountdown(deadline, serverNow)}
    </span>
  );
}
