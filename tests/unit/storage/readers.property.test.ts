import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod/mini';
import type { Order } from '@/lib/orders/model';
import { quietSchema } from '@/lib/alerts/quiet';
import { sentLogSchema } from '@/lib/alerts/sent-log';
import { readSettings } from '@/lib/settings/read';
import { settingsSchema } from '@/lib/settings/schema';
import { accountSchema, type Account } from '@/lib/sources/ticket-system/account';
import { watchedOrderSchema, type WatchedOrder } from '@/lib/sources/ticket-system/watched';
import {
  readAccountKeys,
  readAccounts,
  readQuietOrders,
  readSentLog,
  readSnapshot,
  readTicketSnapshots,
  readWatchedOrders,
} from '@/lib/storage/readers';
import { snapshotSchema, type Snapshot } from '@/lib/snapshots/snapshot';
import { account } from '../helpers/accounts';
import { makeOrder, makeSnapshot } from '../helpers/orders';

// Whatever is stored (damaged, hand-edited, from another version), a reader returns a valid value
// without throwing, and keeps every good element it was given. Fixed seed and run count: the same
// cases on every run, in a predictable time.

const RUNS = { seed: 1, numRuns: 200 };

vi.spyOn(console, 'warn').mockImplementation(() => undefined);

const id = fc.stringMatching(/^[\w-]{1,64}$/);
const instant = fc.integer({ min: 0, max: 4_102_444_800_000 });

const goodWatched: fc.Arbitrary<WatchedOrder> = fc.record(
  {
    accountId: id,
    orderId: fc.string({ minLength: 1, maxLength: 64 }),
    addedAt: instant,
    status: fc.constant(null),
    title: fc.option(fc.string(), { nil: null }),
    problem: fc.option(
      fc.record(
        { kind: fc.constantFrom('notFound', 'timeout', 'unexpected' as const), detail: fc.string() },
        { noNullPrototype: true },
      ),
      { nil: null },
    ),
    checkedAt: fc.option(instant, { nil: null }),
    finalAt: fc.option(instant, { nil: null }),
  },
  { noNullPrototype: true },
);
const goodAccount: fc.Arbitrary<Account> = fc
  .record({ id, label: fc.string({ maxLength: 60 }), username: fc.string({ maxLength: 100 }) })
  .map((change) => account(change));
const goodOrder: fc.Arbitrary<Order> = fc
  .record({ id: fc.string(), deadline: fc.option(instant, { nil: null }) })
  .map((change) => makeOrder(change));
const goodSnapshot: fc.Arbitrary<Snapshot> = fc
  .record({ orders: fc.array(goodOrder, { maxLength: 4 }), failures: fc.nat() })
  .map((change) => makeSnapshot(change));

/** Good elements with junk between them: the good ones, tagged, and the mixed list. */
const mixed = <T>(good: fc.Arbitrary<T>) =>
  fc
    .array(
      fc.oneof(
        good.map((value) => ({ good: true as const, value })),
        fc.anything().map((value) => ({ good: false as const, value })),
      ),
      {
        maxLength: 12,
      },
    )
    .map((entries) => ({
      good: entries.flatMap((entry) => (entry.good ? [entry.value] : [])),
      raw: entries.map((entry) => entry.value),
    }));

/** `expected` appears in `actual` in the same order (junk that happens to be valid may sit between). */
function isSubsequence<T>(expected: readonly T[], actual: readonly T[]) {
  let at = 0;
  for (const value of actual) if (at < expected.length && isDeepStrictEqual(value, expected[at])) at++;
  return at === expected.length;
}

describe('stored-item readers, for any stored value', () => {
  it.each([
    ['watched orders', readWatchedOrders, (value: unknown) => z.array(watchedOrderSchema).safeParse(value).success],
    ['accounts', readAccounts, (value: unknown) => z.array(accountSchema).safeParse(value).success],
    [
      'keys',
      readAccountKeys,
      (value: unknown) => Object.values(value as object).every((key) => typeof key === 'string'),
    ],
    [
      'venue snapshots',
      readTicketSnapshots,
      (value: unknown) => Object.values(value as object).every((one) => snapshotSchema.safeParse(one).success),
    ],
    ['a snapshot', readSnapshot('snapshot.12306'), (value: unknown) => snapshotSchema.safeParse(value).success],
    ['settings', readSettings, (value: unknown) => settingsSchema.safeParse(value).success],
    ['alerts sent', readSentLog, (value: unknown) => sentLogSchema.safeParse(value).success],
    ['muted orders', readQuietOrders, (value: unknown) => quietSchema.safeParse(value).success],
  ] as const)('read %s as a valid value without throwing', (_, read, valid) => {
    fc.assert(
      fc.property(fc.anything(), (raw) => valid(read(raw))),
      RUNS,
    );
  });

  it('keep every good watched order, in order', () => {
    fc.assert(
      fc.property(mixed(goodWatched), ({ good, raw }) => isSubsequence(good, readWatchedOrders(raw))),
      RUNS,
    );
  });

  it('keep every good account, in order', () => {
    fc.assert(
      fc.property(mixed(goodAccount), ({ good, raw }) => isSubsequence(good, readAccounts(raw))),
      RUNS,
    );
  });

  it('keep every good order of a snapshot, in order', () => {
    fc.assert(
      fc.property(goodSnapshot, mixed(goodOrder), (snapshot, { good, raw }) =>
        isSubsequence(good, readSnapshot('snapshot.12306')({ ...snapshot, orders: raw }).orders),
      ),
      RUNS,
    );
  });

  it('keep every good key and venue snapshot beside damaged entries', () => {
    const entries = <T>(good: fc.Arbitrary<T>) =>
      fc.record({
        good: fc.dictionary(
          id.map((key) => `good-${key}`.slice(0, 64)),
          good,
          { maxKeys: 5 },
        ),
        junk: fc.dictionary(
          fc.string().map((key) => `junk ${key}`),
          fc.anything(),
          { maxKeys: 5 },
        ),
      });
    fc.assert(
      fc.property(entries(fc.string()), entries(goodSnapshot), (keys, snapshots) => {
        expect(readAccountKeys({ ...keys.junk, ...keys.good })).toEqual(keys.good);
        expect(readTicketSnapshots({ ...snapshots.junk, ...snapshots.good })).toEqual(snapshots.good);
      }),
      RUNS,
    );
  });
});
