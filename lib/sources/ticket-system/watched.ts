import { z } from 'zod/mini';
import { accountIdSchema } from './account';

// An order the user asked PayClock to watch. The ticket system has no "list my orders" query, so
// this list, not the venue, says which orders exist for us. An entry stays until the user removes
// or dismisses it, also after its order reached a final status (it is then no longer polled).

export const ticketStatusInfoSchema = z.object({
  code: z.string(),
  zh: z.string(),
  en: z.string(),
  awaitingPayment: z.boolean(),
  final: z.boolean(),
});
export type TicketStatusInfo = z.infer<typeof ticketStatusInfoSchema>;

/** What went wrong with this one order at the last check; the account's own status is kept apart. */
export const orderProblemSchema = z.object({
  kind: z.enum(['notFound', 'venueError', 'httpError', 'unexpected', 'timeout', 'offline']),
  /** Plain text: the venue's own words or a short excerpt. */
  detail: z.string(),
});
export type OrderProblem = z.infer<typeof orderProblemSchema>;

export const watchedOrderSchema = z.object({
  accountId: accountIdSchema,
  orderId: z.string().check(z.minLength(1), z.maxLength(64)),
  addedAt: z.number(),
  /** The status of the last good reply; null until there was one. */
  status: z.nullable(ticketStatusInfoSchema),
  /** What the order is for (its products), from the last good reply. */
  title: z.nullable(z.string()),
  problem: z.nullable(orderProblemSchema),
  /** Local time of the last check of this order, whatever its result. */
  checkedAt: z.nullable(z.number()),
  /** Local time it was first seen in a final status: reported then, never polled again. */
  finalAt: z.nullable(z.number()),
});
export type WatchedOrder = z.infer<typeof watchedOrderSchema>;

export const watchedOrdersSchema = z.array(watchedOrderSchema);

export { watchedKey } from './order-ids';

export function newWatchedOrder(accountId: string, orderId: string, now: number): WatchedOrder {
  return { accountId, orderId, addedAt: now, status: null, title: null, problem: null, checkedAt: null, finalAt: null };
}

/** Watched orders still worth asking the venue about. */
export const isPolled = (entry: WatchedOrder) => entry.finalAt === null;
