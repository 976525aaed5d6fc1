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

/**
 * Asks 12306 for the user's unfinished orders with the browser's own 12306 cookies. The extension
 * never sees or stores the cookies; `credentials: 'include'` lets the browser attach them.
 */
export async function queryUnfinishedOrders(options: QueryOptions = {}): Promise<QueryResult> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const now = options.now ?? Date.now;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? QUERY_TIMEOUT_MS);
  const sentAt = now();
  let http: HttpResult;
  let dateHeader: string | null = null;
  try {
    const response = await doFetch(UNFINISHED_ORDERS_URL, {
      method: 'POST',
      body: QUERY_BODY,
      headers: QUERY_HEADERS,
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
  return { outcome: classifyReply(http), clockSample: sampleFromDateHeader(dateHeader, sentAt, now()) };
}
