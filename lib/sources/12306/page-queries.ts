import { LINEUP_PAGE_URL, WAITLIST_QUERY_BODY, WAITLIST_QUERY_HEADERS, WAITLIST_QUEUE_URL } from './waitlist/endpoints';
import { isFields } from '../../util/guards';
import { PAY_PAGE_URL, QUERY_BODY, QUERY_HEADERS, UNFINISHED_ORDERS_URL } from './endpoints';

// 12306's two order queries, each with the page of the site's own that sends it. The background
// sends them, with that page's Origin and Referer where the browser lets it (./page-headers.ts);
// when 12306 refuses it anyway, a 12306 tab sends them from the page itself (./page-fallback.ts,
// entrypoints/overlay.content/page-query.ts). This
// file is read by the content script on 12306 pages too, so it holds data only (no zod).

/** One POST to 12306 as the site's own page sends it. */
export interface PostRequest {
  url: string;
  /** null sends no body at all (and so no Content-Type). */
  body: string | null;
  headers: Readonly<Record<string, string>>;
}

export interface PageQuery extends PostRequest {
  /** The site's page that sends this query: its Referer. */
  page: string;
}

export const PAGE_QUERY_NAMES = ['orders', 'waitlist'] as const;
export type PageQueryName = (typeof PAGE_QUERY_NAMES)[number];

export const PAGE_QUERIES: Readonly<Record<PageQueryName, PageQuery>> = {
  orders: { url: UNFINISHED_ORDERS_URL, body: QUERY_BODY, headers: QUERY_HEADERS, page: PAY_PAGE_URL },
  waitlist: {
    url: WAITLIST_QUEUE_URL,
    body: WAITLIST_QUERY_BODY,
    headers: WAITLIST_QUERY_HEADERS,
    page: LINEUP_PAGE_URL,
  },
};

/**
 * The query a message asks a 12306 tab to send, or null for any other message. Without zod, for the
 * content script's size; it accepts exactly `pageQueryRequestSchema` (./page-reply.ts).
 */
export function readPageQueryRequest(message: unknown): PageQueryName | null {
  if (!isFields(message)) return null;
  const { type, query } = message;
  if (type !== '12306.askFromPage') return null;
  return PAGE_QUERY_NAMES.find((name) => name === query) ?? null;
}
