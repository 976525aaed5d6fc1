import { browser } from 'wxt/browser';
import type { StoredItem } from './stored-item';

// The popup's read-only view of stored items, without their schemas. zod's core alone is over 5 KB
// gzipped, a fifth of the popup's budget, and the popup only displays what the extension itself
// stored: every write goes through the item's schema (validated-item.ts), and the background, which
// makes every decision, validates every read. So a value at the item's own version has the schema's
// shape. A value at any other version (a migration the background has still to run, or data of a
// newer release) is not read at all: the popup waits for it to change. Only a hand edit from
// outside the extension (devtools) can break the shape; the popup may then show it oddly, or, where
// rendering fails, its error boundary says the data is unreadable. Nothing is decided from it.

export interface DisplayItem<T> {
  /** The stored value, the fallback when nothing is stored, or undefined at another version. */
  get(): Promise<T | undefined>;
  /** Calls back with each new value (as `get` reads it); returns the unsubscribe function. */
  watch(callback: (value: T | undefined) => void): () => void;
}

type Area = 'local' | 'session' | 'sync' | 'managed';

export function displayItem<T>(stored: StoredItem<T>): DisplayItem<T> {
  const colon = stored.key.indexOf(':');
  const area = stored.key.slice(0, colon) as Area;
  const name = stored.key.slice(colon + 1);
  // WXT keeps an item's version beside it, under the same key followed by "$".
  const metaName = `${name}$`;

  async function get(): Promise<T | undefined> {
    const found = await browser.storage[area].get([name, metaName]);
    const value = found[name];
    if (value === undefined || value === null) return stored.fallback;
    const meta = found[metaName] as { v?: unknown } | undefined;
    return (meta?.v ?? 1) === stored.version ? (value as T) : undefined;
  }

  return {
    get,
    watch(callback) {
      let live = true;
      const listener = (changes: Record<string, unknown>, changedArea: string) => {
        if (changedArea === area && (name in changes || metaName in changes))
          void get().then((value) => live && callback(value));
      };
      browser.storage.onChanged.addListener(listener);
      return () => {
        live = false;
        browser.storage.onChanged.removeListener(listener);
      };
    },
  };
}
