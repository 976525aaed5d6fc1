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
  if (silence?.kind === 'muted' || snoozed) {
    return (
      <div class="silence silence--on">
        <span class="silence__state">
          {snoozed
            ? t('remindersSnoozed', { time: formatBeijingClock(snoozed.until + offsetMs).slice(0, 5) })
            : t('remindersMuted')}
        </span>
        <button type="button" class="silence__button" onClick={() => onSilence('unmute')}>
          {t('resumeReminders')}
        </button>
      </div>
    );
  }
  return (
    <div class="silence">
      <button type="button" class="silence__button" onClick={() => onSilence('snooze')}>
        {t('snoozeReminders', { minutes: SNOOZE_MINUTES })}
      </button>
      <button type="button" class="silence__button" onClick={() => onSilence('mute')}>
        {t('muteReminders')}
      </button>
    </div>
  );
}
