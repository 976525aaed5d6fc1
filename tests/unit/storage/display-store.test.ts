import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { displayStore } from '@/lib/storage/display-store';
import { snapshot12306Item, stored } from '@/lib/storage/items';
import { makeSnapshot } from '../helpers/orders';

// The popup's unvalidated view of stored items: everything read in one call, what the background
// stored at each item's own version, nothing it would have to migrate first, and every change.

const flush = () => new Promise((done) => setTimeout(done, 0));
const v2 = { key: 'local:test.shown', version: 2, fallback: { n: 0 } } as const;

afterEach(() => vi.restoreAllMocks());

describe('the display store', () => {
  it('reads every item in one storage call: what a validated item wrote, or the fallback', async () => {
    const snapshot = makeSnapshot({ status: 'busy', checkedAt: 1_000 });
    await snapshot12306Item.set(snapshot);
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    const store = displayStore([stored.snapshot12306, stored.quietOrders, v2]);
    expect(store.get(stored.snapshot12306)).toBeUndefined(); // not read yet: never "no orders"
    await store.loaded;
    expect(get).toHaveBeenCalledTimes(1);
    expect(store.get(stored.snapshot12306)).toEqual(snapshot);
    expect(store.get(stored.quietOrders)).toEqual({});
    expect(store.get(v2)).toEqual({ n: 0 });
    expect(() => store.get(stored.snapshotWaitlist)).toThrow('not one of'); // never read: no fallback
  });

  it('reads nothing stored at another version: older (a migration to come) or newer', async () => {
    await fakeBrowser.storage.local.set({ 'test.shown': { old: true } }); // no version: WXT's v1
    const store = displayStore([v2]);
    await store.loaded;
    expect(store.get(v2)).toBeUndefined();
    await fakeBrowser.storage.local.set({ 'test.shown$': { v: 3 } });
    expect(store.get(v2)).toBeUndefined();
    await fakeBrowser.storage.local.set({ 'test.shown': { n: 5 }, 'test.shown$': { v: 2 } });
    expect(store.get(v2)).toEqual({ n: 5 });
  });

  it('tells subscribers of each change of a value or of its version, until unsubscribed', async () => {
    const store = displayStore([v2]);
    await store.loaded;
    const seen: unknown[] = [];
    const unsubscribe = store.subscribe(() => seen.push(store.get(v2)));
    await fakeBrowser.storage.local.set({ 'test.shown': { n: 1 } }); // v1: migration pending
    await fakeBrowser.storage.local.set({ 'test.shown$': { v: 2 } }); // migrated
    await fakeBrowser.storage.local.set({ 'unrelated.key': 1 });
    await fakeBrowser.storage.session.set({ 'test.shown': { n: 9 } });
    await fakeBrowser.storage.local.remove('test.shown');
    unsubscribe();
    await fakeBrowser.storage.local.set({ 'test.shown': { n: 2 } });
    await flush();
    expect(seen).toEqual([undefined, { n: 1 }, { n: 0 }]);
    expect(store.get(v2)).toEqual({ n: 2 }); // still followed, just not announced
  });

  it('keeps a change made while its read was under way, not the older value the read returns', async () => {
    await fakeBrowser.storage.local.set({ 'test.shown': { n: 1 }, 'test.shown$': { v: 2 } });
    const read = fakeBrowser.storage.local.get.bind(fakeBrowser.storage.local);
    let answer!: () => void;
    vi.spyOn(fakeBrowser.storage.local, 'get').mockImplementation(async (keys) => {
      const found = await read(keys); // the value as the read saw it...
      await new Promise<void>((done) => (answer = done));
      return found; // ...answered after a newer write
    });
    const store = displayStore([v2]);
    await flush();
    await fakeBrowser.storage.local.set({ 'test.shown': { n: 2 } });
    answer();
    await store.loaded;
    expect(store.get(v2)).toEqual({ n: 2 });
  });

  it('keeps the same object until its item changes, so unchanged parts need not re-render', async () => {
    await fakeBrowser.storage.local.set({ 'test.shown': { n: 1 }, 'test.shown$': { v: 2 } });
    const store = displayStore([v2, stored.quietOrders]);
    await store.loaded;
    const first = store.get(v2);
    expect(store.get(v2)).toBe(first);
    await fakeBrowser.storage.local.set({ 'test.shown': { n: 2 } });
    expect(store.get(v2)).not.toBe(first);
  });

  it('throws, for the popup to say so, when storage cannot be read: an empty list would be a lie', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(fakeBrowser.storage.local, 'get').mockRejectedValue(new Error('disk gone'));
    const store = displayStore([stored.snapshot12306]);
    await store.loaded;
    expect(() => store.get(stored.snapshot12306)).toThrow('storage could not be read');
  });
});
