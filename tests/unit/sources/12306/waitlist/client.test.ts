import { describe, expect, it, vi } from 'vitest';
import { QUERY_TIMEOUT_MS } from '@/lib/sources/12306/client';
import { queryWaitlist } from '@/lib/sources/12306/waitlist/client';
import { WAITLIST_QUERY_HEADERS, WAITLIST_QUEUE_URL } from '@/lib/sources/12306/waitlist/endpoints';
import {
  awaitingPrepayJson,
  busyJson,
  ERROR_PAGE_HTML,
  PASSPORT_HTML,
  WAITLIST_NOTHING_JSON,
} from '../../../../fixtures/12306/waitlist-replies';
import { fetchReturning, jsonResponse, redirectedResponse, type Fetch } from '../../../helpers/responses';

// 2024-04-22 15:27:20 Beijing time (UTC+8).
const LOSE_TIME = Date.UTC(2024, 3, 22, 7, 27, 20);
// The local clock when the query starts: 15:17:24.250 Beijing.
const LOCAL_START = Date.UTC(2024, 3, 22, 7, 17, 24, 250);

describe('queryWaitlist', () => {
  it('POSTs with no body, the browser cookies and the headers the 候补 pages send', async () => {
    const fakeFetch = fetchReturning(jsonResponse(WAITLIST_NOTHING_JSON));
    await queryWaitlist({ fetch: fakeFetch, now: () => LOCAL_START });

    expect(fakeFetch).toHaveBeenCalledTimes(1);
    const [url, init] = fakeFetch.mock.calls[0]!;
    expect(url).toBe('https://kyfw.12306.cn/otn/afterNateOrder/queryQueue');
    expect(url).toBe(WAITLIST_QUEUE_URL);
    expect(init?.method).toBe('POST');
    expect(init?.body ?? null).toBeNull();
    expect(init?.credentials).toBe('include');
    expect(init?.redirect ?? 'follow').toBe('follow');
    const headers = new Headers(init?.headers);
    expect(Object.fromEntries(headers)).toEqual({ 'x-requested-with': 'XMLHttpRequest', accept: '*/*' });
    expect(Object.fromEntries(headers)).toEqual(
      Object.fromEntries(Object.entries(WAITLIST_QUERY_HEADERS).map(([name, value]) => [name.toLowerCase(), value])),
    );
    expect(init?.signal).toBeInstanceOf(AbortSignal);
  });

  it('sends what a real Request makes of it: no Content-Type, an empty body', async () => {
    const fakeFetch = vi.fn<Fetch>(async () => jsonResponse(WAITLIST_NOTHING_JSON));
    await queryWaitlist({ fetch: fakeFetch, now: () => LOCAL_START });
    const [url, init] = fakeFetch.mock.calls[0]!;
    const request = new Request(url, init);
    expect(request.headers.has('content-type')).toBe(false);
    expect(await request.text()).toBe('');
  });

  it('classifies a prepay reply into a waitlist order due at loseTime', async () => {
    const fakeFetch = fetchReturning(jsonResponse(awaitingPrepayJson({ reserveNo: 'EH9071000300612700' }, LOSE_TIME)));
    const { outcome } = await queryWaitlist({ fetch: fakeFetch, now: () => LOCAL_START });
    expect(outcome.kind).toBe('unpaid');
    expect('orders' in outcome && outcome.orders.map((o) => [o.source, o.id, o.state, o.deadline])).toEqual([
      ['12306-waitlist', 'EH9071000300612700', 'unpaid', LOSE_TIME],
    ]);
  });

  it('passes the followed redirect, final URL and content type on to classification', async () => {
    const toPassport = fetchReturning(
      redirectedResponse(
        'https://kyfw.12306.cn/otn/passport?redirect=/otn/login/userLogin',
        PASSPORT_HTML,
        'text/html;charset=utf-8',
      ),
    );
    expect((await queryWaitlist({ fetch: toPassport, now: () => LOCAL_START })).outcome.kind).toBe('loggedOut');
    const toErrorPage = fetchReturning(
      redirectedResponse('https://www.12306.cn/mormhweb/logFiles/error.html', ERROR_PAGE_HTML, 'text/html'),
    );
    expect((await queryWaitlist({ fetch: toErrorPage, now: () => LOCAL_START })).outcome.kind).toBe('busy');
  });

  it("learns 12306's clock from the Date header", async () => {
    // 12306's clock runs 2 min 3.4 s behind ours; the request takes 250 ms.
    const skew = -123_400;
    let local = LOCAL_START;
    const fakeFetch = vi.fn<Fetch>(async () => {
      local += 100;
      const date = new Date(Math.floor((local + skew) / 1000) * 1000).toUTCString();
      local += 150;
      return jsonResponse(WAITLIST_NOTHING_JSON, { headers: { Date: date } });
    });
    const { outcome, clockSample } = await queryWaitlist({ fetch: fakeFetch, now: () => local });
    expect(outcome.kind).toBe('none');
    expect(clockSample!.lo).toBeLessThanOrEqual(skew);
    expect(clockSample!.hi).toBeGreaterThanOrEqual(skew);
    expect(clockSample!.hi - clockSample!.lo).toBeLessThanOrEqual(1000 + 250);
    expect(clockSample!.at).toBe(LOCAL_START + 250);
  });

  it('learns the clock from a busy reply too, and gives no sample without a Date header', async () => {
    let local = LOCAL_START;
    const busy = vi.fn<Fetch>(async () => {
      local += 50;
      return new Response(ERROR_PAGE_HTML, {
        status: 502,
        headers: { 'content-type': 'text/html', date: new Date(local + 60_000).toUTCString() },
      });
    });
    const withDate = await queryWaitlist({ fetch: busy, now: () => local });
    expect(withDate.outcome.kind).toBe('busy');
    expect(withDate.clockSample!.lo).toBeLessThanOrEqual(60_000);
    expect(withDate.clockSample!.hi).toBeGreaterThanOrEqual(60_000);

    const without = await queryWaitlist({ fetch: fetchReturning(jsonResponse(busyJson('系统忙'))), now: () => local });
    expect(without).toEqual({ outcome: { kind: 'busy', detail: '系统忙' }, clockSample: null });
  });

  it('reports a fetch that rejects as offline', async () => {
    const fakeFetch = vi.fn<Fetch>(async () => {
      throw new TypeError('NetworkError when attempting to fetch resource.');
    });
    expect(await queryWaitlist({ fetch: fakeFetch, now: () => LOCAL_START })).toEqual({
      outcome: { kind: 'offline', detail: 'NetworkError when attempting to fetch resource.' },
      clockSample: null,
    });
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
    const result = await queryWaitlist({ fetch: fakeFetch, now: () => LOCAL_START, timeoutMs: 50 });
    expect(result).toEqual({ outcome: { kind: 'timeout' }, clockSample: null });
    expect(signal?.aborted).toBe(true);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('waits as long as the main query by default', async () => {
    vi.useFakeTimers();
    try {
      let signal: AbortSignal | undefined;
      const fakeFetch = vi.fn<Fetch>(
        (_url, init) =>
          new Promise<Response>((_resolve, reject) => {
            signal = init?.signal ?? undefined;
            signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
          }),
      );
      const pending = queryWaitlist({ fetch: fakeFetch, now: () => LOCAL_START });
      await vi.advanceTimersByTimeAsync(QUERY_TIMEOUT_MS - 1);
      expect(signal?.aborted).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect((await pending).outcome).toEqual({ kind: 'timeout' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not abort a reply that arrived in time', async () => {
    let signal: AbortSignal | undefined;
    const fakeFetch = vi.fn<Fetch>(async (_url, init) => {
      signal = init?.signal ?? undefined;
      return jsonResponse(WAITLIST_NOTHING_JSON);
    });
    const { outcome } = await queryWaitlist({ fetch: fakeFetch, now: () => LOCAL_START, timeoutMs: 20 });
    expect(outcome.kind).toBe('none');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(signal?.aborted).toBe(false);
  });
});
