import { useLayoutEffect, useRef } from 'preact/hooks';
import type { QuietOrders } from '@/lib/alerts/quiet';
import { SNOOZE_MINUTES } from '@/lib/alerts/quiet';
import { tPopup as t } from '@/lib/i18n/popup';
import type { SilenceRequest } from '@/lib/messaging/pages';
import { formatBeijingClock } from '@/lib/time/beijing';

interface Props {
  silence: QuietOrders[string] | undefined;
  /** Local now and the server clock's offset, to say until when (Beijing time) a snooze lasts. */
  now: number;
  offsetMs: number;
  onSilence: (action: SilenceRequest['action']) => void;
}

// Snooze or mute one order's reminders. Firefox notifications have no buttons, so the popup is
// where Firefox users do it; Chrome users have it in both places.
export function SilenceControls({ silence, now, offsetMs, onSilence }: Props) {
  const snoozed = silence?.kind === 'snoozed' && silence.until > now ? silence : null;
  const state = silence?.kind === 'muted' ? 'muted' : snoozed ? 'snoozed' : 'on';
  // The button pressed is replaced by the other state's: the keyboard's focus moves to the first
  // of those (Resume after Snooze or Mute; Snooze after Resume), not back to the top of the popup.
  const box = useRef<HTMLDivElement>(null);
  const pressed = useRef(false);
  useLayoutEffect(() => {
    if (!pressed.current) return;
    pressed.current = false;
    box.current?.querySelector('button')?.focus();
  }, [state]);
  const press = (action: SilenceRequest['action']) => () => {
    pressed.current = true;
    onSilence(action);
  };
  if (state !== 'on') {
    return (
      <div class="silence silence--on" ref={box}>
        <span class="silence__state">
          {snoozed
            ? t('remindersSnoozed', { time: formatBeijingClock(snoozed.until + offsetMs).slice(0, 5) })
            : t('remindersMuted')}
        </span>
        <button type="button" class="silence__button" onClick={press('unmute')}>
          {t('resumeReminders')}
        </button>
      </div>
    );
  }
  return (
    <div class="silence" ref={box}>
      <button type="button" class="silence__button" onClick={press('snooze')}>
        {t('snoozeReminders', { minutes: SNOOZE_MINUTES })}
      </button>
      <button type="button" class="silence__button" onClick={press('mute')}>
        {t('muteReminders')}
      </button>
    </div>
  );
}
