import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderSchema } from '@/lib/orders/model';
import type { HttpResult } from '@/lib/sources/12306/classify';
import { isGoodOutcome, type Outcome } from '@/lib/sources/outcome';
import { classifyWaitlistReply } from '@/lib/sources/12306/waitlist/classify';
import { WAITLIST_QUEUE_URL } from '@/lib/sources/12306/waitlist/endpoints';
import { applyOutcome } from '@/lib/snapshots/apply-outcome';
import { EMPTY_SNAPSHOT } from '@/lib/snapshots/snapshot';
import { awaitingPrepayJson } from '../../../../fixtures/12306/waitlist-replies';
import { mutate, mutationArbitrary, PROPERTY_RUNS, type Json, type JsonPath } from '../../../helpers/mutate';

// The waitlist outcome is folded like the main query's (applyOutcome): a good outcome replaces the
// stored orders and announces every unpaid one missing from it as gone. So no input may throw or
// give an order the snapshot cannot store, and a valid reply with its shape broken must never
// announce the order awaiting prepayment gone.

const LOSE_TIME = Date.UTC(2024, 4, 1, 12, 0, 0);

const jsonReply = (body: string): HttpResult => ({
  kind: 'reply',
  status: 200,
  redirected: false,
  url: WAITLIST_QUEUE_URL,
  contentType: 'application/json;charset=UTF-8',
  body,
});

function expectStorable(outcome: Outcome) {
  if (!isGoodOutcome(outcome)) return;
  for (const order of outcome.orders) expect(orderSchema.safeParse(order).success, JSON.stringify(order)).toBe(true);
}

const VALID = JSON.parse(
  awaitingPrepayJson({ reserveNo: 'EH9071000300612700', passengers: ['甲', '乙'] }, LOSE_TIME),
) as Record<string, Json>;

// Left out of the mutations, each for a reason of its own:
// - `status` and `status_code` are the reply's words for the order's state: 12306 writes them as
//   numbers or numeric strings alike, so a value of the other type can be a real "refunded";
// - `reserve_no` is the order's identity, and without one the reader names the order by its trains
//   (an order still queuing has no number yet), so the order reads as another one.
const STATE_AND_IDENTITY = new Set(['status', 'status_code', 'reserve_no']);
const breakable = (path: JsonPath) =>
  path[0] === 'data' && path.length > 1 && !STATE_AND_IDENTITY.has(String(path[path.length - 1]));

describe('classifyWaitlistReply: properties', () => {
  it('never throws on any reply, and what it gives can be stored', () => {
    const body = fc.oneof(
      fc.string(),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc.jsonValue().map((data) => JSON.stringify({ status: true, messages: [], data })),
      fc
        .record(
          { flag: fc.jsonValue(), status: fc.jsonValue(), order: fc.jsonValue(), loseTime: fc.jsonValue() },
          { requiredKeys: [] },
        )
        .map((data) => JSON.stringify({ status: true, messages: [], data })),
    );
    fc.assert(
      fc.property(body, (text) => expectStorable(classifyWaitlistReply(jsonReply(text)))),
      PROPERTY_RUNS,
    );
  });

  it('never announces the order awaiting prepayment gone because a valid reply was broken', () => {
    const stored = classifyWaitlistReply(jsonReply(JSON.stringify(VALID)));
    expect(stored.kind).toBe('unpaid');
    const previous = { ...EMPTY_SNAPSHOT, status: 'ok' as const, orders: isGoodOutcome(stored) ? stored.orders : [] };
    fc.assert(
      fc.property(fc.array(mutationArbitrary, { minLength: 1, maxLength: 3 }), (mutations) => {
        const { mutated, applied } = mutate(VALID, mutations, breakable);
        const outcome = classifyWaitlistReply(jsonReply(JSON.stringify(mutated)));
        expectStorable(outcome);
        const gone = applyOutcome(previous, outcome, 0).events.filter((event) => event.kind === 'gone');
        expect(gone, applied.join('; ')).toEqual([]);
      }),
      PROPERTY_RUNS,
    );
  });
});
