import { z } from 'zod/mini';
import type { MessageKey } from '../i18n/messages';
import type { Params } from '../i18n/translate';
import { migrateSettings, SETTINGS_VERSION, settingsMigrations } from './migrations';
import { inspectSettings, type SettingsPath } from './read';
import { settingsSchema, type Settings } from './schema';

// The settings as a file the user can keep or move to another browser:
//   { "app": "PayClock", "kind": "settings", "version": 1, "settings": { ... } }
// The file is built from the schema's fields alone, never by copying what happens to be stored or
// passed in, so nothing else the extension keeps (such as API keys, later) can ever end up in it.

export const SETTINGS_FILE_NAME = 'payclock-settings.json';
/** A settings file is well under 1 KB; anything far larger is not one. */
export const SETTINGS_FILE_MAX_CHARS = 64 * 1024;

const APP = 'PayClock';
const KIND = 'settings';

export type ImportResult =
  | { ok: true; settings: Settings }
  | {
      ok: false;
      error: MessageKey;
      params?: Params;
      /** With `settingsImportBadValues`: which settings were missing or invalid. */
      fields?: SettingsPath[];
    };

type Json = Record<string, unknown>;

const isPlainObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Only the fields the schema names, recursively; everything else on `value` is left behind. */
function pickKnown(schema: z.core.$ZodType, value: unknown): unknown {
  if (!(schema instanceof z.ZodMiniObject) || !isPlainObject(value)) return value;
  return Object.fromEntries(Object.entries(schema.shape).map(([key, field]) => [key, pickKnown(field, value[key])]));
}

/** The settings file's text: pretty JSON with only the known settings fields. Throws on invalid settings. */
export function exportSettings(settings: Settings): string {
  const known = settingsSchema.parse(pickKnown(settingsSchema, settings));
  return `${JSON.stringify({ app: APP, kind: KIND, version: SETTINGS_VERSION, settings: known }, null, 2)}\n`;
}

/**
 * Reads a settings file. Refuses, with the reason, anything that is not JSON, not PayClock's
 * settings, from a newer version, or with any missing or invalid value (an import replaces all
 * settings, so it is all or nothing). Files from an older version are migrated first.
 */
export function importSettings(text: string): ImportResult {
  if (text.length > SETTINGS_FILE_MAX_CHARS) return { ok: false, error: 'settingsImportTooLarge' };
  let file: unknown;
  try {
    // Some Windows editors start a saved file with a byte order mark.
    file = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, error: 'settingsImportNotJson' };
  }
  if (!isPlainObject(file) || file.app !== APP || file.kind !== KIND || !isPlainObject(file.settings)) {
    return { ok: false, error: 'settingsImportNotSettings' };
  }
  const { version } = file;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, error: 'settingsImportNotSettings' };
  }
  if (version > SETTINGS_VERSION) return { ok: false, error: 'settingsImportNewer', params: { version } };
  let migrated: unknown;
  try {
    migrated = migrateSettings(file.settings, version, SETTINGS_VERSION, settingsMigrations);
  } catch {
    return { ok: false, error: 'settingsImportNotSettings' };
  }
  const { settings, invalid } = inspectSettings(migrated);
  if (invalid.length > 0) return { ok: false, error: 'settingsImportBadValues', fields: invalid };
  return { ok: true, settings };
}
