// What the fake answers to the unfinished-orders query and to the waitlist query of a logged-in
// user, each scripted by a test on its own. The bodies come from the shared reply builders
// (tests/fixtures/12306/replies.ts, waitlist-replies.ts) so the unit tests and the end-to-end tests
// see exactly the same replies.

import {
  busyJson,
  LOGGED_OUT_JSON,
  MALFORMED_JSON,
  NOTHING_UNFINISHED_JSON,
  PASSPORT_HTML,
  queuingJson,
  unpaidOrdersJson,
  type FixtureOrder,
} from '../../fixtures/12306/replies';
import {
  awaitingPrepayJson,
  WAITLIST_MALFORMED_JSON,
  WAITLIST_NOTHING_JSON,
  waitlistFailedJson,
  waitlistQueryFailedJson,
  waitlistQueuingJson,
  type FixtureWaitlistOrder,
} from '../../fixtures/12306/waitlist-replies';
import { errorStatusPage } from './pages';

export type ReplyPlan =
  | { kind: 'orders'; orders: FixtureOrder[] } // unpaidOrdersJson
  | { kind: 'queuing'; options?: Parameters<typeof queuingJson>[0] }
  | { kind: 'none' } // NOTHING_UNFINISHED_JSON
  | { kind: 'loggedOutJson' } // LOGGED_OUT_JSON (old form)
  | { kind: 'busyJson'; message?: string } // busyJson(message ?? '网络繁忙')
  | { kind: 'busyRedirect'; to: 'otn' | 'www' } // 302 to /otn/login/error or www's error.html
  | { kind: 'status'; status: number; body?: string } // 500, 502, 503, 429, 403...
  | { kind: 'empty' } // 200 with empty body
  | { kind: 'malformed' } // MALFORMED_JSON
  | { kind: 'html'; body?: string } // 200 text/html page (default: the login page, as 12306 sends)
  | { kind: 'slow'; delayMs: number; then: ReplyPlan }; // `then` after delayMs

/** The forms 12306 gives any /otn query when something is wrong, whichever query it was. */
type FailurePlan = Extract<
  ReplyPlan,
  { kind: 'loggedOutJson' | 'busyJson' | 'busyRedirect' | 'status' | 'empty' | 'malformed' | 'html' }
>;

export type WaitlistPlan =
  | { kind: 'prepay'; order: FixtureWaitlistOrder; loseTime: number } // awaitingPrepayJson
  | { kind: 'queuing'; order?: FixtureWaitlistOrder } // waitlistQueuingJson
  | { kind: 'failed'; message?: string } // waitlistFailedJson: the queue failed, nothing to prepay
  | { kind: 'none' } // WAITLIST_NOTHING_JSON
  | { kind: 'queryFailed'; msg: string } // waitlistQueryFailedJson: flag false
  | FailurePlan // as for the unfinished-orders query; `malformed` is WAITLIST_MALFORMED_JSON
  | { kind: 'slow'; delayMs: number; then: WaitlistPlan }; // `then` after delayMs

/** A reply ready to write; the server adds `Date` and `Content-Length`. */
export interface Reply {
  status: number;
  headers: Record<string, string | string[]>;
  body: string;
}

export const JSON_TYPE = 'application/json;charset=UTF-8';
export const HTML_TYPE = 'text/html;charset=UTF-8';

export const KYFW = 'https://kyfw.12306.cn';
export const OTN_ERROR_URL = `${KYFW}/otn/login/error`;
export const WWW_ERROR_URL = 'https://www.12306.cn/mormhweb/logFiles/error.html';

export const json = (body: string): Reply => ({ status: 200, headers: { 'Content-Type': JSON_TYPE }, body });
export const html = (body: string, status = 200): Reply => ({ status, headers: { 'Content-Type': HTML_TYPE }, body });
export const redirect = (location: string, setCookie: string[] = []): Reply => ({
  status: 302,
  headers: setCookie.length > 0 ? { Location: location, 'Set-Cookie': setCookie } : { Location: location },
  body: '',
});

/** The reply for every plan but `slow`, which the server unwraps because it needs the clock. */
export function replyFor(plan: Exclude<ReplyPlan, { kind: 'slow' }>): Reply {
  switch (plan.kind) {
    case 'orders':
      return json(unpaidOrdersJson(plan.orders));
    case 'queuing':
      return json(queuingJson(plan.options));
    case 'none':
      return json(NOTHING_UNFINISHED_JSON);
    case 'loggedOutJson':
      return json(LOGGED_OUT_JSON);
    case 'busyJson':
      return json(busyJson(plan.message ?? '网络繁忙'));
    case 'busyRedirect':
      return redirect(plan.to === 'www' ? WWW_ERROR_URL : OTN_ERROR_URL);
    case 'status':
      // Gateways answer errors with a small HTML page; a test may give its own body instead.
      return html(plan.body ?? errorStatusPage(plan.status), plan.status);
    case 'empty':
      return json('');
    case 'malformed':
      return json(MALFORMED_JSON);
    case 'html':
      return html(plan.body ?? PASSPORT_HTML);
  }
}

/**
 * The waitlist reply for every plan but `slow`. `serverNow` is the fake's (skewed) clock: 12306
 * stamps a prepay reply's `beginTime` with its own.
 */
export function waitlistReplyFor(plan: Exclude<WaitlistPlan, { kind: 'slow' }>, serverNow: number): Reply {
  switch (plan.kind) {
    case 'prepay':
      return json(awaitingPrepayJson(plan.order, plan.loseTime, serverNow));
    case 'queuing':
      return json(waitlistQueuingJson(plan.order ? { order: plan.order, now: serverNow } : {}));
    case 'failed':
      return json(waitlistFailedJson(plan.message));
    case 'none':
      return json(WAITLIST_NOTHING_JSON);
    case 'queryFailed':
      return json(waitlistQueryFailedJson(plan.msg));
    case 'malformed':
      return json(WAITLIST_MALFORMED_JSON);
    default:
      return replyFor(plan);
  }
}
