import { describe, expect, it } from 'vitest';
import {
  classifyTicketReply,
  type ClassifyOptions,
  type TicketHttpResult,
  type TicketOutcome,
} from '@/lib/sources/ticket-system/classify';
import type { TicketFlavour } from '@/lib/sources/ticket-system/schemas';
import {
  APP_ERRCODE_JSON,
  APP_ERROR_JSON,
  ASPNET_EXCEPTION_JSON,
  ASPNET_NOT_FOUND_JSON,
  ASPNET_NO_ROUTE_JSON,
  HAWK_STALE_401_BODY,
  HAWK_STALE_401_HEADERS,
  IIS_ERROR_HTML,
  MALFORMED_JSON,
  v3OrderJson,
  v3Seed,
  v5OrderJson,
  v5Seed,
} from '../../../fixtures/ticket-system/replies';

const VENUE = 'https://ticket.venue.example/';
const ORDER_ID = '20240501000123';
// 2024-05-01 19:45:00 Beijing time (UTC+8); with the default 15-minute timeout, due at 20:00:00.
const PLACED = Date.UTC(2024, 4, 1, 11, 45);
const DUE = Date.UTC(2024, 4, 1, 12, 0);

const options = (flavour: TicketFlavour, orderId = ORDER_ID): ClassifyOptions => ({
  flavour,
  orderId,
  venueUrl: VENUE,
  accountId: 'acc-1',
});

function reply(body: string, status = 200, headers: Record<string, string> = {}): TicketHttpResult {
  return { kind: 'reply', status, contentType: 'application/json; charset=utf-8', headers, body };
}

const classify = (result: TicketHttpResult, flavour: TicketFlavour = 'v5') =>
  classifyTicketReply(result, options(flavour));

/** What the user may be shown: short plain text, never markup. */
function expectPlain(text: string) {
  expect(text.length).toBeGreaterThan(0);
  expect(text.length).toBeLessThanOrEqual(161);
  expect(text).not.toContain('<');
  expect(text).not.toMatch(/[\n\r\t]/);
}

function detailOf(outcome: TicketOutcome): string {
  if (!('detail' in outcome)) throw new Error(`expected a detail, got ${JSON.stringify(outcome)}`);
  expectPlain(outcome.detail);
  return outcome.detail;
}

describe.each(['v5', 'v3'] as const)('classifyTicketReply (%s): orders', (flavour) => {
  const json = flavour === 'v5' ? v5OrderJson : v3OrderJson;

  it('reads an order awaiting payment', () => {
    const outcome = classify(reply(json({ orderId: ORDER_ID, placed: PLACED })), flavour);
    expect(outcome).toMatchObject({
      kind: 'order',
      status: { code: '0', awaitingPayment: true },
      order: { source: 'ticket-system', id: ORDER_ID, state: 'unpaid', deadline: DUE, payUrl: VENUE },
    });
  });

  it.each([
    ['3', true],
    ['4', true],
    ['X', true],
    ['D', true],
    ['5', false],
    ['7', false],
    ['B', false],
  ])('reads status %s as no longer payable (final: %s)', (status, final) => {
    const outcome = classify(reply(json({ orderId: ORDER_ID, placed: PLACED, status })), flavour);
    expect(outcome).toMatchObject({ kind: 'order', order: null, status: { code: status, final, known: true } });
  });

  it('keeps an order with an unknown status', () => {
    const outcome = classify(reply(json({ orderId: ORDER_ID, placed: PLACED, status: 'Q' })), flavour);
    expect(outcome).toMatchObject({ kind: 'order', status: { known: false }, order: { state: 'unpaid' } });
  });

  it('matches the order number despite padding', () => {
    const outcome = classifyTicketReply(
      reply(json({ orderId: ` ${ORDER_ID} `, placed: PLACED })),
      options(flavour, ORDER_ID),
    );
    expect(outcome).toMatchObject({ kind: 'order', order: { id: ORDER_ID } });
  });

  it('does not believe a reply about another order', () => {
    const outcome = classify(reply(json({ orderId: '20240501999999', placed: PLACED })), flavour);
    expect(outcome.kind).toBe('unexpected');
    expect(detailOf(outcome)).toContain('20240501999999');
  });

  it('reads the verbatim document sample when asked for its order', () => {
    const seed = flavour === 'v5' ? v5Seed : v3Seed;
    const outcome = classifyTicketReply(reply(JSON.stringify(seed)), options(flavour, seed.orderid));
    expect(outcome).toMatchObject({ kind: 'order', status: { known: false } });
  });

  it('calls an order of the wrong shape unexpected', () => {
    const raw = JSON.parse(json({ orderId: ORDER_ID, placed: PLACED }));
    raw[flavour === 'v5' ? 'orderdetail' : 'orderviewdetail'] = 'none';
    const outcome = classify(reply(JSON.stringify(raw)), flavour);
    expect(outcome.kind).toBe('unexpected');
    expect(detailOf(outcome)).toMatch(/^order not understood/);
  });

  it('calls an order whose paytimeout gives no real deadline unexpected', () => {
    const raw = JSON.parse(json({ orderId: ORDER_ID, placed: PLACED, paymentEnd: null }));
    raw.paytimeout = '1e305';
    const outcome = classify(reply(JSON.stringify(raw)), flavour);
    expect(outcome.kind).toBe('unexpected');
    expect(detailOf(outcome)).toContain('paytimeout');
  });
});

describe('classifyTicketReply: no such order', () => {
  it.each([
    ['a null body', reply('null')],
    ['HTTP 204', reply('', 204)],
    ['an empty result object', reply(JSON.stringify({ orderid: null, statuscode: null }))],
    ['an empty order number', reply(v5OrderJson({ orderId: '  ', placed: PLACED }))],
  ])('reads %s as not found, with no words of the venue to show', (_, result) => {
    expect(classify(result)).toEqual({ kind: 'notFound', detail: '' });
  });

  it.each([
    ['an ASP.NET message saying so', reply(ASPNET_NOT_FOUND_JSON, 404)],
    ['an application error saying so', reply(APP_ERRCODE_JSON)],
  ])('reads %s as not found, in the venue words', (_, result) => {
    const outcome = classify(result);
    expect(outcome.kind).toBe('notFound');
    detailOf(outcome);
  });
});

describe('classifyTicketReply: venue errors', () => {
  it('shows ASP.NET exception bodies in the venue words', () => {
    expect(classify(reply(ASPNET_EXCEPTION_JSON, 500))).toEqual({
      kind: 'venueError',
      status: 500,
      message: 'An error has occurred. — 数据库连接超时',
    });
  });

  it('reads a routing 404 as a venue error, not a missing order', () => {
    const outcome = classify(reply(ASPNET_NO_ROUTE_JSON, 404));
    expect(outcome).toMatchObject({ kind: 'venueError', status: 404 });
    if (outcome.kind === 'venueError') {
      expect(outcome.message).toMatch(/^No HTTP resource was found/);
      expectPlain(outcome.message);
    }
  });

  it('reads application error fields on a 200 reply', () => {
    expect(classify(reply(APP_ERROR_JSON))).toEqual({
      kind: 'venueError',
      status: 200,
      message: '参数错误：personalid',
    });
  });

  it('names the code when the application gives no words', () => {
    expect(classify(reply(JSON.stringify({ errcode: 7 })))).toEqual({
      kind: 'venueError',
      status: 200,
      message: 'error 7',
    });
  });

  it('keeps a venue message short and free of markup', () => {
    const body = JSON.stringify({ Message: `<b>订单查询失败</b>${'很长的说明'.repeat(60)}` });
    const outcome = classify(reply(body, 400));
    expect(outcome.kind).toBe('venueError');
    if (outcome.kind === 'venueError') {
      expect(outcome.message).toMatch(/^订单查询失败/);
      expectPlain(outcome.message);
    }
  });
});

describe('classifyTicketReply: other failures', () => {
  it('leaves 401 to the Hawk code with headers and body untouched', () => {
    expect(classify(reply(HAWK_STALE_401_BODY, 401, HAWK_STALE_401_HEADERS))).toEqual({
      kind: 'unauthorized',
      headers: HAWK_STALE_401_HEADERS,
      body: HAWK_STALE_401_BODY,
    });
  });

  it.each([
    [503, IIS_ERROR_HTML],
    [502, ''],
    [404, 'Not Found'],
    [500, MALFORMED_JSON],
    [400, JSON.stringify({ something: 'else' })],
  ])('reads HTTP %i without a venue error body as an HTTP failure', (status, body) => {
    const outcome = classify(reply(body, status));
    expect(outcome).toMatchObject({ kind: 'httpError', status });
    expect(detailOf(outcome)).toMatch(new RegExp(`^HTTP ${status}`));
  });

  it.each([
    ['an empty body', ' ', /^empty reply/],
    ['malformed JSON', MALFORMED_JSON, /^not JSON/],
    ['an HTML page', IIS_ERROR_HTML, /^not JSON: Service Unavailable/],
    ['an array', '[]', /^unknown reply/],
    ['a number', '42', /^unknown reply/],
    ['an object with no order number', JSON.stringify({ data: {} }), /^unknown reply/],
    ['an application success with no order', JSON.stringify({ resultcode: '0' }), /^unknown reply/],
  ])('reads %s on a 200 reply as unexpected', (_, body, detail) => {
    const outcome = classify(reply(body));
    expect(outcome.kind).toBe('unexpected');
    expect(detailOf(outcome)).toMatch(detail);
  });

  it('passes timeouts and offline results through', () => {
    expect(classify({ kind: 'timeout' })).toEqual({ kind: 'timeout' });
    expect(classify({ kind: 'offline', detail: 'Failed to fetch' })).toEqual({
      kind: 'offline',
      detail: 'Failed to fetch',
    });
  });
});
