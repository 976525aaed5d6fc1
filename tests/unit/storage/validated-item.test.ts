import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { z } from 'zod/mini';
import { snapshot12306Item } from '@/lib/storage/items';
import { defineValidatedItem } from '@/lib/storage/validated-item';
import { EMPTY_SNAPSHOT } from '@/lib/watch/snapshot';

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
});
