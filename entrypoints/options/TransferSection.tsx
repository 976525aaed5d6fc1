import { useRef, useState } from 'preact/hooks';
import type { AlertKind } from '@/lib/alerts/alert-id';
import { locale, t } from '@/lib/i18n';
import type { MessageKey } from '@/lib/i18n/messages';
import type { SettingsPath } from '@/lib/settings/read';
import type { Settings } from '@/lib/settings/schema';
import { exportSettings, importSettings, SETTINGS_FILE_MAX_CHARS, SETTINGS_FILE_NAME } from '@/lib/settings/transfer';
import { Card } from './Card';
import { Status, type Message } from './Status';
import { NOTIFY_KINDS, NOTIFY_LABELS } from './SwitchSections';

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

interface Props {
  settings: Settings;
  /** Stores imported settings in place of all the current ones; false when storing failed. */
  replace: (next: Settings) => Promise<boolean>;
}

/** The settings as a file: export, and import (checked whole before anything is stored). */
export function TransferSection({ settings: current, replace }: Props) {
  const [transferStatus, setTransferStatus] = useState<Message | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

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
    if (await replace(result.settings)) setTransferStatus({ key: 'settingsImported', tone: 'ok' });
    else setTransferStatus(null);
  }

  return (
    <Card id="transfer" title={t('settingsTransferHeading')}>
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
    </Card>
  );
}
