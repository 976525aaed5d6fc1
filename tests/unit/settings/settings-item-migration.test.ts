import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { DEFAULT_SETTINGS } from '@/lib/settings/defaults';

// The settings item takes its version and migrations from lib/settings/migrations.ts: pretend that
// version 2 renamed `sound` from `beep`, and a value stored by version 1 must come out migrated.
vi.mock('@/lib/settings/migrations', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/settings/migrations')>()),
  SETTINGS_VERSION: 2,
  settingsMigrations: {
    2: ({ beep, ...rest }: Record<string, unknown>) => ({ ...rest, sound: beep }),
  },
}));

describe('settings migrations', () => {
  it('migrate a value stored by an older version before reading it', async () => {
    const { sound: _sound, ...v1 } = { ...DEFAULT_SETTINGS, overlay: false };
    await fakeBrowser.storage.local.set({ settings: { ...v1, beep: true }, settings$: { v: 1 } });
    // Imported only now: WXT migrates an item's stored value when the item is defined.
    const { settingsItem } = await import('@/lib/storage/items');
    expect(await settingsItem.get()).toEqual({ ...DEFAULT_SETTINGS, overlay: false, sound: true });
    expect(await fakeBrowser.storage.local.get('settings$')).toEqual({ settings$: { v: 2 } });
  });

  it('migrate a settings file written by an older version before importing it', async () => {
    const { importSettings } = await import('@/lib/settings/transfer');
    const { sound: _sound, ...v1 } = { ...DEFAULT_SETTINGS, overlay: false };
    const text = JSON.stringify({ app: 'PayClock', kind: 'settings', version: 1, settings: { ...v1, beep: true } });
    expect(importSettings(text)).toEqual({ ok: true, settings: { ...DEFAULT_SETTINGS, overlay: false, sound: true } });
  });
});
