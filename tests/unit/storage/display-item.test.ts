import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { displayItem } from '@/lib/storage/display-item';
import { snapshot12306Item, stored } from '@/lib/storage/items';
import { EMPTY_SNAPSHOT } from '@/lib/watch/snapshot';
import { makeSnapshot } from '../helpers/orders';

// The popup's unvalidated view of stored items: it shows what the background stored at the item's
// own version, and nothing it would have to migrate first.

const flush = () => new Promise((done) => setTimeout(done, 0));
const v2 = { key: 'local:test.shown', version: 2, fallback: { n: 0 } } as const;

describe('display items', () => {
  it('read what a validated item wrote, and the fallback when nothing is stored', async () => {
    const shown = displayItem(stored.snapshot12306);
    expect(await shown.get()).toEqual(EMPTY_SNAPSHOT);
    const snapshot = makeSnapshot({ status: 'busy', checkedAt: 1_000 });
    await snapshot12306Item.set(snapshot);
    expect(await shown.get()).toEqual(snapshot);
  });

  it('read nothing stored at another version: older (a migration to come) or newer', async () => {
    const shown = displayItem(v2);
    await fakeBrowser.storage.local.set({ 'test.shown': { old: true } }); // no version: WXT's v1
    expect(await shown.get()).toBeUndefined();
    await fakeBrowser.storage.local.set({ 'test.shown$': { v: 3 } });
    expect(await shown.get()).toBeUndefined();
    await fakeBrowser.storage.local.set({ 'test.shown': { n: 5 }, 'test.shown$': { v: 2 } });
    expect(await shown.get()).toEqual({ n: 5 });
  });

  it('tell watchers of each change of the value or of its version, until unsubscribed', async () => {
    const seen: unknown[] = [];
    const unwatch = displayItem(v2).watch((value) => seen.push(value));
    await fakeBrowser.storage.local.set({ 'test.shown': { n: 1 } }); // v1: migration pending
    await flush();
    await fakeBrowser.storage.local.set({ 'test.shown$': { v: 2 } }); // migrated
    await flush();
    await fakeBrowser.storage.local.set({ 'unrelated.key': 1 });
    await fakeBrowser.storage.session.set({ 'test.shown': { n: 9 } });
    await flush();
    unwatch();
    await fakeBrowser.storage.local.set({ 'test.shown': { n: 2 } });
    await flush();
    expect(seen).toEqual([undefined, { n: 1 }]);
  });
});
