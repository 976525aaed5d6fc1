import type { Ref } from 'preact';
import { t } from '@/lib/i18n';
import { formatReminderMinutes, parseReminderMinutes, sameMinutes } from '@/lib/settings/reminder-minutes';
import { DEFAULT_SETTINGS } from '@/lib/settings/defaults';
import { MAX_REMINDER_MINUTES, MAX_REMINDERS, type Settings } from '@/lib/settings/schema';
import { Card } from './Card';
import { FieldError, TextInput } from './TextField';

interface Props {
  settings: Settings;
  save: (next: Settings) => Promise<boolean>;
  /** The field's text while it differs from the stored times' usual form (see `useSettings`). */
  draft: string | null;
  setDraft: (draft: string | null) => void;
  inputRef: Ref<HTMLInputElement>;
}

/** How many minutes before a deadline to remind: one text box, stored when the user is done with it. */
export function RemindersSection({ settings: current, save, draft, setDraft, inputRef }: Props) {
  const parsed = draft === null ? null : parseReminderMinutes(draft);
  const minutesError = parsed && !parsed.ok ? parsed : null;

  /**
   * Saved when the user is done with the field (Enter or leaving it), not on every keystroke: half
   * typed text ("5" on the way to "50", or "3, 50" on the way to a refused "3, 500") must never
   * become the stored reminder times. The message about bad text shows while typing.
   */
  function onMinutesDone() {
    if (draft === null) return;
    const result = parseReminderMinutes(draft);
    if (!result.ok) return; // invalid text stays, with its message; nothing is stored
    setDraft(null);
    if (!sameMinutes(result.minutes, current.reminderMinutes))
      void save({ ...current, reminderMinutes: result.minutes });
  }

  function restoreDefaultMinutes() {
    setDraft(null);
    void save({ ...current, reminderMinutes: [...DEFAULT_SETTINGS.reminderMinutes] });
  }

  const minutesText = draft ?? formatReminderMinutes(current.reminderMinutes);
  const atDefault = draft === null && sameMinutes(current.reminderMinutes, DEFAULT_SETTINGS.reminderMinutes);

  return (
    <Card id="reminders" title={t('settingsRemindersHeading')}>
      <label class="field__label" for="reminder-minutes">
        {t('settingsMinutesLabel')}
      </label>
      <div class="field__row">
        <TextInput
          id="reminder-minutes"
          inputRef={inputRef}
          value={minutesText}
          invalid={minutesError !== null}
          describedBy="reminder-minutes-error reminder-minutes-hint"
          onValue={setDraft}
          onBlur={onMinutesDone}
          onKeyDown={(event) => event.key === 'Enter' && onMinutesDone()}
        />
        <button type="button" class="button button--quiet" onClick={restoreDefaultMinutes} disabled={atDefault}>
          {t('settingsMinutesDefault')}
        </button>
      </div>
      <FieldError id="reminder-minutes-error" text={minutesError ? t(minutesError.error, minutesError.params) : ''} />
      <p id="reminder-minutes-hint" class="hint">
        {t('settingsMinutesHint', {
          max: MAX_REMINDER_MINUTES,
          count: MAX_REMINDERS,
          default: formatReminderMinutes(DEFAULT_SETTINGS.reminderMinutes),
        })}
      </p>
      {!current.notify.remind && <p class="note">{t('settingsRemindersOff')}</p>}
    </Card>
  );
}
