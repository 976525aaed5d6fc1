import { describe, expect, it, vi } from 'vitest';
import { queryUnfinishedOrders } from '@/lib/sources/12306/client';
import { QUERY_BODY, QUERY_HEADERS, UNFINISHED_ORDERS_URL } from '@/lib/sources/12306/endpoints';
import {
  busyJson,
  ERROR_PAGE_HTML,
  NOTHING_UNFINISHED_JSON,
  PASSPORT_HTML,
  unpaidOrdersJson,
} from '../../../fixtures/12306/replies';
import { fetchReturning, jsonResponse, redirectedResponse, type Fetch } from '../../helpers/responses';

// 2024-05-01 20:00:00 Beijing time (UTC+8).
const PAY_LIMIT = Date.UTC(2024, 4, 1, 12, 0, 0);
// The local clock when the query starts: 2024-05-01 19:40:00.250 Beijing.
const LOCAL_START = Date.UTC(2024, 4, 1, 11, 40, 0, 250);

describe('queryUnfinishedOrders', () => {
  it('POSTs _json_att= with the browser cookies and the headers the site sends', async () => {
    const fakeFetch = fetchReturning(jsonResponse(NOTHING_UNFINISHED_JSON));
    await queryUnfinishedOrders({ fetch: fakeFetch, now: () => LOCAL_START });

    expect(fakeFetch).toHaveBeenCalledTimes(1);
    const [url, init] = fakeFetch.mock.calls[0]!;
    expect(url).toBe('https://kyfw.12306.cn/otn/queryOrder/queryMyOrderNoComplete');
    expect(url).toBe(UNFINISHED_ORDERS_URL);
    expect(init?.method).toBe('POST');
    expect(init?.body).toBe('_json_att=');
    expect(init?.body).toBe(QUERY_BODY);
    expect(init?.credentials).toBe('include');
    // Redirects are followed so that a logged-out reply arrives as the login page (classify.ts).
    expect(init?.redirect ?? 'follow').toBe('follow');
    const headers = new Headers(init?.headers);
    expect(headers.get('X-Requested-With')).toBe('XMLHttpRequest');
    expect(headers.get('Accept')).toBe('application/json, text/javascript, */*; q=0.01');
    expect(headers.get('Content-Type')).toBe('application/x-www-form-urlencoded; charset=UTF-8');
    expect(Object.fromEntries(headers)).toEqual(
      Object.fromEntries(Object.entries(QUERY_HEADERS).map(([name, value]) => [name.toLowerCase(), value])),
    );
    expect(init?.signal).toBeInstanceOf(AbortSignal);
  });

  it('classifies the reply it gets', async () => {
    const fakeFetch = fetchReturning(
      jsonResponse(unpaidOrdersJson([{ sequenceNo: 'E400000001', payLimit: PAY_LIMIT }])),
    );
    const { outcome } = await queryUnfinishedOrders({ fetch: fakeFetch, now: () => LOCAL_START });
    expect(outcome.kind).toBe('unpaid');
    expect('orders' in outcome && outcome.orders.map((o) => [o.id, o.deadline])).toEqual([['E400000001', PAY_LIMIT]]);
  });

  it('passes the followed redirect, final URL and content type on to classification', async () => {
    const fakeFetch = fetchReturning(
      redirectedResponse(
        'https://kyfw.12306.cn/otn/passport?redirect=/otn/login/userLogin',
        PASSPORT_HTML,
        'text/html;charset=utf-8',
      ),
    );
    const { outcome } = await queryUnfinishedOrders({ fetch: fakeFetch, now: () => LOCAL_START });
    expect(outcome.kind).toBe('loggedOut');

    const toErrorPage = fetchReturning(
      redirectedResponse('https://kyfw.12306.cn/otn/login/error', '<html><body>出错了</body></html>', 'text/html'),
    );
    expect((await queryUnfinishedOrders({ fetch: toErrorPage, now: () => LOCAL_START })).outcome.kind).toBe('busy');
  });

  it("learns 12306's clock from the Date header", async () => {
    // 12306's clock runs 93.7 s ahead of ours. The request takes 180 ms; the server stamps its
    // reply 70 ms in, and the Date header keeps whole seconds only.
    const skew = 93_700;
    let local = LOCAL_START;
    const fakeFetch = vi.fn<Fetch>(async () => {
      local += 70;
      const date = new Date(Math.floor((local + skew) / 1000) * 1000).toUTCString();
      local += 110;
      return jsonResponse(NOTHING_UNFINISHED_JSON, { headers: { Date: date } });
    });
    const { outcome, clockSample } = await queryUnfinishedOrders({ fetch: fakeFetch, now: () => local });

    expect(outcome.kind).toBe('none');
    expect(clockSample).not.toBeNull();
    expect(clockSample!.lo).toBeLessThanOrEqual(skew);
    expect(clockSample!.hi).toBeGreaterThanOrEqual(skew);
    // One second of header resolution plus the round trip, no more.
    expect(clockSample!.hi - clockSample!.lo).toBeLessThanOrEqual(1000 + 180);
    expect(clockSample!.at).toBe(LOCAL_START + 180);
  });

  it('learns the clock from a busy reply too', async () => {
    const skew = -4_321;
    let local = LOCAL_START;
    const fakeFetch = vi.fn<Fetch>(async () => {
      local += 40;
      const date = new Date(Math.floor((local + skew) / 1000) * 1000).toUTCString();
      local += 40;
      return new Response(ERROR_PAGE_HTML, { status: 503, headers: { 'content-type': 'text/html', date } });
    });
    const { outcome, clockSample } = await queryUnfinishedOrders({ fetch: fakeFetch, now: () => local });
    expect(outcome.kind).toBe('busy');
    expect(clockSample!.lo).toBeLessThanOrEqual(skew);
    expect(clockSample!.hi).toBeGreaterThanOrEqual(skew);
  });

  it('gives no clock sample without a Date header', async () => {
    const response = jsonResponse(busyJson('网络繁忙'));
    expect(response.headers.has('date')).toBe(false);
    const result = await queryUnfinishedOrders({ fetch: fetchReturning(response), now: () => LOCAL_START });
    expect(result).toEqual({ outcome: { kind: 'busy', detail: '网络繁忙' }, clockSample: null });
  });

  it('reports a fetch that rejects as offline', async () => {
    const fakeFetch = vi.fn<Fetch>(async () => {
      throw new TypeError('Failed to fetch');
    });
    const result = await queryUnfinishedOrders({ fetch: fakeFetch, now: () => LOCAL_START });
    expect(result).toEqual({ outcome: { kind: 'offline', detail: 'Failed to fetch' }, clockSample: null });
  });

  it('gives up after timeoutMs and reports a timeout', async () => {
    let signal: AbortSignal | undefined;
    const fakeFetch = vi.fn<Fetch>(
      (_url, init) =>
        new Promise<Response>((_resolve, reject) => {
          signal = init?.signal ?? undefined;
          signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
        }),
    );
    const started = performance.now();
    const result = await queryUnfinishedOrders({ fetch: fakeFetch, now: () => LOCAL_START, timeoutMs: 50 });
    expect(result).toEqual({ outcome: { kind: 'timeout' }, clockSample: null });
    expect(signal?.aborted).toBe(true);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('does not abort a reply that arrived in time', async () => {
    let signal: AbortSignal | undefined;
    const fakeFetch = vi.fn<Fetch>(async (_url, init) => {
      signal = init?.signal ?? undefined;
      return jsonResponse(NOTHING_UNFINISHED_JSON);
    });
    const { outcome } = await queryUnfinishedOrders({ fetch: fakeFetch, now: () => LOCAL_START, timeoutMs: 20 });
    expect(outcome.kind).toBe('none');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(signal?.aborted).toBe(false);
  });
});
