import { z } from 'zod/mini';
import { quietEntrySchema, type QuietOrders } from '../alerts/quiet';
import type { SentLog } from '../alerts/sent-log';
import { orderSchema } from '../orders/model';
import { accountIdSchema, accountSchema, type Account } from '../sources/ticket-system/account';
import { watchedOrderSchema, type WatchedOrder } from '../sources/ticket-system/watched';
import { isFields } from '../util/guards';
import { EMPTY_SNAPSHOT, snapshotSchema, type Snapshot } from '../snapshots/snapshot';

// Reading stored collections element by element, as settings are read field by field
// (lib/settings/read.ts). Validated as a whole, one damaged element made the whole collection its
// empty fallback, and the next write stored that fallback plus the new entry: one bad watched order
// cost all the others, one bad account its key. Here a bad element is dropped and logged; the good
// ones are kept, so what is written back lost nothing but what could not be read.
//
// Logs name where an element was and what was wrong with it, never its value: a value of
// `ticket.keys` is a secret.

function dropped(item: string, where: string, error?: z.core.$ZodError) {
  const problems = error?.issues.map((issue) => `${issue.path.join('.') || '(whole)'}: ${issue.code}`) ?? [];
  console.warn(`PayClock: dropped an unreadable entry of ${item} (${where})`, problems);
}

/** The valid elements of a stored array, in order; anything but an array reads as none. */
export function readArray<T>(schema: z.ZodMiniType<T>, raw: unknown, item: string): T[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    dropped(item, `not a list but ${typeof raw}`);
    return [];
  }
  return raw.flatMap((element, index) => {
    const parsed = schema.safeParse(element);
    if (parsed.success) return [parsed.data];
    dropped(item, `element ${index}`, parsed.error);
    return [];
  });
}

/** The valid entries of a stored record; anything but a plain object reads as none. */
export function readRecord<T>(
  keySchema: z.ZodMiniType<string>,
  valueOf: (raw: unknown, where: string) => T | null,
  raw: unknown,
  item: string,
): Record<string, T> {
  if (raw === undefined || raw === null) return {};
  if (!isFields(raw)) {
    dropped(item, `not a record but ${Array.isArray(raw) ? 'a list' : typeof raw}`);
    return {};
  }
  // Built by fromEntries, not assignment: a stored `__proto__` entry must stay a plain entry.
  return Object.fromEntries(
    Object.entries(raw).flatMap(([key, value], index) => {
      // The key itself could be anything: named by its position, not its text.
      if (!keySchema.safeParse(key).success) {
        dropped(item, `entry ${index}: its name`);
        return [];
      }
      const valid = valueOf(value, `entry ${key}`);
      return valid === null ? [] : [[key, valid] as const];
    }),
  );
}

const valueBy =
  <T>(schema: z.ZodMiniType<T>, item: string) =>
  (raw: unknown, where: string): T | null => {
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    dropped(item, where, parsed.error);
    return null;
  };

/**
 * A snapshot, its orders read one by one: a damaged order costs only itself (it is found again on
 * the next good reply). Null when the rest of the snapshot is unreadable.
 */
export function readSnapshotOrNull(raw: unknown, item: string): Snapshot | null {
  const whole = snapshotSchema.safeParse(raw);
  if (whole.success) return whole.data;
  if (isFields(raw) && Array.isArray(raw.orders)) {
    const parsed = snapshotSchema.safeParse({ ...raw, orders: readArray(orderSchema, raw.orders, `${item} orders`) });
    if (parsed.success) return parsed.data;
  }
  if (raw !== undefined && raw !== null) dropped(item, 'the snapshot', whole.error);
  return null;
}

export const readSnapshot = (item: string) => (raw: unknown) => readSnapshotOrNull(raw, item) ?? EMPTY_SNAPSHOT;

export const readAccounts = (raw: unknown): Account[] => readArray(accountSchema, raw, 'ticket.accounts');

/** SECRET values: logged by account id only. */
export const readAccountKeys = (raw: unknown): Record<string, string> =>
  readRecord(accountIdSchema, valueBy(z.string(), 'ticket.keys'), raw, 'ticket.keys');

export const readWatchedOrders = (raw: unknown): WatchedOrder[] => readArray(watchedOrderSchema, raw, 'ticket.watched');

/** One snapshot per account, by account id (a source described `byAccount`). */
export const readSnapshotsByAccount =
  (item: string) =>
  (raw: unknown): Record<string, Snapshot> =>
    readRecord(accountIdSchema, (value, where) => readSnapshotOrNull(value, `${item} ${where}`), raw, item);

export const readTicketSnapshots = readSnapshotsByAccount('snapshot.ticket-system');

/** A lost entry would show its alert again. */
export const readSentLog = (raw: unknown): SentLog =>
  readRecord(z.string(), valueBy(z.number(), 'alerts.sent'), raw, 'alerts.sent');

/** A lost entry would unmute its order. */
export const readQuietOrders = (raw: unknown): QuietOrders =>
  readRecord(z.string(), valueBy(quietEntrySchema, 'alerts.quiet'), raw, 'alerts.quiet');
