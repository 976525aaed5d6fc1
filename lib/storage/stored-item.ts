import type { StorageItemKey } from 'wxt/utils/storage';

/**
 * Where an item lives and what it holds when nothing is stored. Plain data, so a page can name an
 * item without loading its schema (see display-store.ts); validated-item.ts adds the schema.
 */
export interface StoredItem<T> {
  key: StorageItemKey;
  /** Bumped, with a migration, whenever the shape changes. */
  version: number;
  fallback: T;
}
