import { describe, expect, it } from 'vitest';
import { SETTINGS_VERSION } from '@/lib/settings/migrations';
import { DEFAULT_SETTINGS } from '@/lib/settings/defaults';
import { settingsSchema, type Settings } from '@/lib/settings/schema';
import { exportSettings, importSettings, SETTINGS_FILE_MAX_CHARS } from '@/lib/settings/transfer';

const custom: Settings = {
  reminderMinutes: [45, 15, 3],
  notify: { found: true, remind: true, due: false, gone: false, loginExpired: true },
  sound: true,
  overlay: false,
  maskPassengers: false,
};

const file = (contents: Record<string, unknown>) =>
  JSON.stringify({ app: 'PayClock', kind: 'settings', version: 1, settings: custom, ...contents });

describe('exportSettings', () => {
  it('writes pretty JSON naming the app, the kind and the version', () => {
    const text = exportSettings(custom);
    expect(JSON.parse(text)).toEqual({
      app: 'PayClock',
      kind: 'settings',
      version: SETTINGS_VERSION,
      settings: custom,
    });
    expect(text).toContain('\n  "app": "PayClock",\n');
    expect(Object.keys(JSON.parse(text))).toEqual(['app', 'kind', 'version', 'settings']);
  });

  it('writes only the known settings, whatever else the object carries', () => {
    const carrying = {
      ...custom,
      apiKey: 'sk-SECRET-1',
      accounts: [{ token: 'SECRET-2' }],
      notify: { ...custom.notify, webhook: 'https://SECRET-3' },
    };
    const text = exportSettings(carrying as Settings);
    expect(text).not.toMatch(/SECRET|apiKey|accounts|webhook/);
    const { settings } = JSON.parse(text) as { settings: Record<string, unknown> };
    expect(Object.keys(settings).sort()).toEqual(Object.keys(settingsSchema.shape).sort());
    expect(Object.keys(settings.notify as object).sort()).toEqual(Object.keys(custom.notify).sort());
    expect(settings).toEqual(custom);
  });

  it('writes nothing it could not read back', () => {
    expect(() => exportSettings({ ...custom, reminderMinutes: [0] })).toThrow();
  });
});

describe('importSettings', () => {
  it('reads back what was exported', () => {
    expect(importSettings(exportSettings(custom))).toEqual({ ok: true, settings: custom });
    expect(importSettings(exportSettings(DEFAULT_SETTINGS))).toEqual({ ok: true, settings: DEFAULT_SETTINGS });
  });

  it('accepts a file saved with a byte order mark', () => {
    expect(importSettings(`\uFEFF${exportSettings(custom)}`)).toEqual({ ok: true, settings: custom });
  });

  it('leaves out fields it does not know', () => {
    const result = importSettings(file({ settings: { ...custom, apiKey: 'x' }, extra: 1 }));
    expect(result).toEqual({ ok: true, settings: custom });
  });

  it.each(['', 'not json', '{"app": "PayClock",', '<html></html>'])('refuses %j as not JSON', (text) => {
    expect(importSettings(text)).toEqual({ ok: false, error: 'settingsImportNotJson' });
  });

  it.each([
    ['a number', '42'],
    ['an array', '[]'],
    ['null', 'null'],
    ['another app', file({ app: 'OtherClock' })],
    ['no app', file({ app: undefined })],
    ['another kind', file({ kind: 'orders' })],
    ['no version', file({ version: undefined })],
    ['version 0', file({ version: 0 })],
    ['a version in words', file({ version: '1' })],
    ['a fractional version', file({ version: 1.5 })],
    ['settings that are not an object', file({ settings: [1, 2] })],
    ['no settings', file({ settings: undefined })],
  ])('refuses %s as not PayClock settings', (_, text) => {
    expect(importSettings(text)).toEqual({ ok: false, error: 'settingsImportNotSettings' });
  });

  it('refuses a file from a newer version', () => {
    expect(importSettings(file({ version: SETTINGS_VERSION + 1 }))).toEqual({
      ok: false,
      error: 'settingsImportNewer',
      params: { version: SETTINGS_VERSION + 1 },
    });
  });

  it('refuses invalid or missing values and says which', () => {
    const { sound: _sound, ...withoutSound } = custom;
    const text = file({
      settings: { ...withoutSound, reminderMinutes: [10, 10], notify: { ...custom.notify, due: 'no' } },
    });
    expect(importSettings(text)).toEqual({
      ok: false,
      error: 'settingsImportBadValues',
      fields: ['reminderMinutes', 'notify.due', 'sound'],
    });
  });

  it('refuses a file far larger than settings can be', () => {
    const text = file({ padding: 'x'.repeat(SETTINGS_FILE_MAX_CHARS) });
    expect(importSettings(text)).toEqual({ ok: false, error: 'settingsImportTooLarge' });
  });
});
