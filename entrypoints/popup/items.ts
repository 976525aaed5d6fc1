import { sourceSnapshots, stored } from '@/lib/storage/stored';

/** Every stored item the popup shows, read together in one call (lib/storage/display-store.ts). */
export const POPUP_ITEMS = [
  ...Object.values(sourceSnapshots),
  stored.quietOrders,
  stored.accounts,
  stored.watchedOrders,
  // Its reminder minutes: crossing one is announced to screen readers.
  stored.settings,
  // A failing push channel gets a line (PushLine).
  stored.pushChannels,
  stored.pushStatus,
] as const;
