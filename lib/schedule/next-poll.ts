import { payableOrders } from '../orders/model';
import { toLocalInstant } from '../time/clock';
import { needsUser, type Snapshot } from '../watch/snapshot';
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
 * The next check of a ticket-system account: as for 12306, from its snapshot (often while one of its
 * orders awaits payment, rarely otherwise), except that an account with nothing left to watch is not
 * polled at all, and an order just added is asked about at once.
 */
export function nextTicketPollAt(snapshot: Snapshot, watched: readonly WatchedOrder[], now: number): number | null {
  const polled = watched.filter(isPolled);
  if (polled.length === 0 || needsUser(snapshot.status)) return null;
  if (polled.some((entry) => entry.checkedAt === null)) return now;
  return nextPollAt(snapshot, now);
}
