import type { Order } from '../orders/model';

/**
 * What one query told us. Only `unpaid`, `queuing` and `none` come from a logged-in reply we fully
 * understood; they alone may change the list of orders.
 */
export type Outcome =
  | { kind: 'unpaid'; orders: Order[] }
  | { kind: 'queuing'; orders: Order[] }
  | { kind: 'none'; orders: [] }
  | { kind: 'loggedOut'; detail: string }
  | { kind: 'busy'; detail: string }
  | { kind: 'rejected'; detail: string }
  | { kind: 'timeout' }
  | { kind: 'offline'; detail: string }
  | { kind: 'unexpected'; detail: string };

export type GoodOutcome = Extract<Outcome, { orders: Order[] }>;
export const isGoodOutcome = (outcome: Outcome): outcome is GoodOutcome => 'orders' in outcome;

/** A reply we can read as JSON but not as orders: the caller reports it instead of guessing. */
export class UnreadableOrderError extends Error {}
