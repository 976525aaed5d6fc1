import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { z } from 'zod/mini';
import { snapshot12306Item, snapshotWaitlistItem } from '@/lib/storage/items';
import { defineValidatedItem, setTogether, write } from '@/lib/storage/validated-item';
import { EMPTY_SNAPSHOT } from '@/lib/snapshots/snapshot';

describe('stored items', () => {
  it('read damaged or foreign data as the fallback instead of trusting it', async () => {
    await fakeBrowser.storage.local.set({ 'snapshot.12306': { status: 'ok', orders: 'all of them' } });
    expect(await snapshot12306Item.get()).toEqual(EMPTY_SNAPSHOT);
  });

  it('refuse to store a value that breaks the schema', async () => {
    await expect(snapshot12306Item.set({ ...EMPTY_SNAPSHOT, failures: 'many' } as never)).rejects.toThrow();
    expect(await fakeBrowser.storage.local.get('snapshot.12306')).toEqual({});
  });

  it('tell watchers only about valid values', async () => {
    const seen: unknown[] = [];
    const unwatch = snapshot12306Item.watch((value) => seen.push(value.status));
    await snapshot12306Item.set({ ...EMPTY_SNAPSHOT, status: 'busy' });
    await fakeBrowser.storage.local.set({ 'snapshot.12306': 42 });
    unwatch();
    expect(seen).toEqual(['busy', 'unknown']);
  });

  it('migrate a value stored by an older version before validating it', async () => {
    await fakeBrowser.storage.local.set({ 'test.item': { minutes: [10, 5] }, 'test.item$': { v: 1 } });
    const stored = { key: 'local:test.item', version: 2, fallback: { reminderMinutes: [] as number[] } } as const;
    const item = defineValidatedItem(stored, {
      schema: z.object({ reminderMinutes: z.array(z.number()) }),
      migrations: { 2: (old: { minutes: number[] }) => ({ reminderMinutes: old.minutes }) },
    });
    expect(await item.get()).toEqual({ reminderMinutes: [10, 5] });
    expect(await fakeBrowser.storage.local.get('test.item$')).toEqual({ 'test.item$': { v: 2 } });
  });

  it('written together, go in one storage write, or not at all when one value breaks its schema', async () => {
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    try {
      await setTogether([
        write(snapshot12306Item, { ...EMPTY_SNAPSHOT, status: 'busy' }),
        write(snapshotWaitlistItem, { ...EMPTY_SNAPSHOT, status: 'ok' }),
      ]);
      expect(set).toHaveBeenCalledTimes(1);
      expect((await snapshot12306Item.get()).status).toBe('busy');
      expect((await snapshotWaitlistItem.get()).status).toBe('ok');

      await expect(
        setTogether([
          write(snapshot12306Item, { ...EMPTY_SNAPSHOT, status: 'timeout' }),
          write(snapshotWaitlistItem, { ...EMPTY_SNAPSHOT, failures: Infinity }),
        ]),
      ).rejects.toThrow();
      expect(set).toHaveBeenCalledTimes(1);
      expect((await snapshot12306Item.get()).status).toBe('busy');
    } finally {
      set.mockRestore();
    }
  });
});
