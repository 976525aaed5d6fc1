import { orderKey, payableOrders, type Order } from '../orders/model';
import type { Clock } from '../time/clock';
import type { CountedOrder } from './announcements';

// Apart from ./announcements.ts, which the overlay's content script bundles: the order model
// brings zod, which the content script's size budget has no room for.

/** The orders of one snapshot (or some of them) that count down, on that snapshot's clock. */
export const countedOrders = (orders: readonly Order[], clock: Pick<Clock, 'offsetMs'>): CountedOrder[] =>
  payableOrders(orders).map((order) => ({
    key: orderKey(order),
    title: order.title,
    deadline: order.deadline,
    offsetMs: clock.offsetMs,
  }));
