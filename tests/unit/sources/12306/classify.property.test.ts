import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderSchema } from '@/lib/orders/model';
import { classifyReply, type HttpResult } from '@/lib/sources/12306/classify';
import { isGoodOutcome, type Outcome } from '@/lib/sources/outcome';
import { UNFINISHED_ORDERS_URL } from '@/lib/sources/12306/endpoints';
import { unpaidOrderSchema } from '@/lib/sources/12306/schemas';
import { applyOutcome } from '@/lib/snapshots/apply-outcome';
import { EMPTY_SNAPSHOT } from '@/lib/snapshots/snapshot';
import { unpaidOrdersJson } from '../../../fixtures/12306/replies';
import { mutate, mutationArbitrary, PROPERTY_RUNS, type Json, type JsonPath } from '../../helpers/mutate';

// What may change the user's list of orders is a good outcome (unpaid, queuing, none): applyOutcome
// replaces the stored orders with it and announces every unpaid order missing from it as gone. So:
// - no input makes the classifier throw, and every order it gives can be stored (finite numbers);
// - a good outcome comes only from a documented reply: no data at all (or null, ""), or data with an
//   orderDBList that is a list of orders we can read, or an orderCacheDTO object;
// - a valid reply with its shape broken (a value of another type, a key deleted) never announces a
//   stored order gone: it is unexpected, or still names the order.

const PAY_LIMIT = Date.UTC(2024, 4, 1, 12, 0, 0);
const MINUTE = 60_000;

const jsonReply = (body: string): HttpResult => ({
  kind: 'reply',
  status: 200,
  redirected: false,
  url: UNFINISHED_ORDERS_URL,
  contentType: 'application/json;charset=UTF-8',
  body,
});

/** Every order of a good outcome passes the stored snapshot's schema (finite numbers included). */
function expectStorable(outcome: Outcome) {
  if (!isGoodOutcome(outcome)) return;
  for (const order of outcome.orders) expect(orderSchema.safeParse(order).success, JSON.stringify(order)).toBe(true);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The documented forms of a reply that may set the list of orders (shared/api-notes.md). */
function isDocumentedData(data: unknown): boolean {
  if (data === undefined || data === null || data === '') return true;
  if (!isObject(data)) return false;
  const list = data.orderDBList;
  const listReadable = Array.isArray(list) && list.every((order) => unpaidOrderSchema.safeParse(order).success);
  return listReadable || isObject(data.orderCacheDTO);
}

const VALID = JSON.parse(
  unpaidOrdersJson([
    { sequenceNo: 'E100000001', payLimit: PAY_LIMIT, passengers: ['甲', '乙'] },
    { sequenceNo: 'E100000002', payLimit: PAY_LIMIT + MINUTE },
  ]),
) as { data: Json } & Record<string, Json>;
const ORDER_TEMPLATE = (VALID.data as { orderDBList: Json[] }).orderDBList[0]!;

/** The fields classify.ts and to-orders.ts read, and the order list indices. */
const READ_FIELDS = new Set([
  ...['orderDBList', 'orderCacheDTO', '0', '1', 'sequence_no', 'tickets'],
  ...['ticket_status_code', 'pay_limit_time', 'lose_time', 'ticket_price', 'ticket_price_all'],
  'ticket_total_price_page',
]);

const stored = classifyReply(jsonReply(JSON.stringify(VALID)));

describe('classifyReply: properties', () => {
  it('never throws on any reply, and what it gives can be stored', () => {
    const body = fc.oneof(
      fc.string(),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc.jsonValue().map((data) => JSON.stringify({ status: true, messages: [], data })),
    );
    const result = fc.record({
      kind: fc.constant('reply' as const),
      status: fc.oneof(fc.constant(200), fc.integer({ min: 100, max: 599 })),
      redirected: fc.boolean(),
      url: fc.oneof(fc.constant(UNFINISHED_ORDERS_URL), fc.webUrl(), fc.string()),
      contentType: fc.constantFrom('application/json;charset=UTF-8', 'text/html', '', 'text/plain'),
      body,
    });
    fc.assert(
      fc.property(result, (reply) => expectStorable(classifyReply(reply))),
      PROPERTY_RUNS,
    );
  });

  it('lets only a documented reply set the list of orders', () => {
    const orders = fc.array(
      fc
        .tuple(fc.array(mutationArbitrary, { maxLength: 2 }), fc.boolean())
        .map(([mutations, intact]) => (intact ? ORDER_TEMPLATE : mutate(ORDER_TEMPLATE, mutations).mutated)),
      { maxLength: 3 },
    );
    const replyLike = fc.record(
      {
        to_page: fc.constantFrom('db', 'cache', null),
        orderDBList: fc.oneof(fc.constant(null), fc.jsonValue({ maxDepth: 2 }), orders),
        orderCacheDTO: fc.oneof(fc.constant(null), fc.jsonValue({ maxDepth: 2 })),
      },
      { requiredKeys: [] },
    );
    const data = fc.oneof(fc.constantFrom(undefined, null, '', {}, []), fc.jsonValue({ maxDepth: 3 }), replyLike);
    fc.assert(
      fc.property(data, (data) => {
        const outcome = classifyReply(jsonReply(JSON.stringify({ status: true, messages: [], data })));
        expectStorable(outcome);
        if (isGoodOutcome(outcome)) expect(isDocumentedData(data), JSON.stringify(data)).toBe(true);
      }),
      PROPERTY_RUNS,
    );
  });

  it('never announces a stored order gone because a valid reply was broken', () => {
    expect(stored.kind).toBe('unpaid');
    const previous = { ...EMPTY_SNAPSHOT, status: 'ok' as const, orders: isGoodOutcome(stored) ? stored.orders : [] };
    // Only the data is mutated: no data at all is the documented "nothing unfinished". Half the runs
    // break only the fields the reader relies on, which a pick among hundreds of paths rarely finds.
    const insideData = (path: JsonPath) => path[0] === 'data' && path.length > 1;
    const readField = (path: JsonPath) => insideData(path) && READ_FIELDS.has(String(path[path.length - 1]));
    const mutations = fc.array(mutationArbitrary, { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(mutations, fc.boolean(), (mutations, focused) => {
        const { mutated, applied } = mutate(VALID, mutations, focused ? readField : insideData);
        const outcome = classifyReply(jsonReply(JSON.stringify(mutated)));
        expectStorable(outcome);
        const gone = applyOutcome(previous, outcome, 0).events.filter((event) => event.kind === 'gone');
        expect(gone, applied.join('; ')).toEqual([]);
      }),
      PROPERTY_RUNS,
    );
  });

  it('never stores a total past the largest number, whatever the ticket prices', () => {
    const price = fc.oneof(
      fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(Number.MAX_VALUE, 1e308),
    );
    fc.assert(
      fc.property(fc.array(price, { minLength: 2, maxLength: 2 }), (prices) => {
        const reply = structuredClone(VALID) as any;
        const [order] = reply.data.orderDBList;
        delete order.ticket_total_price_page;
        delete order.ticket_price_all;
        order.tickets.forEach((ticket: any, index: number) => (ticket.ticket_price = prices[index]));
        expectStorable(classifyReply(jsonReply(JSON.stringify(reply))));
      }),
      PROPERTY_RUNS,
    );
  });
});
