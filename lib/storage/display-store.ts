import { browser } from 'wxt/browser';
import type { StoredItem } from './stored';

// What the popup displays, read from storage without the items' schemas, in one call, and kept live.
//
// Without schemas: zod's core alone is over 5 KB gzipped, a fifth of the popup's budget, and the
// popup only displays what the extension itself stored: every write goes through the item's schema
// (validated-item.ts), and the background, which makes every decision, validates every read. So a
// value at the item's own version has the schema's shape. A value at any other version (a migration
// the background has still to run, or data of a newer release) is not read at all: the popup waits
// for it to change. Only a hand edit from outside the extension (devtools) can break the shape; the
// popup may then show it oddly, or, where rendering fails, its error boundary says the data is
// unreadable. Nothing is decided from it.
//
// In one call, started before the first render: the popup's first render with 200 orders is
// budgeted at 100 ms, and one storage round trip per item, each started from an effect that only
// runs after the first paint, cost some 20–30 ms of it on the development machine. Changes are followed from before the read is
// sent, so none made while it is under way is lost or overwritten by the older value it returns.

type Area = 'local' | 'session' | 'sync' | 'managed';

export interface DisplayStore {
  /** Settles once the first read has answered, or failed (then `get` throws). */
  readonly loaded: Promise<void>;
  /** Counts the changes seen, for a hook to know whether it missed one. */
  readonly version: number;
  /**
   * The item's value: the stored value, its fallback when nothing is stored, or undefined before the
   * first read and while it is stored at another version. The same object until the item changes.
   * Throws for an item the store was not made with, and when storage could not be read.
   */
  get<T>(item: StoredItem<T>): T | undefined;
  /** Calls back after any of the items changed; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

function place(item: StoredItem<unknown>) {
  const colon = item.key.indexOf(':');
  const name = item.key.slice(colon + 1);
  // WXT keeps an item's version beside it, under the same key followed by "$".
  return { area: item.key.slice(0, colon) as Area, name, metaName: `${name}$` };
}

/** An item's displayed value in what its area holds, by the rules above. */
function displayedValue<T>(item: StoredItem<T>, held: Readonly<Record<string, unknown>>): T | undefined {
  const { name, metaName } = place(item);
  const value = held[name];
  if (value === undefined || value === null) return item.fallback;
  const meta = held[metaName] as { v?: unknown } | undefined;
  return (meta?.v ?? 1) === item.version ? (value as T) : undefined;
}

export function displayStore(items: readonly StoredItem<unknown>[]): DisplayStore {
  const held: Record<Area, Record<string, unknown>> = { local: {}, session: {}, sync: {}, managed: {} };
  const keys = new Set(items.map((item) => item.key));
  const wanted = new Map<Area, Set<string>>();
  for (const item of items) {
    const { area, name, metaName } = place(item);
    const names = wanted.get(area) ?? new Set<string>();
    names.add(name).add(metaName);
    wanted.set(area, names);
  }
  /** Keys changed since the read was sent: the read's answer for them is older. */
  const changedSinceRead = new Set<string>();
  const cache = new Map<string, unknown>();
  const listeners = new Set<() => void>();
  let read = false;
  let failure: { error: unknown } | null = null;
  let version = 0;

  const changed = () => {
    version += 1;
    cache.clear();
    for (const listener of [...listeners]) listener();
  };

  browser.storage.onChanged.addListener((changes, area) => {
    const names = wanted.get(area as Area);
    const relevant = Object.keys(changes).filter((key) => names?.has(key));
    if (relevant.length === 0) return;
    for (const key of relevant) {
      const { newValue } = changes[key]!;
      if (newValue === undefined) delete held[area as Area][key];
      else held[area as Area][key] = newValue;
      changedSinceRead.add(`${area}:${key}`);
    }
    if (read) changed();
  });

  const loaded = Promise.all(
    [...wanted].map(async ([area, names]) => {
      const found = await browser.storage[area].get([...names]);
      for (const [key, value] of Object.entries(found))
        if (!changedSinceRead.has(`${area}:${key}`)) held[area][key] = value;
    }),
  ).then(
    () => {
      read = true;
      changed();
    },
    (error: unknown) => {
      // Never shown as "no orders": the popup's error boundary says the data could not be read.
      failure = { error };
      changed();
    },
  );

  return {
    loaded,
    get version() {
      return version;
    },
    get<T>(item: StoredItem<T>): T | undefined {
      // Not read, so its fallback would pass for "nothing stored": a mistake, not an empty list.
      if (!keys.has(item.key)) throw new Error(`${item.key} is not one of this store's items`);
      if (failure) throw new Error('storage could not be read', { cause: failure.error });
      if (!read) return undefined;
      if (!cache.has(item.key)) cache.set(item.key, displayedValue(item, held[place(item).area]));
      return cache.get(item.key) as T | undefined;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
