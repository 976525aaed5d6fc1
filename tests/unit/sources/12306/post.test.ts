import { afterEach, describe, expect, it, vi } from 'vitest';
import { PAGE_QUERIES } from '@/lib/sources/12306/page-queries';
import { QUERY_TIMEOUT_MS, sendPost, type PostOptions } from '@/lib/sources/12306/post';
import { NOTHING_UNFINISHED_JSON } from '../../../fixtures/12306/replies';

// One POST to 12306, shared by the background and by a 12306 tab asked to send it from its page.

const DATE = 'Tue, 24 Mar 2026 06:57:09 GMT';
const JSON_TYPE = 'application/json;charset=UTF-8';

type Fetch = PostOptions['fetch'];

function reply(body: BodyInit | null, headers: Record<string, string> = { date: DATE, 'content-type': JSON_TYPE }) {
  return new Response(body, { status: 200, headers });
}

/** A body that fails after the headers arrived (a dropped connection). */
function failingBody(message: string) {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.error(new TypeError(message));
    },
  });
}

/** A fetch that, like the browser's, never answers unless aborted, and then rejects. */
const hangingFetch = () =>
  vi.fn<Fetch>(
    (_url, init) =>
      new Promise<Response>((_resolve, reject) => {
        init.signal?.addEventListener('abort', () =>
          reject(new DOMException('The operation was aborted.', 'AbortError')),
        );
      }),
  );

afterEach(() => {
  vi.useRealTimers();
});

describe('sendPost', () => {
  it('POSTs the query with the browser’s cookies, following redirects, never from a cache', async () => {
    const fetch = vi.fn<Fetch>(async () => reply(NOTHING_UNFINISHED_JSON));
    await sendPost(PAGE_QUERIES.orders, { fetch, timeoutMs: QUERY_TIMEOUT_MS });
    expect(fetch).toHaveBeenCalledOnce();
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe(PAGE_QUERIES.orders.url);
    expect(init).toMatchObject({
      method: 'POST',
      body: '_json_att=',
      headers: PAGE_QUERIES.orders.headers,
      credentials: 'include',
      cache: 'no-store',
      redirect: 'follow',
    });
  });

  it('sends no body where the query has none', async () => {
    const fetch = vi.fn<Fetch>(async () => reply(null));
    await sendPost(PAGE_QUERIES.waitlist, { fetch, timeoutMs: QUERY_TIMEOUT_MS });
    expect(fetch.mock.calls[0]![1].body).toBeNull();
  });

  it('names the page it is sent from only when told', async () => {
    const fetch = vi.fn<Fetch>(async () => reply(NOTHING_UNFINISHED_JSON));
    await sendPost(PAGE_QUERIES.orders, { fetch, timeoutMs: QUERY_TIMEOUT_MS });
    await sendPost(PAGE_QUERIES.orders, { fetch, timeoutMs: QUERY_TIMEOUT_MS, referrer: PAGE_QUERIES.orders.page });
    // Absent, not undefined: a referrer of its own would be a different request.
    expect('referrer' in fetch.mock.calls[0]![1]).toBe(false);
    expect(fetch.mock.calls[1]![1].referrer).toBe('https://kyfw.12306.cn/otn/view/train_order.html');
  });

  it('reads what the network said, unread, and its Date header', async () => {
    const response = reply('<html>网络繁忙</html>', { date: DATE, 'content-type': 'text/html' });
    Object.defineProperty(response, 'redirected', { value: true });
    Object.defineProperty(response, 'url', { value: 'https://kyfw.12306.cn/otn/login/error' });
    const result = await sendPost(PAGE_QUERIES.orders, { fetch: async () => response, timeoutMs: QUERY_TIMEOUT_MS });
    expect(result).toStrictEqual({
      http: {
        kind: 'reply',
        status: 200,
        redirected: true,
        url: 'https://kyfw.12306.cn/otn/login/error',
        contentType: 'text/html',
        body: '<html>网络繁忙</html>',
      },
      date: DATE,
    });
  });

  it('says when the reply has no content type or no date', async () => {
    const result = await sendPost(PAGE_QUERIES.waitlist, {
      fetch: async () => new Response(null, { status: 403 }),
      timeoutMs: QUERY_TIMEOUT_MS,
    });
    expect(result).toStrictEqual({
      http: { kind: 'reply', status: 403, redirected: false, url: '', contentType: '', body: '' },
      date: null,
    });
  });

  it('gives up after its time limit, as a timeout', async () => {
    vi.useFakeTimers();
    const fetch = hangingFetch();
    let result: unknown = 'pending';
    void sendPost(PAGE_QUERIES.orders, { fetch, timeoutMs: 5_000 }).then((value) => (result = value));
    expect(fetch.mock.calls[0]![1].signal).toBeInstanceOf(AbortSignal);
    expect(fetch.mock.calls[0]![1].signal!.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(result).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(result).toStrictEqual({ http: { kind: 'timeout' }, date: null });
    expect(fetch.mock.calls[0]![1].signal!.aborted).toBe(true);
  });

  it('stops its timer once answered', async () => {
    vi.useFakeTimers();
    const fetch = vi.fn<Fetch>(async () => reply(NOTHING_UNFINISHED_JSON));
    const result = await sendPost(PAGE_QUERIES.orders, { fetch, timeoutMs: QUERY_TIMEOUT_MS });
    expect(result.http.kind).toBe('reply');
    expect(vi.getTimerCount()).toBe(0);
    expect(fetch.mock.calls[0]![1].signal!.aborted).toBe(false);
  });

  it('says offline, and why, when the request fails', async () => {
    const failed = await sendPost(PAGE_QUERIES.orders, {
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
      timeoutMs: QUERY_TIMEOUT_MS,
    });
    expect(failed).toStrictEqual({ http: { kind: 'offline', detail: 'Failed to fetch' }, date: null });

    const thrown = await sendPost(PAGE_QUERIES.orders, {
      fetch: () => {
        throw 'NetworkError when attempting to fetch resource.';
      },
      timeoutMs: QUERY_TIMEOUT_MS,
    });
    expect(thrown).toStrictEqual({
      http: { kind: 'offline', detail: 'NetworkError when attempting to fetch resource.' },
      date: null,
    });
  });

  it('keeps the Date header when the body fails to arrive', async () => {
    const result = await sendPost(PAGE_QUERIES.orders, {
      fetch: async () => reply(failingBody('terminated')),
      timeoutMs: QUERY_TIMEOUT_MS,
    });
    expect(result).toStrictEqual({ http: { kind: 'offline', detail: 'terminated' }, date: DATE });
  });

  it('keeps the Date header when the time runs out while the body arrives', async () => {
    vi.useFakeTimers();
    const fetch = vi.fn<Fetch>(async (_url, init) =>
      reply(
        new ReadableStream<Uint8Array>({
          start(controller) {
            init.signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
          },
        }),
      ),
    );
    let result: unknown = 'pending';
    void sendPost(PAGE_QUERIES.orders, { fetch, timeoutMs: 5_000 }).then((value) => (result = value));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(result).toStrictEqual({ http: { kind: 'timeout' }, date: DATE });
  });
});
