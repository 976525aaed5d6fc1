import { dueWatchedOrders, nextTicketPollAt } from '@/lib/schedule/next-poll';
import { originPatternOf, type Account } from '@/lib/sources/ticket-system/account';
import { queryTicketOrder, type TicketQueryOptions } from '@/lib/sources/ticket-system/client';
import { foldRound } from '@/lib/sources/ticket-system/fold';
import { pollAccount } from '@/lib/sources/ticket-system/round';
import { accountKeysItem, accountsItem, ticketSnapshotsItem, watchedOrdersItem } from '@/lib/storage/items';
import type { WatchedOrder } from '@/lib/sources/ticket-system/watched';
import { setTogether, write, type ValidatedItem } from '@/lib/storage/validated-item';
import type { KeyedLimiter } from '@/lib/util/limiter';
import { EMPTY_SNAPSHOT, type Snapshot } from '@/lib/snapshots/snapshot';
import type { WatchedSource } from '@/lib/sources/source';

// Ticket-system accounts as sources of the background: one per account that has orders to watch,
// each with its own snapshot (its health and its venue's clock) inside `ticketSnapshotsItem`.

/** At most this many requests in flight per venue, however many accounts and orders it has. */
export const VENUE_CONCURRENCY = 4;

export interface TicketSourceDeps {
  /** Whether the browser lets the extension reach this match pattern (`permissions.contains`). */
  hasPermission: (originPattern: string) => Promise<boolean>;
  limiter: KeyedLimiter;
  now?: () => number;
  query?: TicketQueryOptions;
}

export const ticketSourceKey = (accountId: string) => `ticket-system:${accountId}`;

/**
 * Stores one account's snapshot and, after a round, the watched list folded with it, in one write: a
 * background stopped between two would leave an order final in the watched list, never polled again,
 * yet unpaid in the snapshot, reminded of for good. Nothing is written for an account removed meanwhile.
 */
async function storeAccountRound(accountId: string, snapshot: Snapshot, watched: WatchedOrder[] | null) {
  if (!(await accountsItem.get()).some((account) => account.id === accountId)) return;
  const snapshots = write(ticketSnapshotsItem, { ...(await ticketSnapshotsItem.get()), [accountId]: snapshot });
  await setTogether(watched ? [snapshots, write(watchedOrdersItem, watched)] : [snapshots]);
}

/**
 * One account's snapshot, as an item of its own. Writes run in the background's serial queue; a
 * round that ends after its account was removed writes nothing back.
 */
export function accountSnapshotItem(accountId: string): ValidatedItem<Snapshot> {
  return {
    key: ticketSnapshotsItem.key,
    get: async () => (await ticketSnapshotsItem.get())[accountId] ?? EMPTY_SNAPSHOT,
    set: (snapshot) => storeAccountRound(accountId, snapshot, null),
    watch: (callback) => ticketSnapshotsItem.watch((all) => callback(all[accountId] ?? EMPTY_SNAPSHOT)),
  };
}

const venueOf = (account: Account) => new URL(account.baseUrl).host;

function accountSource(
  account: Account,
  watchedCount: Parameters<typeof nextTicketPollAt>[1],
  deps: TicketSourceDeps,
): WatchedSource {
  const item = accountSnapshotItem(account.id);
  return {
    id: 'ticket-system',
    key: ticketSourceKey(account.id),
    item,
    parallel: true,
    nextPollAt: (snapshot, now) => nextTicketPollAt(snapshot, watchedCount, now),
    async poll(all) {
      const key = (await accountKeysItem.get())[account.id];
      if (!(await deps.hasPermission(originPatternOf(account)))) {
        return async (previous, now) => ({
          snapshot: {
            ...previous,
            status: 'noPermission',
            detail: originPatternOf(account),
            checkedAt: now,
            failures: 0,
          },
          events: [],
        });
      }
      const watched = await watchedOrdersItem.get();
      const previous = await item.get();
      const mine = watched.filter((entry) => entry.accountId === account.id);
      const orderIds = dueWatchedOrders(previous, mine, (deps.now ?? Date.now)(), all).map((entry) => entry.orderId);
      const round = key
        ? await pollAccount({
            orderIds,
            clock: previous.clock,
            query: (orderId, clock) => queryTicketOrder(account, key, orderId, clock, deps.query),
            limit: (task) => deps.limiter(venueOf(account), task),
          })
        : { readings: new Map(), clock: previous.clock, badCredentials: 'no key stored', requests: 0 };
      return async (current, now) => {
        // The watched list may have changed during the round (an order added or removed): fold into
        // the list as it is now.
        const folded = foldRound(current, await watchedOrdersItem.get(), account.id, round, now);
        return {
          snapshot: folded.snapshot,
          events: folded.events,
          store: () => storeAccountRound(account.id, folded.snapshot, folded.watched),
        };
      };
    },
  };
}

/** A source for every account with watched orders, read afresh from storage. */
export async function ticketSources(deps: TicketSourceDeps): Promise<WatchedSource[]> {
  const [accounts, watched] = await Promise.all([accountsItem.get(), watchedOrdersItem.get()]);
  return accounts.flatMap((account) => {
    const mine = watched.filter((entry) => entry.accountId === account.id);
    return mine.length > 0 ? [accountSource(account, mine, deps)] : [];
  });
}
