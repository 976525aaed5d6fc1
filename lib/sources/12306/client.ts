import { sampleFromDateHeader, type ClockSample } from '../../time/clock';
import type { Outcome } from '../outcome';
import { classifyReply, type HttpResult } from './classify';
import { PAGE_QUERIES, type PostRequest } from './page-queries';
import { QUERY_TIMEOUT_MS, sendPost } from './post';

export { QUERY_TIMEOUT_MS } from './post';

export interface QueryResult {
  outcome: Outcome;
  /** What this reply's `Date` header says about 12306's clock (any reply, even a busy one). */
  clockSample: ClockSample | null;
  /** Set when a 12306 tab sent the query from the page, because 12306 refused the background's. */
  askedFrom?: 'tab';
}

export interface QueryOptions {
  fetch?: typeof fetch;
  now?: () => number;
  timeoutMs?: number;
}

/**
 * Sends one POST to 12306 with the browser's own 12306 cookies and gives back what the network said,
 * unread, with what its `Date` header says about 12306's clock. Every query the background sends
 * goes through here so that all of them time out, follow redirects and learn the clock the same way.
 */
export async function post12306(
  request: PostRequest,
  options: QueryOptions = {},
): Promise<{ http: HttpResult; clockSample: ClockSample | null }> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const now = options.now ?? Date.now;
  const sentAt = now();
  const { http, date } = await sendPost(request, {
    fetch: doFetch,
    timeoutMs: options.timeoutMs ?? QUERY_TIMEOUT_MS,
  });
  return { http, clockSample: sampleFromDateHeader(date, sentAt, now()) };
}

/** Asks 12306 for the user's unfinished orders. */
export async function queryUnfinishedOrders(options: QueryOptions = {}): Promise<QueryResult> {
  const { http, clockSample } = await post12306(PAGE_QUERIES.orders, options);
  return { outcome: classifyReply(http), clockSample };
}
