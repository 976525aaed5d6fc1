import { storage, type StorageItemKey } from 'wxt/utils/storage';
import type { CheckedItem } from './validated-item';

// Items that must change together (an account and its key) are written in one storage call: a
// background stopped between two writes would leave an orphan key, or orders of a removed account.

export interface ItemWrite {
  key: StorageItemKey;
  value: unknown;
}

/** One item's new value, checked against its schema now so a bad one fails before anything is written. */
export const itemWrite = <T>(item: CheckedItem<T>, value: T): ItemWrite => ({
  key: item.key,
  value: item.check(value),
});

/** Writes every value in a single `storage.local.set`: all of them land, or none. */
export async function writeTogether(...writes: ItemWrite[]): Promise<void> {
  await storage.setItems(writes);
}
