import { stored } from '@/lib/storage/stored';

/** Every stored item the popup shows, read together in one call (lib/storage/display-store.ts). */
export const POPUP_ITEMS = [
  stored.snapshot12306,
  stored.snapshotWaitlist,
  stored.quietOrders,
  stored.accounts,
  stored.watchedOrders,
  stored.ticketSnapshots,
] as const;
