import { useEffect, useState } from 'preact/hooks';
import type { ValidatedItem } from '@/lib/storage/validated-item';

/** A validated stored item's value, live; undefined before the first read returns. */
export function useStoredValue<T>(item: ValidatedItem<T>): T | undefined {
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
