import type { Order } from '@/lib/orders/model';
import { dueWatchedOrders, nextPollAt, nextTicketPollAt } from '@/lib/schedule/next-poll';
import { newWatchedOrder, type WatchedOrder } from '@/lib/sources/ticket-system/watched';
import { EMPTY_SNAPSHOT, type Snapshot } from '@/lib/snapshots/snapshot';

// Requests per hour, from the scheduler itself (lib/schedule/next-poll.ts) on a simulated clock:
// every check is taken the moment it is due, and each answer leaves the state as it was.

const HOUR = 60 * 60_000;
const T0 = Date.UTC(2026, 11, 2, 4, 0, 0);

function order(deadline: number): Order {
  return {
    source: '12306',
    id: 'E1',
    state: 'unpaid',
    title: 'G101',
    route: null,
    departure: null,
    passengers: [],
    amountYuan: null,
    deadline,
    statusText: null,
    payUrl: 'https://kyfw.12306.cn/otn/view/train_order.html',
    queue: null,
  };
}

/** Checks in one hour, one request each. */
function simulate(start: Snapshot, due: (snapshot: Snapshot, now: number) => number | null): number {
  let snapshot = start;
  let now = T0;
  let requests = 0;
  for (;;) {
    const at = due(snapshot, now);
    if (at === null) return requests;
    now = Math.max(at, now);
    if (now >= T0 + HOUR) return requests;
    requests += 1;
    snapshot = { ...snapshot, status: 'ok', checkedAt: now, goodAt: now, failures: 0 };
  }
}

/**
 * A ticket-system account's hour: each round asks the watched orders due (lib/schedule/next-poll.ts)
 * and marks them checked, as the background's fold does.
 */
function simulateVenue(start: Snapshot, startWatched: WatchedOrder[]): number {
  let watched = startWatched;
  let snapshot = start;
  let now = T0;
  let requests = 0;
  for (;;) {
    const at = nextTicketPollAt(snapshot, watched, now);
    if (at === null) return requests;
    now = Math.max(at, now);
    if (now >= T0 + HOUR) return requests;
    const asked = new Set(dueWatchedOrders(snapshot, watched, now).map((entry) => entry.orderId));
    requests += asked.size;
    watched = watched.map((entry) => (asked.has(entry.orderId) ? { ...entry, checkedAt: now } : entry));
    snapshot = { ...snapshot, checkedAt: now, goodAt: now };
  }
}

export interface RequestRow {
  state: string;
  perHour: number;
  /** The budget, or null where issue 6 sets none. */
  budget: number | null;
}

export function requestsPerHour(): RequestRow[] {
  const ok: Snapshot = { ...EMPTY_SNAPSHOT, status: 'ok', checkedAt: T0 - 1, goodAt: T0 - 1 };
  // One order due 20 minutes into the hour: one more check 5 s after its deadline.
  const pending: Snapshot = { ...ok, orders: [order(T0 + 20 * 60_000)] };
  const watched: WatchedOrder[] = Array.from({ length: 500 }, (_, i) => ({
    ...newWatchedOrder('acc', `T${i}`, T0 - 1),
    checkedAt: T0 - 1,
  }));
  // One of them awaits payment (due in 20 minutes); the others are in states still worth watching.
  const venuePending: Snapshot = {
    ...ok,
    orders: [{ ...order(T0 + 20 * 60_000), source: 'ticket-system', accountId: 'acc', id: 'T0' }],
  };
  return [
    { state: 'logged out', perHour: simulate({ ...ok, status: 'loggedOut' }, nextPollAt), budget: 0 },
    { state: 'logged in, nothing pending', perHour: simulate(ok, nextPollAt), budget: 12 },
    { state: 'one order pending', perHour: simulate(pending, nextPollAt), budget: 61 },
    {
      state: '500 watched ticket-system orders, one pending',
      perHour: simulateVenue(venuePending, watched),
      budget: null,
    },
  ];
}
