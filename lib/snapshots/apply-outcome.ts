import { orderKey, type Order } from '../orders/model';
import { isGoodOutcome, type Outcome } from '../sources/outcome';
import type { Snapshot } from './snapshot';

/** Something the user may need to hear about, found by comparing two checks. */
export type WatchEvent =
  | { kind: 'found'; order: Order }
  /** `status`: the source's own name for where the order went (a venue says 已交割, 12306 says nothing). */
  | { kind: 'gone'; order: Order; status?: { zh: string; en: string } }
  | { kind: 'loginExpired'; orders: Order[] };

const unpaid = (orders: readonly Order[]) => orders.filter((order) => order.state === 'unpaid');

/**
 * Folds one check into the snapshot. The rule that keeps users' money safe: orders change only on a
 * good, logged-in reply. A failed, logged-out, busy or unreadable reply changes the status and
 * nothing else, so an order is never reported gone because a request failed.
 */
export function applyOutcome(
  previous: Snapshot,
  outcome: Outcome,
  now: number,
): { snapshot: Snapshot; events: WatchEvent[] } {
  if (isGoodOutcome(outcome)) {
    const before = new Map(unpaid(previous.orders).map((order) => [orderKey(order), order]));
    const after = new Set(unpaid(outcome.orders).map(orderKey));
    const events: WatchEvent[] = [
      ...unpaid(outcome.orders)
        .filter((order) => !before.has(orderKey(order)))
        .map((order): WatchEvent => ({ kind: 'found', order })),
      ...[...before.values()]
        .filter((order) => !after.has(orderKey(order)))
        .map((order): WatchEvent => ({ kind: 'gone', order })),
    ];
    return {
      snapshot: {
        ...previous,
        status: 'ok',
        detail: null,
        checkedAt: now,
        goodAt: now,
        orders: outcome.orders,
        failures: 0,
      },
      events,
    };
  }

  if (outcome.kind === 'loggedOut') {
    const stillUnpaid = unpaid(previous.orders);
    const events: WatchEvent[] =
      previous.status !== 'loggedOut' && stillUnpaid.length > 0 ? [{ kind: 'loginExpired', orders: stillUnpaid }] : [];
    // Logged out is a state, not a failure: there is nothing to back off from, polling simply stops.
    return { snapshot: { ...previous, status: 'loggedOut', detail: null, checkedAt: now, failures: 0 }, events };
  }

  return {
    snapshot: {
      ...previous,
      status: outcome.kind,
      detail: 'detail' in outcome ? outcome.detail : null,
      checkedAt: now,
      failures: previous.failures + 1,
    },
    events: [],
  };
}
