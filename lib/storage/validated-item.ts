import { storage, type StorageItemKey } from 'wxt/utils/storage';
import type { z } from 'zod/mini';
import type { StoredItem } from './stored-item';

// A versioned storage item whose value is checked against its zod schema on every read. Stored data
// can be from an older version, hand-edited or damaged; a reader gets the migrated value or the
// fallback (or, with `read`, whatever the item makes of it), never a shape its types do not promise.

export interface ValidatedItem<T> {
  key: StorageItemKey;
  get(): Promise<T>;
  set(value: T): Promise<void>;
  /** Calls back with every new valid value; returns the unsubscribe function. */
  watch(callback: (value: T) => void): () => void;
}

/** An item defined here: it can also check a value for a write made with others (write-together.ts). */
export interface CheckedItem<T> extends ValidatedItem<T> {
  /** The value as `set` would write it; throws if the schema refuses it. */
  check(value: T): T;
}

export interface ValidatedItemOptions<T> {
  schema: z.ZodMiniType<T>;
  /** Migrations from each older version (WXT runs them in order when the item is first used). */
  migrations?: Record<number, (old: any) => unknown>;
  /**
   * Reads a stored (already migrated) value instead of "valid, or else the whole fallback": for an
   * item that should keep the good parts of a damaged value. Must return a valid T whatever it gets.
   * Writes are still checked against `schema`.
   */
  read?: (raw: unknown) => T;
}

export function defineValidatedItem<T>(stored: StoredItem<T>, options: ValidatedItemOptions<T>): CheckedItem<T> {
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
    check: (value) => options.schema.parse(value),
    watch: (callback) => item.watch((value) => callback(validate(value))),
  };
}
