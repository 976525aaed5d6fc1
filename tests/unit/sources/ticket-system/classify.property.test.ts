import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderSchema } from '@/lib/orders/model';
import { classifyTicketReply, type ClassifyOptions, type TicketHttpResult } from '@/lib/sources/ticket-system/classify';
import type { TicketFlavour } from '@/lib/sources/ticket-system/schemas';
import { v3Order, v5Order } from '../../../fixtures/ticket-system/replies';
import { mutate, mutationArbitrary, PROPERTY_RUNS, type Json, type JsonPath } from '../../helpers/mutate';

// A venue reply leaves the list of orders only one way (fold.ts): an `order` outcome whose order is
// null, the venue saying in a reply we understood that the order no longer awaits payment. So no
// input may throw or give an order the snapshot cannot store, and a valid reply for an order
// awaiting payment, with its shape broken, must never read as "no longer awaiting payment".

const ORDER_ID = '20240501000123';
const PLACED = Date.UTC(2024, 4, 1, 11, 45);

const options = (flavour: TicketFlavour): ClassifyOptions => ({
  flavour,
  orderId: ORDER_ID,
  venueUrl: 'https://ticket.venue.example/',
  accountId: 'acc-1',
});

const reply = (body: string, status = 200): TicketHttpResult => ({
  kind: 'reply',
  status,
  contentType: 'application/json; charset=utf-8',
  headers: {},
  body,
});

const VALID = {
  v5: v5Order({ orderId: ORDER_ID, placed: PLACED }) as Json,
  v3: v3Order({ orderId: ORDER_ID, placed: PLACED }) as Json,
};

// The status fields are the venue's own words for the order's state, which it may write as a
// number or as text: a value of the other type can be a real "paid". They are tested by example.
const STATE_WORDS = new Set(['statuscode', 'statusname', 'orderstatus']);
const breakable = (path: JsonPath) => !STATE_WORDS.has(String(path[path.length - 1]));

describe.each(['v5', 'v3'] as const)('classifyTicketReply (%s): properties', (flavour) => {
  it('never throws on any reply, and what it gives can be stored', () => {
    const body = fc.oneof(
      fc.string(),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc
        .dictionary(
          fc.constantFrom('orderid', 'statuscode', 'orderstatus', 'paytimeout', 'ordertime', 'summary', 'Message'),
          fc.jsonValue({ maxDepth: 1 }),
        )
        .map((value) => JSON.stringify(value)),
    );
    fc.assert(
      fc.property(body, fc.constantFrom(200, 204, 400, 401, 404, 500), (text, status) => {
        const outcome = classifyTicketReply(reply(text, status), options(flavour));
        if (outcome.kind === 'order' && outcome.order) {
          expect(orderSchema.safeParse(outcome.order).success, JSON.stringify(outcome.order)).toBe(true);
        }
      }),
      PROPERTY_RUNS,
    );
  });

  it('never reads a broken reply for an order awaiting payment as "no longer awaiting payment"', () => {
    const valid = classifyTicketReply(reply(JSON.stringify(VALID[flavour])), options(flavour));
    expect(valid).toMatchObject({ kind: 'order', order: { id: ORDER_ID, state: 'unpaid' } });
    fc.assert(
      fc.property(fc.array(mutationArbitrary, { minLength: 1, maxLength: 3 }), (mutations) => {
        const { mutated, applied } = mutate(VALID[flavour], mutations, breakable);
        const outcome = classifyTicketReply(reply(JSON.stringify(mutated)), options(flavour));
        if (outcome.kind !== 'order') return;
        expect(outcome.order, applied.join('; ')).not.toBeNull();
        expect(orderSchema.safeParse(outcome.order).success, applied.join('; ')).toBe(true);
      }),
      PROPERTY_RUNS,
    );
  });
});
