import { z } from 'zod/mini';
import { orderSchema } from '../orders/model';
import { clockSchema, LOCAL_CLOCK } from '../time/clock';

// What the extension knows about one source: its last good orders and how the last check went.
// Stored after every check; the popup, badge and overlay render from it without touching the network.

export const sourceStatusSchema = z.enum([
  'unknown', // never checked yet
  'ok', // logged in, reply understood
  'loggedOut',
  'busy',
  'rejected', // the server refused our request itself
  'timeout',
  'offline',
  'unexpected', // a reply we could not read; `detail` keeps a short excerpt
  'authFailed', // a ticket-system venue refused the account's key: not polled until the user fixes it
  'noPermission', // the browser does not let the extension reach the venue: not polled until granted
]);
export type SourceStatus = z.infer<typeof sourceStatusSchema>;

export const snapshotSchema = z.object({
  status: sourceStatusSchema,
  /** Plain text about the last check that went wrong (server message or excerpt). */
  detail: z.nullable(z.string()),
  /** Local time the last check finished, whatever its result. */
  checkedAt: z.nullable(z.number()),
  /** Local time of the last good, logged-in reply: the age of `orders`. */
  goodAt: z.nullable(z.number()),
  /** Orders from the last good reply. Nothing else may change them. */
  orders: z.array(orderSchema),
  /** Consecutive checks that failed (busy, timeout...), for backing off. */
  failures: z.number(),
  clock: clockSchema,
  /**
   * 'tab' when the last check was sent from an open 12306 tab because 12306 refused the extension's
   * own query (lib/sources/12306/page-fallback.ts); absent when the extension asked itself.
   */
  askedFrom: z.optional(z.literal('tab')),
});
export type Snapshot = z.infer<typeof snapshotSchema>;

export const EMPTY_SNAPSHOT: Snapshot = {
  status: 'unknown',
  detail: null,
  checkedAt: null,
  goodAt: null,
  orders: [],
  failures: 0,
  clock: LOCAL_CLOCK,
};

/** States only the user can end (log in, fix a key, grant access): polling waits for them. */
export const needsUser = (status: SourceStatus) =>
  status === 'loggedOut' || status === 'authFailed' || status === 'noPermission';

/** True when the orders shown are not confirmed by the latest check. */
export function isStale(snapshot: Snapshot): boolean {
  return snapshot.status !== 'ok' && snapshot.goodAt !== null;
}
