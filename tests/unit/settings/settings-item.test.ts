import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { DEFAULT_SETTINGS } from '@/lib/settings/defaults';
import type { Settings } from '@/lib/settings/schema';
import { settingsItem } from '@/lib/storage/items';

// The stored settings item, as the background and the options page use it.

const custom: Settings = {
  reminderMinutes: [20, 2],
  notify: { found: true, remind: false, due: true, gone: false, loginExpired: true },
  sound: true,
  overlay: false,
  maskPassengers: false,
};

describe('settingsItem', () => {
  it('reads nothing stored as the defaults', async () => {
    expect(await settingsItem.get()).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps the valid fields of a damaged stored value', async () => {
    await fakeBrowser.storage.local.set({
      settings: { ...custom, reminderMinutes: 'ten', notify: { ...custom.notify, gone: 7 } },
    });
    expect(await settingsItem.get()).toEqual({
      ...custom,
      reminderMinutes: DEFAULT_SETTINGS.reminderMinutes,
      notify: { ...custom.notify, gone: true },
    });
  });

  it('tells watchers the leniently read value', async () => {
    const seen: Settings[] = [];
    const unwatch = settingsItem.watch((value) => seen.push(value));
    await fakeBrowser.storage.local.set({ settings: { ...custom, sound: 'loud' } });
    unwatch();
    expect(seen).toEqual([{ ...custom, sound: false }]);
  });

  it('still refuses to store invalid settings', async () => {
    await expect(settingsItem.set({ ...custom, reminderMinutes: [0] })).rejects.toThrow();
    await expect(settingsItem.set({ ...custom, sound: 'yes' } as never)).rejects.toThrow();
    expect(await fakeBrowser.storage.local.get('settings')).toEqual({});
    await settingsItem.set(custom);
    expect(await settingsItem.get()).toEqual(custom);
  });
});
