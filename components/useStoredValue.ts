import { useEffect, useState } from 'preact/hooks';
import type { DisplayItem } from '@/lib/storage/display-item';
import type { ValidatedItem } from '@/lib/storage/validated-item';

/**
 * A stored item's value, live; undefined before the first read returns (and, for a display item,
 * while its stored version is not the one this code reads).
 */
export function useStoredValue<T>(item: ValidatedItem<T> | DisplayItem<T>): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void item.get().then((first) => live && setValue(() => first));
    const unwatch = item.watch((next) => setValue(() => next));
    return () => {
      live = false;
      unwatch();
    };
  }, [item]);
  return value;
}
