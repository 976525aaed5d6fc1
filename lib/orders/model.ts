import { z } from 'zod/mini';
import { SOURCE_IDS } from '../sources/descriptions';

// The one order model every source parses into. The popup, badge, overlay and alerts only ever see
// this shape, so a new source is a new parser, not a new UI.

export const sourceIdSchema = z.enum(SOURCE_IDS);
export type SourceId = z.infer<typeof sourceIdSchema>;

/** `unpaid`: an order exists and must be paid before `deadline`. `queuing`: still waiting for seats. */
export const orderStateSchema = z.enum(['unpaid', 'queuing']);
export type OrderState = z.infer<typeof orderStateSchema>;

export const queueInfoSchema = z.object({
  /** The server's estimate in seconds, when it gave a positive one. */
  waitSeconds: z.nullable(z.number()),
  outcome: z.enum(['waiting', 'succeeded', 'failed', 'unknown']),
  /** The server's own words about the queue (e.g. 占座失败), shown as text. */
  message: z.nullable(z.string()),
});
export type QueueInfo = z.infer<typeof queueInfoSchema>;

export const orderSchema = z.object({
  source: sourceIdSchema,
  /** The source's own order number (12306 `sequence_no`). */
  id: z.string(),
  /**
   * The ticket-system account the order was booked with: order numbers are each venue's own, so
   * two accounts may well have an order with the same number. Absent for 12306.
   */
  accountId: z.optional(z.string()),
  state: orderStateSchema,
  /** What the ticket is for: the train number on 12306. */
  title: z.string(),
  /** `北京南 → 上海虹桥`, when the order is for a journey. */
  route: z.nullable(z.string()),
  /** Departure (or visit) as an absolute instant. */
  departure: z.nullable(z.number()),
  passengers: z.array(z.string()),
  amountYuan: z.nullable(z.number()),
  /** The pay deadline as an absolute instant on the server's clock; null while queuing. */
  deadline: z.nullable(z.number()),
  /** The server's own name for a state beyond plain "awaiting payment" (改签待支付...), or null. */
  statusText: z.nullable(z.string()),
  /** Where the user pays (or follows the queue). */
  payUrl: z.string(),
  queue: z.nullable(queueInfoSchema),
});
export type Order = z.infer<typeof orderSchema>;

/** Identity of an order across polls, alarms and notifications. */
export function orderKey(order: Pick<Order, 'source' | 'id' | 'accountId'>): string {
  return order.accountId === undefined
    ? `${order.source}:${order.id}`
    : `${order.source}:${order.accountId}:${order.id}`;
}

export type PayableOrder = Order & { state: 'unpaid'; deadline: number };

/** Orders that have a deadline to pay before, nearest first. */
export function payableOrders(orders: readonly Order[]): PayableOrder[] {
  return orders
    .filter((order): order is PayableOrder => order.state === 'unpaid' && order.deadline !== null)
    .sort((a, b) => a.deadline - b.deadline);
}
