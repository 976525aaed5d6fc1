import { describe, expect, it } from 'vitest';
import { inspectSettings, readSettings } from '@/lib/settings/read';
import { DEFAULT_SETTINGS } from '@/lib/settings/defaults';
import type { Settings } from '@/lib/settings/schema';

const custom: Settings = {
  reminderMinutes: [30, 15],
  notify: { found: false, remind: true, due: false, gone: true, loginExpired: false },
  sound: true,
  overlay: false,
  maskPassengers: false,
};

describe('readSettings', () => {
  it('keeps valid settings as they are', () => {
    expect(readSettings(custom)).toEqual(custom);
    expect(inspectSettings(custom).invalid).toEqual([]);
  });

  it.each([undefined, null, 42, 'settings', [], [custom]])('reads %j as the defaults', (raw) => {
    expect(readSettings(raw)).toEqual(DEFAULT_SETTINGS);
  });

  it('defaults only the damaged fields and keeps the rest', () => {
    const { settings, invalid } = inspectSettings({ ...custom, reminderMinutes: [30, 'x'], sound: 'yes' });
    expect(settings).toEqual({ ...custom, reminderMinutes: DEFAULT_SETTINGS.reminderMinutes, sound: false });
    expect(invalid).toEqual(['reminderMinutes', 'sound']);
  });

  it('reads the notification switches one by one', () => {
    const { settings, invalid } = inspectSettings({
      ...custom,
      notify: { found: false, remind: 'on', due: false, loginExpired: null },
    });
    expect(settings.notify).toEqual({ found: false, remind: true, due: false, gone: true, loginExpired: true });
    expect(settings.sound).toBe(true);
    expect(invalid).toEqual(['notify.remind', 'notify.gone', 'notify.loginExpired']);
  });

  it('defaults the switches as a whole when they are not an object', () => {
    const { settings, invalid } = inspectSettings({ ...custom, notify: [true, false] });
    expect(settings.notify).toEqual(DEFAULT_SETTINGS.notify);
    expect(settings.overlay).toBe(false);
    expect(invalid).toEqual(['notify']);
  });

  it('fills in fields missing from an older or partial value', () => {
    expect(readSettings({ sound: true })).toEqual({ ...DEFAULT_SETTINGS, sound: true });
  });

  it.each([[[0]], [[121]], [[2.5]], [[5, 5]], [[10, 9, 8, 7, 6, 5]], ['10, 5']])(
    'refuses reminder times %j',
    (reminderMinutes) => {
      expect(readSettings({ ...custom, reminderMinutes }).reminderMinutes).toEqual(DEFAULT_SETTINGS.reminderMinutes);
    },
  );

  it('drops fields the schema does not know', () => {
    const read = readSettings({ ...custom, apiKey: 'secret', notify: { ...custom.notify, extra: 1 } });
    expect(read).toEqual(custom);
    expect(JSON.stringify(read)).not.toContain('secret');
  });

  it('never hands out the defaults object itself', () => {
    const read = readSettings(undefined);
    read.reminderMinutes.push(99);
    read.notify.found = false;
    expect(DEFAULT_SETTINGS.reminderMinutes).toEqual([10, 5, 1]);
    expect(DEFAULT_SETTINGS.notify.found).toBe(true);
  });
});
