import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { closeLocalStorageToContentScripts } from '@/entrypoints/background/storage-access';

// WXT's fake browser has no setAccessLevel, as Firefox has none on storage.local: each test gives
// the browser the one it stands for.

type Local = { setAccessLevel?: unknown };
const local = fakeBrowser.storage.local as unknown as Local;

describe('closing storage.local to content scripts', () => {
  afterEach(() => {
    delete local.setAccessLevel;
    vi.restoreAllMocks();
  });

  it('asks Chrome to keep it to the extension’s own pages and background', async () => {
    const setAccessLevel = vi.fn(async () => undefined);
    local.setAccessLevel = setAccessLevel;
    await expect(closeLocalStorageToContentScripts()).resolves.toBe(true);
    expect(setAccessLevel).toHaveBeenCalledWith({ accessLevel: 'TRUSTED_CONTEXTS' });
  });

  it('starts all the same where the browser lacks the call (Firefox)', async () => {
    await expect(closeLocalStorageToContentScripts()).resolves.toBe(false);
  });

  it.each([
    ['refuses it', () => Promise.reject(new Error('only supported for storage.session'))],
    [
      'throws',
      () => {
        throw new Error('not implemented');
      },
    ],
  ])('starts all the same where the browser %s', async (_, setAccessLevel) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    local.setAccessLevel = setAccessLevel;
    await expect(closeLocalStorageToContentScripts()).resolves.toBe(false);
    expect(warn).toHaveBeenCalledOnce();
  });
});

describe('the background’s start', () => {
  afterEach(() => {
    delete local.setAccessLevel;
  });

  it.each([
    ['has the call', () => vi.fn(async () => undefined)],
    ['lacks it', () => undefined],
    ['refuses it', () => vi.fn(async () => Promise.reject(new Error('refused')))],
  ])('closes storage where the browser %s, and registers its listeners all the same', async (_, make) => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const setAccessLevel = make();
    if (setAccessLevel) local.setAccessLevel = setAccessLevel;
    const alarms = vi.spyOn(fakeBrowser.alarms.onAlarm, 'addListener');
    // Not in WXT's fake browser; the start only registers listeners on them.
    for (const event of [fakeBrowser.cookies.onChanged, fakeBrowser.permissions.onAdded])
      vi.spyOn(event, 'addListener').mockImplementation(() => undefined);
    const { default: background } = await import('@/entrypoints/background/index');
    expect(() => background.main()).not.toThrow();
    expect(alarms).toHaveBeenCalled();
    if (setAccessLevel) expect(setAccessLevel).toHaveBeenCalledWith({ accessLevel: 'TRUSTED_CONTEXTS' });
    // The start's own work (re-planning from storage, which records the alerts sent) went on, and
    // ends before the next test resets the browser.
    await vi.waitFor(async () =>
      expect(await fakeBrowser.storage.local.get('alerts.sent')).toHaveProperty('alerts.sent'),
    );
    vi.restoreAllMocks();
  });
});
