import { useEffect, useState } from 'preact/hooks';
import type { DisplayStore } from '@/lib/storage/display-store';

/** Re-renders the component whenever the store's items change; returns the store's `get`. */
export function useDisplayStore(store: DisplayStore): DisplayStore['get'] {
  const [, setVersion] = useState(store.version);
  useEffect(() => {
    const unsubscribe = store.subscribe(() => setVersion(store.version));
    // A change between the first render and this effect (which runs after the first paint).
    setVersion(store.version);
    return unsubscribe;
  }, [store]);
  return store.get;
}
