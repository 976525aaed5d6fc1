// What the fake answers to the unfinished-orders query of a logged-in user, as scripted by a test.
// The bodies come from the shared reply builders (tests/fixtures/12306/replies.ts) so the unit tests
// and the end-to-end tests see exactly the same replies.

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
