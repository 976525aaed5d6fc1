import { payableOrders } from '../orders/model';
import { toLocalInstant } from '../time/clock';
import { needsUser, type Snapshot } from '../snapshots/snapshot';
import { isPolled, type WatchedOrder } from '../sources/ticket-system/watched';

// When to ask a source again. Polite to the server and quick when it matters: often while an
// order waits for payment, rarely when nothing is due, never while logged out (a login is noticed
// from the browser's cookies instead), and slower and slower while the server is struggling.

export const POLL_TIMING = {
  /** While an order is unpaid or queuing. */
  pendingMs: 60_000,
  /** Logged in with nothing pending. */
  idleMs: 5 * 60_000,
  /** How long after a deadline to look whether the order is gone. */
  afterDeadlineMs: 5_000,
  /** Back-off ceiling on busy or failing replies. */
  maxBackoffMs: 15 * 60_000,
  /** ± share of a back-off delay, so retries do not march in step. */
  jitter: 0.2,
} as const;

/**
 * The jitter share for a back-off, taken from the milliseconds of the last check: as good as random
 * for spreading retries, yet the same every time it is computed, so re-planning on a background
 * restart does not move the alarm.
 */
const jitterFraction = (checkedAt: number) => (checkedAt % 1000) / 1000;

/**
 * The local instant of the next check, or null for "do not poll" (logged out, a ticket-system key
 * refused or the venue's site not granted: only the user can change those). Derived from the
 * stored snapshot alone, so it can be recomputed at any time with the same answer; an instant in the
 * past means "now".
 */
export function nextPollAt(snapshot: Snapshot, now: number): number | null {
  if (needsUser(snapshot.status)) return null;
  if (snapshot.status === 'unknown' || snapshot.checkedAt === null) return now;
  const { checkedAt } = snapshot;

  const pending = snapshot.orders.length > 0;
  const base = pending ? POLL_TIMING.pendingMs : POLL_TIMING.idleMs;

  if (snapshot.status !== 'ok') {
    const doubled = base * 2 ** Math.max(0, snapshot.failures - 1);
    const jittered = doubled * (1 - POLL_TIMING.jitter + 2 * POLL_TIMING.jitter * jitterFraction(checkedAt));
    return checkedAt + Math.min(POLL_TIMING.maxBackoffMs, jittered);
  }

  const afterNextDeadline = payableOrders(snapshot.orders)
    .map((order) => toLocalInstant(snapshot.clock, order.deadline) + POLL_TIMING.afterDeadlineMs)
    .find((instant) => instant > checkedAt);
  return Math.min(checkedAt + base, afterNextDeadline ?? Infinity);
}

/**
 * When one watched ticket-system order is next due, by its own state, as a 12306 order would be:
 * every minute while it awaits payment (and just after its deadline), every 5 minutes while it is
 * in any other state still worth watching, at once when it was never asked about. An agent's
 * hundreds of orders then cost the venue a request a minute only for those that are payable.
 */
export function watchedOrderDueAt(entry: WatchedOrder, snapshot: Snapshot, now: number): number {
  if (entry.checkedAt === null) return now;
  const { checkedAt } = entry;
  const payable = payableOrders(snapshot.orders).find((order) => order.id === entry.orderId);
  if (!payable) return checkedAt + POLL_TIMING.idleMs;
  const afterDeadline = toLocalInstant(snapshot.clock, payable.deadline) + POLL_TIMING.afterDeadlineMs;
  return Math.min(checkedAt + POLL_TIMING.pendingMs, afterDeadline > checkedAt ? afterDeadline : Infinity);
}

/** Orders due this close together are asked in one round rather than in a string of small ones. */
export const ROUND_WINDOW_MS = 15_000;

/**
 * The watched orders a round of this account asks about now: those due (within the round window),
 * or every one when `all`, while the account itself is failing (its back-off decided the time), and
 * on its first check or the first after the user fixed it.
 */
export function dueWatchedOrders(
  snapshot: Snapshot,
  watched: readonly WatchedOrder[],
  now: number,
  all = false,
): WatchedOrder[] {
  const polled = watched.filter(isPolled);
  if (all || snapshot.status !== 'ok') return polled;
  return polled.filter((entry) => watchedOrderDueAt(entry, snapshot, now) <= now + ROUND_WINDOW_MS);
}

/**
 * The next check of a ticket-system account: its earliest watched order due, or its back-off while
 * the account is failing as for 12306. Never while it waits for the user, nor with nothing to watch.
 */
export function nextTicketPollAt(snapshot: Snapshot, watched: readonly WatchedOrder[], now: number): number | null {
  const polled = watched.filter(isPolled);
  if (polled.length === 0 || needsUser(snapshot.status)) return null;
  if (snapshot.status !== 'ok') return nextPollAt(snapshot, now);
  return Math.min(...polled.map((entry) => watchedOrderDueAt(entry, snapshot, now)));
}
