import { useEffect, useRef, useState } from 'preact/hooks';
import { Toggle } from '@/components/Toggle';
import type { AlertKind } from '@/lib/alerts/alert-id';
import { locale, t } from '@/lib/i18n';
import type { MessageKey } from '@/lib/i18n/messages';
import type { SettingsPath } from '@/lib/settings/read';
import { formatReminderMinutes, parseReminderMinutes, sameMinutes } from '@/lib/settings/reminder-minutes';
import { DEFAULT_SETTINGS, MAX_REMINDER_MINUTES, MAX_REMINDERS, type Settings } from '@/lib/settings/schema';
import { exportSettings, importSettings, SETTINGS_FILE_MAX_CHARS, SETTINGS_FILE_NAME } from '@/lib/settings/transfer';
import { settingsItem } from '@/lib/storage/items';
import { AccountsSection, WatchedSection } from './Accounts';
import { Status, type Message } from './Status';
import { FieldError, TextInput } from './TextField';

// The settings page. Every valid change is stored at once; the page follows the stored settings, so
// a change made in another tab shows here too. Nothing typed or imported is ever rendered as HTML.

/** One switch per kind of notification, in the order an order lives through them. */
const NOTIFY_LABELS: Record<AlertKind, MessageKey> = {
  found: 'settingsNotifyFound',
  remind: 'settingsNotifyRemind',
  due: 'settingsNotifyDue',
  gone: 'settingsNotifyGone',
  loginExpired: 'settingsNotifyLoginExpired',
};
const NOTIFY_KINDS = Object.keys(NOTIFY_LABELS) as AlertKind[];

/** How an import error names a setting. */
const FIELD_LABELS: Record<SettingsPath, MessageKey> = {
  reminderMinutes: 'settingsMinutesLabel',
  notify: 'settingsNotifyHeading',
  ...(Object.fromEntries(NOTIFY_KINDS.map((kind) => [`notify.${kind}`, NOTIFY_LABELS[kind]])) as Record<
    `notify.${AlertKind}`,
    MessageKey
  >),
  sound: 'settingsSoundLabel',
  overlay: 'settingsOverlayLabel',
  maskPassengers: 'settingsMaskLabel',
};

const SAVED_SHOWN_MS = 2500;
const EXPORT_URL_KEPT_MS = 60_000;

function fieldNames(paths: readonly SettingsPath[]): string {
  const colon = locale === 'zh' ? '：' : ': ';
  return paths
    .map((path) =>
      path.startsWith('notify.')
        ? `${t('settingsNotifyHeading')}${colon}${t(FIELD_LABELS[path])}`
        : t(FIELD_LABELS[path]),
    )
    .join(locale === 'zh' ? '、' : ', ');
}

export function App() {
  const [settings, setSettings] = useState<Settings>();
  const [saveStatus, setSaveStatus] = useState<Message | null>(null);
  const [transferStatus, setTransferStatus] = useState<Message | null>(null);
  /** The reminder field's text while it differs from the stored times' usual form; null shows those. */
  const [draft, setDraft] = useState<string | null>(null);
  const minutesInput = useRef<HTMLInputElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const savedTimer = useRef<ReturnType<typeof setTimeout>>();

  useEffect(() => {
    let live = true;
    let storedMinutes: string | undefined;
    void settingsItem.get().then((first) => live && setSettings((current) => current ?? first));
    const unwatch = settingsItem.watch((next) => {
      // New stored times (from this page or another) replace the field's text, unless someone is
      // typing in it; a change to anything else leaves the text alone.
      const minutes = next.reminderMinutes.join(',');
      if (minutes !== storedMinutes && document.activeElement !== minutesInput.current) setDraft(null);
      storedMinutes = minutes;
      setSettings(next);
    });
    return () => {
      live = false;
      unwatch();
      clearTimeout(savedTimer.current);
    };
  }, []);

  if (!settings) return <main class="options" aria-busy="true" />;
  const current = settings;

  async function save(next: Settings): Promise<boolean> {
    setSettings(next);
    clearTimeout(savedTimer.current);
    try {
      await settingsItem.set(next);
      setSaveStatus({ key: 'settingsSaved', tone: 'ok' });
      savedTimer.current = setTimeout(() => setSaveStatus(null), SAVED_SHOWN_MS);
      return true;
    } catch (error) {
      console.error('PayClock: saving the settings failed', error);
      setSaveStatus({ key: 'settingsSaveFailed', tone: 'error' });
      setSettings(await settingsItem.get());
      return false;
    }
  }

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

  function exportFile() {
    const url = URL.createObjectURL(new Blob([exportSettings(current)], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = SETTINGS_FILE_NAME;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    // The download may read the URL after click() returns (Firefox does); let go of it later.
    setTimeout(() => URL.revokeObjectURL(url), EXPORT_URL_KEPT_MS);
    setTransferStatus({ key: 'settingsExported', params: { file: SETTINGS_FILE_NAME }, tone: 'ok' });
  }

  async function importFile(input: HTMLInputElement) {
    const file = input.files?.[0];
    if (!file) return;
    let text: string;
    try {
      if (file.size > SETTINGS_FILE_MAX_CHARS) {
        setTransferStatus({ key: 'settingsImportTooLarge', tone: 'error' });
        return;
      }
      text = await file.text();
    } catch {
      setTransferStatus({ key: 'settingsImportUnreadable', tone: 'error' });
      return;
    } finally {
      input.value = ''; // so that choosing the same file again is a change too
    }
    const result = importSettings(text);
    if (!result.ok) {
      const params = { ...result.params, ...(result.fields ? { fields: fieldNames(result.fields) } : {}) };
      setTransferStatus({ key: result.error, params, tone: 'error' });
      return;
    }
    setDraft(null);
    if (await save(result.settings)) setTransferStatus({ key: 'settingsImported', tone: 'ok' });
    else setTransferStatus(null);
  }

  const minutesText = draft ?? formatReminderMinutes(current.reminderMinutes);
  const atDefault = draft === null && sameMinutes(current.reminderMinutes, DEFAULT_SETTINGS.reminderMinutes);

  return (
    <main class="options">
      <header class="options__header">
        <h1>{t('settingsPageTitle')}</h1>
        <Status message={saveStatus} />
      </header>

      <section class="card" aria-labelledby="reminders-heading">
        <h2 id="reminders-heading">{t('settingsRemindersHeading')}</h2>
        <label class="field__label" for="reminder-minutes">
          {t('settingsMinutesLabel')}
        </label>
        <div class="field__row">
          <TextInput
            id="reminder-minutes"
            inputRef={minutesInput}
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
      </section>

      <section class="card" aria-labelledby="notify-heading">
        <h2 id="notify-heading">{t('settingsNotifyHeading')}</h2>
        <fieldset class="toggles">
          <legend>{t('settingsNotifyIntro')}</legend>
          {NOTIFY_KINDS.map((kind) => (
            <Toggle
              key={kind}
              name={`notify.${kind}`}
              label={t(NOTIFY_LABELS[kind])}
              checked={current.notify[kind]}
              onChange={(checked) => void save({ ...current, notify: { ...current.notify, [kind]: checked } })}
            />
          ))}
        </fieldset>
      </section>

      <section class="card" aria-labelledby="sound-heading">
        <h2 id="sound-heading">{t('settingsSoundHeading')}</h2>
        <Toggle
          name="sound"
          label={t('settingsSoundLabel')}
          checked={current.sound}
          onChange={(sound) => void save({ ...current, sound })}
        />
      </section>

      <section class="card" aria-labelledby="overlay-heading">
        <h2 id="overlay-heading">{t('settingsOverlayHeading')}</h2>
        <Toggle
          name="overlay"
          label={t('settingsOverlayLabel')}
          checked={current.overlay}
          onChange={(overlay) => void save({ ...current, overlay })}
        />
      </section>

      <section class="card" aria-labelledby="privacy-heading">
        <h2 id="privacy-heading">{t('settingsPrivacyHeading')}</h2>
        <Toggle
          name="maskPassengers"
          label={t('settingsMaskLabel')}
          hint={t('settingsMaskHint')}
          checked={current.maskPassengers}
          onChange={(maskPassengers) => void save({ ...current, maskPassengers })}
        />
      </section>

      <AccountsSection />
      <WatchedSection />

      <section class="card" aria-labelledby="transfer-heading">
        <h2 id="transfer-heading">{t('settingsTransferHeading')}</h2>
        <p class="hint">{t('settingsTransferHint')}</p>
        <div class="buttons">
          <button type="button" class="button" onClick={exportFile}>
            {t('settingsExport')}
          </button>
          <button type="button" class="button" onClick={() => fileInput.current?.click()}>
            {t('settingsImport')}
          </button>
          {/* Opened by the button above, which is what keyboard and screen-reader users reach. */}
          <input
            ref={fileInput}
            type="file"
            accept=".json,application/json"
            hidden
            onChange={(event) => void importFile(event.currentTarget)}
          />
        </div>
        <Status message={transferStatus} />
      </section>
    </main>
  );
}
