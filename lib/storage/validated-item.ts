import { storage, type StorageItemKey } from 'wxt/utils/storage';
import type { z } from 'zod/mini';
import type { StoredItem } from './stored';

// A versioned storage item whose value is checked against its zod schema on every read. Stored data
// can be from an older version, hand-edited or damaged; a reader gets the migrated value or the
// fallback (or, with `read`, whatever the item makes of it), never a shape its types do not promise.

export interface ValidatedItem<T> {
  key: StorageItemKey;
  get(): Promise<T>;
  set(value: T): Promise<void>;
  /**
   * What `set` would store, as storage keys and values: the value checked against the schema (throws
   * if it fails) and the item's version, once its migrations ran. For `setTogether`; absent on items
   * that are a view into another.
   */
  entries?(value: T): Promise<{ key: StorageItemKey; value: unknown }[]>;
  /** Calls back with every new valid value; returns the unsubscribe function. */
  watch(callback: (value: T) => void): () => void;
}

export interface ValidatedItemOptions<T> {
  schema: z.ZodMiniType<T>;
  /** Migrations from each older version (WXT runs them in order when the item is first used). */
  // `any`: each migration names the shape it reads, which `unknown` would not accept as a parameter.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  migrations?: Record<number, (old: any) => unknown>;
  /**
   * Reads a stored (already migrated) value instead of "valid, or else the whole fallback": for an
   * item that should keep the good parts of a damaged value. Must return a valid T whatever it gets.
   * Writes are still checked against `schema`.
   */
  read?: (raw: unknown) => T;
}

export function defineValidatedItem<T>(stored: StoredItem<T>, options: ValidatedItemOptions<T>): ValidatedItem<T> {
  const { key, fallback, version } = stored;
  const item = storage.defineItem<unknown>(key, { fallback, version, migrations: options.migrations });
  const validate =
    options.read ??
    ((value: unknown): T => {
      const parsed = options.schema.safeParse(value);
      return parsed.success ? parsed.data : fallback;
    });
  return {
    key,
    get: async () => validate(await item.getValue()),
    set: async (value) => item.setValue(options.schema.parse(value)),
    async entries(value) {
      // Reading waits for the migrations: a value stored over an unmigrated one would be migrated again.
      await item.getMeta();
      // The version beside it, as `setValue` writes it when the item was empty: else read as version 1.
      return [
        { key, value: options.schema.parse(value) },
        { key: `${key}$`, value: { v: version } },
      ];
    },
    watch: (callback) => item.watch((value) => callback(validate(value))),
  };
}

/** One value for one item, for `setTogether`. */
export interface ItemWrite<T> {
  item: ValidatedItem<T>;
  value: T;
}

export const write = <T>(item: ValidatedItem<T>, value: T): ItemWrite<T> => ({ item, value });

/**
 * Stores several items of one area in one `storage.set`: the background can be stopped between two
 * writes, and items that must agree (a watched list and the snapshot folded with it) would then
 * disagree for good. Every value is checked first; if any fails, nothing is written.
 */
// `any`: the writes are of different items; each `ItemWrite<T>` was type-checked where it was made.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function setTogether(writes: readonly ItemWrite<any>[]): Promise<void> {
  const values = (
    await Promise.all(
      writes.map(async ({ item, value }) => {
        if (!item.entries) throw new Error(`${item.key} cannot be written with others`);
        return item.entries(value);
      }),
    )
  ).flat();
  const areas = new Set(values.map(({ key }) => key.slice(0, key.indexOf(':'))));
  // Items of different areas would take one `set` each: no longer one write.
  if (areas.size > 1) throw new Error('items written together must share their storage area');
  await storage.setItems(values);
}
