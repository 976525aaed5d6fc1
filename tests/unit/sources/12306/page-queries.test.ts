import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LINEUP_PAGE_URL, WAITLIST_QUERY_HEADERS, WAITLIST_QUEUE_URL } from '@/lib/sources/12306/waitlist/endpoints';
import { PAY_PAGE_URL, QUERY_HEADERS, UNFINISHED_ORDERS_URL } from '@/lib/sources/12306/endpoints';
import { PAGE_QUERIES, PAGE_QUERY_NAMES, readPageQueryRequest } from '@/lib/sources/12306/page-queries';
import { pageQueryRequestSchema } from '@/lib/sources/12306/page-reply';
import { describeValue, mutate, WRONG_VALUES } from '../../helpers/agreement';

// The content script reads the background's request with a guard of its own (no zod in its bundle).
// It must take exactly what pageQueryRequestSchema takes, and give the query name the schema gives.

const RUNS = { seed: 1, numRuns: 200 };
const TYPE = '12306.askFromPage';

/** The guard and the schema agree on `value`; returns whether the schema accepts it. */
function expectAgreement(value: unknown, label = describeValue(value)): boolean {
  const parsed = pageQueryRequestSchema.safeParse(value);
  const read = readPageQueryRequest(value);
  if (parsed.success) expect(read, label).toBe(parsed.data.query);
  else expect(read, label).toBeNull();
  return parsed.success;
}

describe('PAGE_QUERIES', () => {
  it('sends the unpaid-orders query as the site’s order page does', () => {
    expect(PAGE_QUERIES.orders).toEqual({
      url: UNFINISHED_ORDERS_URL,
      body: '_json_att=',
      headers: QUERY_HEADERS,
      page: PAY_PAGE_URL,
    });
    expect(PAGE_QUERIES.orders.url).toBe('https://kyfw.12306.cn/otn/queryOrder/queryMyOrderNoComplete');
    expect(PAGE_QUERIES.orders.page).toBe('https://kyfw.12306.cn/otn/view/train_order.html');
    expect(PAGE_QUERIES.orders.headers['Content-Type']).toBe('application/x-www-form-urlencoded; charset=UTF-8');
  });

  it('sends the waitlist query with no body, as the site’s 候补订单 page does', () => {
    expect(PAGE_QUERIES.waitlist).toEqual({
      url: WAITLIST_QUEUE_URL,
      body: null,
      headers: WAITLIST_QUERY_HEADERS,
      page: LINEUP_PAGE_URL,
    });
    expect(PAGE_QUERIES.waitlist.url).toBe('https://kyfw.12306.cn/otn/afterNateOrder/queryQueue');
    expect(PAGE_QUERIES.waitlist.page).toBe('https://kyfw.12306.cn/otn/view/lineUp_order.html');
    // No body, so no Content-Type either.
    expect(Object.keys(PAGE_QUERIES.waitlist.headers).map((name) => name.toLowerCase())).not.toContain('content-type');
  });

  it('has one query for each name, and no other', () => {
    expect(Object.keys(PAGE_QUERIES).sort()).toEqual([...PAGE_QUERY_NAMES].sort());
  });
});

describe('readPageQueryRequest', () => {
  it('reads each query the background may ask for', () => {
    for (const query of PAGE_QUERY_NAMES) {
      expect(readPageQueryRequest({ type: TYPE, query })).toBe(query);
      expect(expectAgreement({ type: TYPE, query })).toBe(true);
    }
  });

  it('ignores any other message', () => {
    const others: unknown[] = [
      undefined,
      null,
      0,
      'orders',
      TYPE,
      true,
      [],
      [TYPE, 'orders'],
      Object.assign([], { type: TYPE, query: 'orders' }),
      {},
      { type: TYPE },
      { query: 'orders' },
      { type: TYPE, query: 'tickets' },
      { type: TYPE, query: 'Orders' },
      { type: TYPE, query: ' orders' },
      { type: TYPE, query: '' },
      { type: TYPE, query: null },
      { type: TYPE, query: ['orders'] },
      { type: TYPE, query: new String('orders') },
      { type: '12306.askfrompage', query: 'orders' },
      { type: 'overlay.get', query: 'orders' },
      { type: new String(TYPE), query: 'orders' },
      // Names every object has: none is a query.
      { type: TYPE, query: '__proto__' },
      { type: TYPE, query: 'constructor' },
      { type: TYPE, query: 'toString' },
      { type: TYPE, query: 'hasOwnProperty' },
      { type: TYPE, query: 'length' },
      { type: TYPE, query: '0' },
      JSON.parse(`{"type":"${TYPE}","__proto__":{"query":"orders"}}`),
    ];
    for (const other of others) {
      expect(readPageQueryRequest(other), describeValue(other)).toBeNull();
      expect(expectAgreement(other)).toBe(false);
    }
  });

  it('agrees with the schema on every single-field change of a valid request', () => {
    const replacements = [...WRONG_VALUES, ...PAGE_QUERY_NAMES, TYPE, '__proto__', 'constructor', 'ORDERS'];
    let accepted = 0;
    let rejected = 0;
    for (const query of PAGE_QUERY_NAMES) {
      const valid = { type: TYPE, query };
      for (const path of [[], ['type'], ['query']]) {
        for (const replacement of replacements) {
          const value = mutate(valid, path, replacement);
          const label = `${path.join('.') || '(itself)'} = ${describeValue(replacement)}`;
          if (expectAgreement(value, label)) accepted += 1;
          else rejected += 1;
        }
      }
    }
    // A query name in the query's place is right, so neither side is vacuous.
    expect(accepted).toBeGreaterThanOrEqual(4);
    expect(rejected).toBeGreaterThan(50);
  });

  it('takes a request with extra keys, as the schema does, and still answers only its query', () => {
    const extras: unknown[] = [
      { type: TYPE, query: 'orders', tabId: 4, url: 'https://evil.example/' },
      { type: TYPE, query: 'waitlist', body: 'x=1', headers: { Cookie: 'a' } },
      JSON.parse(`{"type":"${TYPE}","query":"orders","__proto__":{"query":"waitlist"}}`),
      Object.assign(Object.create(null) as object, { type: TYPE, query: 'waitlist' }),
      // Not from a message (structured clone copies own fields only), but zod reads these fields too.
      Object.create({ type: TYPE, query: 'orders' }) as object,
      Object.assign(new Date(0), { type: TYPE, query: 'waitlist' }),
    ];
    for (const extra of extras) expect(expectAgreement(extra)).toBe(true);
    expect(readPageQueryRequest(extras[0])).toBe('orders');
    expect(readPageQueryRequest(extras[2])).toBe('orders');
    expect(readPageQueryRequest(extras[3])).toBe('waitlist');
    expect(readPageQueryRequest(extras[4])).toBe('orders');
  });

  it('agrees with the schema on any value at all', () => {
    fc.assert(
      fc.property(
        fc.anything({ withNullPrototype: true, withBoxedValues: true, withMap: true, withSet: true }),
        (value) => {
          expectAgreement(value);
        },
      ),
      RUNS,
    );
  });

  it('agrees with the schema on anything shaped like a request', () => {
    const name = fc.oneof(
      fc.constantFrom(...PAGE_QUERY_NAMES),
      fc.constantFrom('__proto__', 'constructor', 'toString', 'valueOf', '', 'ORDERS', 'waitList', TYPE),
      fc.string(),
      fc.anything(),
    );
    const type = fc.oneof(
      fc.constant(TYPE),
      fc.constantFrom('12306.askfrompage', '12306.askFromPage ', 'overlay.get', 'overlay.summary'),
      fc.string(),
      fc.anything(),
    );
    const request = fc
      .tuple(
        fc.record({ type, query: name }, { requiredKeys: [] }),
        fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('__proto__', 'type', 'query')), fc.anything(), {
          maxKeys: 3,
        }),
        fc.boolean(),
      )
      .map(([fields, extra, extraFirst]) => (extraFirst ? { ...extra, ...fields } : { ...fields, ...extra }));
    let accepted = 0;
    fc.assert(
      fc.property(request, (value) => {
        if (expectAgreement(value)) accepted += 1;
      }),
      RUNS,
    );
    // The generator does reach the valid requests.
    expect(accepted).toBeGreaterThan(0);
  });
});
