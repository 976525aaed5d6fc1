import { ORIGIN } from '../endpoints';

// 12306's 候补 (waitlist) orders (shared/api-notes.md). The login, its cookies and the login page are
// the main 12306 source's: both sources ride on the same 12306 session.

/** The waitlist order waiting for its prepayment, if any (partly unconfirmed: see schemas.ts). */
export const WAITLIST_QUEUE_URL = `${ORIGIN}/otn/afterNateOrder/queryQueue`;

/** 候补订单, the page where the user prepays a waitlist order (and follows a pending one). */
export const LINEUP_PAGE_URL = `${ORIGIN}/otn/view/lineUp_order.html`;

/**
 * The headers 12306's 候补 pages send with their queue queries. Those pages post with no body at all
 * (Content-Length 0, so no Content-Type) and accept anything, unlike the older order pages; captured
 * for the sibling `afterNate/queryQueue` from `lineUp_toPay.html`, and public clients send
 * `afterNateOrder/queryQueue` the same way. That the 候补订单 page itself sends exactly these is
 * unconfirmed.
 */
export const WAITLIST_QUERY_HEADERS: Readonly<Record<string, string>> = {
  'X-Requested-With': 'XMLHttpRequest',
  Accept: '*/*',
};
export const WAITLIST_QUERY_BODY = null;
