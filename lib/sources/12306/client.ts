import { sampleFromDateHeader, type ClockSample } from '../../time/clock';
import { classifyReply, type HttpResult, type Outcome } from './classify';
import { QUERY_BODY, QUERY_HEADERS, UNFINISHED_ORDERS_URL } from './endpoints';

export interface QueryResult {
  outcome: Outcome;
  /** What this reply's `Date` header says about 12306's clock (any reply, even a busy one). */
  clockSample: ClockSample | null;
}

export interface QueryOptions {
  fetch?: typeof fetch;
  now?: () => number;
  timeoutMs?: number;
}

export const QUERY_TIMEOUT_MS = 20_000;

/** One POST to 12306 as the site's own page sends it. */
export interface PostRequest {
  url: string;
  /** null sends no body at all (and so no Content-Type). */
  body: string | null;
  headers: Readonly<Record<string, string>>;
}

/**
 * Sends one POST to 12306 with the browser's own 12306 cookies and gives back what the network said,
 * unread, with what its `Date` header says about 12306's clock. The extension never sees or stores
 * the cookies; `credentials: 'include'` lets the browser attach them. Every 12306 query goes through
 * here so that all of them time out, follow redirects and learn the clock the same way.
 */
export async function post12306(
  request: PostRequest,
  options: QueryOptions = {},
): Promise<{ http: HttpResult; clockSample: ClockSample | null }> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const now = options.now ?? Date.now;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? QUERY_TIMEOUT_MS);
  const sentAt = now();
  let http: HttpResult;
  let dateHeader: string | null = null;
  try {
    const response = await doFetch(request.url, {
      method: 'POST',
      body: request.body,
      headers: request.headers,
      credentials: 'include',
      cache: 'no-store',
      redirect: 'follow',
      signal: controller.signal,
    });
    dateHeader = response.headers.get('date');
    http = {
      kind: 'reply',
      status: response.status,
      redirected: response.redirected,
      url: response.url,
      contentType: response.headers.get('content-type') ?? '',
      body: await response.text(),
    };
  } catch (error) {
    http = controller.signal.aborted
      ? { kind: 'timeout' }
      : { kind: 'offline', detail: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
  return { http, clockSample: sampleFromDateHeader(dateHeader, sentAt, now()) };
}

/** Asks 12306 for the user's unfinished orders. */
export async function queryUnfinishedOrders(options: QueryOptions = {}): Promise<QueryResult> {
  const { http, clockSample } = await post12306(
    { url: UNFINISHED_ORDERS_URL, body: QUERY_BODY, headers: QUERY_HEADERS },
    options,
  );
  return { outcome: classifyReply(http), clockSample };
}
