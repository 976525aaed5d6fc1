// A fake 12306 for the end-to-end tests: one HTTPS server on loopback that answers for both
// kyfw.12306.cn and www.12306.cn (routed by the Host header, as the browsers reach it through the
// CONNECT proxy in tests/e2e/harness/proxy.ts). It logs users in and out with the real cookies
// (in whichever of their possible shapes a test picks), by password form, by the script-driven
// passport chain the real login page runs (with no page load after it), or by QR code; answers the unfinished-orders query and the 候补 (waitlist) query as a test scripts each of them,
// serves the pages the extension sends users to, and records every request.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { ERROR_PAGE_HTML, PASSPORT_HTML } from '../../fixtures/12306/replies';
import { makeCertificate } from '../harness/cert';
import {
  homePage,
  lineUpPage,
  loginPage,
  ticketSearchPage,
  unpaidOrdersPage,
  type PageOrders,
  type PageWaitlist,
} from './pages';
import {
  html,
  json,
  KYFW,
  redirect,
  replyFor,
  waitlistReplyFor,
  type Reply,
  type ReplyPlan,
  type WaitlistPlan,
} from './plans';
import { LIKELY_REAL_COOKIES, parseCookies, Sessions, type CookieVariant } from './session';
import { listenHttps, wait } from '../harness/https-server';

export type { ReplyPlan, WaitlistPlan } from './plans';
export { ALL_COOKIE_VARIANTS, LIKELY_REAL_COOKIES, variantName, type CookieVariant } from './session';

export interface RecordedRequest {
  /** When it arrived, by the `now` option's clock (not skewed). */
  at: number;
  method: string;
  /** The Host header without a port, lowercased. */
  host: string;
  /** Path and query as sent. */
  path: string;
  /** Lowercased names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  cookies: Record<string, string>;
  /** Whether its cookies were a valid session when it arrived. */
  loggedIn: boolean;
  body: string;
}

export interface Fake12306 {
  port: number;
  /** The proxy routes for both hosts, ready for `startProxy`. */
  routes: Record<string, number>;
  setReply(plan: ReplyPlan): void;
  /** Scripts the waitlist query on its own; default: nothing waiting. */
  setWaitlistReply(plan: WaitlistPlan): void;
  setClockSkew(ms: number): void;
  requests: RecordedRequest[];
  orderQueries(): RecordedRequest[];
  waitlistQueries(): RecordedRequest[];
  /** Logins expire server-side; the browser keeps its cookies, which no longer log it in. */
  expireSessions(): void;
  /** The expired logins are valid again, with no cookie changing in the browser. */
  reviveSessions(): void;
  /** The shape of the session cookies the next logins set (default `LIKELY_REAL_COOKIES`). */
  setCookieVariant(variant: CookieVariant): void;
  /**
   * Whether a page under /otn gives a visitor without a session an anonymous JSESSIONID, as the
   * real site does. Off by default: that cookie appearing while logged out is itself a cookie
   * change the extension looks at, one extra query the other suites do not count on.
   */
  setAnonymousSessions(on: boolean): void;
  /**
   * A firewall before the two order queries that lets through only what looks like the site's own
   * page (Origin the site's, Referer one of its /otn pages), answering anything else as a firewall
   * would: `forbidden` (403 and its own page) or `errorPage` (a redirect to the site's error page).
   * null (the default) lets everything through. Whether the real site checks is not known.
   * `checks: 'fetchSite'` also wants `Sec-Fetch-Site: same-origin`, which only a request made from a
   * 12306 page carries in Chromium: no header rule can set it.
   */
  setStrict(mode: StrictMode | null, checks?: StrictChecks): void;
  close(): Promise<void>;
}

export type StrictMode = 'forbidden' | 'errorPage';
export const STRICT_MODES: readonly StrictMode[] = ['forbidden', 'errorPage'];
/** What the strict firewall looks at: the Origin and Referer, or also Sec-Fetch-Site. */
export type StrictChecks = 'headers' | 'fetchSite';

export const KYFW_HOST = 'kyfw.12306.cn';
export const WWW_HOST = 'www.12306.cn';
export const QUERY_PATH = '/otn/queryOrder/queryMyOrderNoComplete';
export const WAITLIST_PATH = '/otn/afterNateOrder/queryQueue';
/** Where 12306 sends a logged-out request, exactly. */
export const PASSPORT_REDIRECT = `${KYFW}/otn/passport?redirect=/otn/login/userLogin`;
const LOGIN_PAGE = `${KYFW}/otn/resources/login.html`;
const HOME_PAGE = `${KYFW}/otn/view/index.html`;
/** Where the passport sends a confirmed login (password or QR code) to get its tk. */
export const UAMTK_PATH = '/passport/web/auth/uamtk';
export const UAMAUTHCLIENT_PATH = '/otn/uamauthclient';

const NOT_FOUND = html(
  '<html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1></body></html>',
  404,
);

const pathOf = (path: string) => path.split('?')[0] ?? '';

/** What a firewall before the site answers a request it refuses (`setStrict('forbidden')`). */
const FIREWALL_HTML =
  '<html><head><title>403 Forbidden</title></head><body><h1>403 Forbidden</h1><p>Request blocked.</p></body></html>';
const FIREWALL_REDIRECT = 'https://www.12306.cn/mormhweb/logFiles/error.html';

/** Whether a request carries the Origin and Referer of the site's own pages (and, if checked, its Sec-Fetch-Site). */
const likeOwnPage = (request: RecordedRequest, checks: StrictChecks) =>
  request.headers.origin === KYFW &&
  (request.headers.referer ?? '').startsWith(`${KYFW}/otn/`) &&
  (checks === 'headers' || request.headers['sec-fetch-site'] === 'same-origin');
const queryOf = (path: string) => new URLSearchParams(path.split('?')[1] ?? '');

/** A JSON reply to the login page's own script, setting cookies. */
const jsonWithCookies = (body: object, setCookie: string[] = []): Reply => {
  const reply = json(JSON.stringify(body));
  return setCookie.length > 0 ? { ...reply, headers: { ...reply.headers, 'Set-Cookie': setCookie } } : reply;
};

/** Adds cookies to a reply (an anonymous session to a page). */
const withCookies = (reply: Reply, setCookie: string[]): Reply =>
  setCookie.length > 0 ? { ...reply, headers: { ...reply.headers, 'Set-Cookie': setCookie } } : reply;

/** What the unpaid-orders page should list for a plan: the orders its reply would carry. */
function pageOrders(plan: ReplyPlan): PageOrders {
  while (plan.kind === 'slow') plan = plan.then;
  if (plan.kind === 'orders') return { orders: plan.orders };
  if (plan.kind === 'queuing') return { queuing: plan.options };
  return null;
}

/** What the 候补订单 page should list for a waitlist plan: the order awaiting prepayment, if any. */
function pageWaitlist(plan: WaitlistPlan): PageWaitlist {
  while (plan.kind === 'slow') plan = plan.then;
  return plan.kind === 'prepay' ? { order: plan.order, loseTime: plan.loseTime } : null;
}

type Slow = { kind: 'slow'; delayMs: number; then: { kind: string } };

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export async function startFake12306(options: { now?: () => number } = {}): Promise<Fake12306> {
  const now = options.now ?? Date.now;
  const { key, cert } = await makeCertificate([KYFW_HOST, WWW_HOST]);
  const sessions = new Sessions();
  const requests: RecordedRequest[] = [];
  const closing = new AbortController();
  let plan: ReplyPlan = { kind: 'none' };
  let waitlistPlan: WaitlistPlan = { kind: 'none' };
  let skew = 0;
  let strict: StrictMode | null = null;
  let strictChecks: StrictChecks = 'headers';
  let cookieVariant = LIKELY_REAL_COOKIES;
  let anonymousSessions = false;

  /** The plan once its delays have passed; null when the client left while it was slow. */
  async function afterDelays<P extends { kind: string }>(
    current: P,
    gone: AbortSignal,
  ): Promise<Exclude<P, Slow> | null> {
    let next: { kind: string } = current;
    while (next.kind === 'slow') {
      const slow = next as Slow;
      if (!(await wait(slow.delayMs, gone))) return null;
      next = slow.then;
    }
    return next as Exclude<P, Slow>;
  }

  /** The scripted answer to a logged-in query; null when the client left while it was slow. */
  async function planned(current: ReplyPlan, gone: AbortSignal): Promise<Reply | null> {
    const settled = await afterDelays(current, gone);
    return settled && replyFor(settled);
  }

  async function plannedWaitlist(current: WaitlistPlan, gone: AbortSignal): Promise<Reply | null> {
    const settled = await afterDelays(current, gone);
    return settled && waitlistReplyFor(settled, now() + skew);
  }

  async function route(request: RecordedRequest, gone: AbortSignal): Promise<Reply | null> {
    const { loggedIn } = request;
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const at = `${method} ${pathOf(request.path)}`;
    // The real login page's script talks to the passport with XMLHttpRequest and reads JSON; the
    // fake's plain form (and a browser following a redirect) gets redirects instead.
    const byScript = request.headers['x-requested-with'] === 'XMLHttpRequest';
    /** A page under /otn: with `setAnonymousSessions(true)`, a new visitor gets a JSESSIONID. */
    const page = (reply: Reply): Reply =>
      anonymousSessions && !loggedIn ? withCookies(reply, sessions.anonymous(request.cookies, cookieVariant)) : reply;

    if (request.host === WWW_HOST)
      return at === 'GET /mormhweb/logFiles/error.html' ? html(ERROR_PAGE_HTML) : NOT_FOUND;
    if (request.host !== KYFW_HOST) return NOT_FOUND;

    if (
      strict &&
      (at === `POST ${QUERY_PATH}` || at === `POST ${WAITLIST_PATH}`) &&
      !likeOwnPage(request, strictChecks)
    )
      return strict === 'forbidden' ? html(FIREWALL_HTML, 403) : redirect(FIREWALL_REDIRECT);

    switch (at) {
      case `POST ${QUERY_PATH}`:
        // The plan is read now: a setReply during a slow reply affects only later queries.
        return loggedIn ? planned(plan, gone) : redirect(PASSPORT_REDIRECT);
      case `POST ${WAITLIST_PATH}`:
        // Same session, same 302 for a logged-out query, as every /otn query.
        return loggedIn ? plannedWaitlist(waitlistPlan, gone) : redirect(PASSPORT_REDIRECT);
      case 'GET /otn/resources/login.html':
        return page(html(loginPage()));
      case 'GET /otn/passport':
        return html(PASSPORT_HTML);
      case 'POST /passport/web/login':
        // Any user name and password will do: the tests are about what happens after a login.
        return byScript
          ? jsonWithCookies({ result_message: '登录成功', result_code: 0 }, sessions.passport().setCookies)
          : redirect(`${KYFW}/otn/login/userLogin`);
      case 'GET /otn/login/userLogin':
        return redirect(HOME_PAGE, sessions.login(cookieVariant));
      // The passport's ticket for /otn. After a QR code is confirmed on the phone, the page goes
      // here (GET) and follows the redirects; the password login's script asks for it (POST).
      case `GET ${UAMTK_PATH}`: {
        const { setCookies, appTicket } = sessions.passport();
        return redirect(`${KYFW}${UAMAUTHCLIENT_PATH}?tk=${appTicket}`, setCookies);
      }
      case `POST ${UAMTK_PATH}`: {
        const { setCookies, appTicket } = sessions.passport();
        return jsonWithCookies({ result_message: '验证通过', result_code: 0, newapptk: appTicket }, setCookies);
      }
      // Exchanges the ticket for tk, bound to the visitor's session (a new one if it has none).
      case `GET ${UAMAUTHCLIENT_PATH}`: {
        const set = sessions.bind(request.cookies, queryOf(request.path).get('tk'), cookieVariant);
        return set ? redirect(HOME_PAGE, set) : redirect(LOGIN_PAGE);
      }
      case `POST ${UAMAUTHCLIENT_PATH}`: {
        const set = sessions.bind(request.cookies, new URLSearchParams(request.body).get('tk'), cookieVariant);
        return set
          ? jsonWithCookies({ apptk: null, result_message: '验证通过', result_code: 0, username: '旅客' }, set)
          : jsonWithCookies({ result_message: '用户未登录', result_code: 1 });
      }
      case 'GET /otn/login/loginOut':
        return redirect(LOGIN_PAGE, sessions.logout(request.cookies, cookieVariant));
      case 'POST /otn/login/loginOut':
        return jsonWithCookies({ status: true }, sessions.logout(request.cookies, cookieVariant));
      case 'GET /otn/view/index.html':
        return page(html(homePage(loggedIn)));
      case 'GET /otn/leftTicket/init':
        return page(html(ticketSearchPage(loggedIn)));
      // The order pages need a login; 12306 sends a logged-out visitor to the login page.
      case 'GET /otn/view/train_order.html':
        return loggedIn ? html(unpaidOrdersPage(pageOrders(plan))) : redirect(LOGIN_PAGE);
      case 'GET /otn/view/lineUp_order.html':
        return loggedIn ? html(lineUpPage(pageWaitlist(waitlistPlan))) : redirect(LOGIN_PAGE);
      case 'GET /otn/login/error':
        return html(ERROR_PAGE_HTML);
      default:
        return NOT_FOUND;
    }
  }

  async function handle(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    // The Date header is ours, so the skew applies to every reply, redirects and 404s included.
    response.sendDate = false;
    const gone = AbortSignal.any([closing.signal, abortOnClose(response)]);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const request: RecordedRequest = {
      at: now(),
      method: incoming.method ?? 'GET',
      host: (headers.host ?? '').toLowerCase().replace(/:\d+$/, ''),
      path: incoming.url ?? '/',
      headers,
      cookies: parseCookies(headers.cookie),
      loggedIn: false,
      body: '',
    };
    request.loggedIn = sessions.isLoggedIn(request.cookies);
    // Recorded on arrival so a test sees a slow query while it is still pending.
    requests.push(request);
    try {
      request.body = await readBody(incoming);
      const reply = await route(request, gone);
      if (reply === null || response.destroyed) return;
      const body = Buffer.from(reply.body, 'utf8');
      response.writeHead(reply.status, {
        ...reply.headers,
        Date: new Date(now() + skew).toUTCString(),
        'Content-Length': String(body.length),
      });
      response.end(body);
    } catch {
      // The client went away mid-request: nothing to answer.
      response.destroy();
    }
  }

  const listening = await listenHttps({ key, cert }, (incoming, response) => void handle(incoming, response));
  const { port } = listening;

  return {
    port,
    routes: { [`${KYFW_HOST}:443`]: port, [`${WWW_HOST}:443`]: port },
    setReply: (next) => {
      plan = next;
    },
    setWaitlistReply: (next) => {
      waitlistPlan = next;
    },
    setClockSkew: (ms) => {
      skew = ms;
    },
    setStrict: (mode, checks = 'headers') => {
      strict = mode;
      strictChecks = checks;
    },
    requests,
    orderQueries: () => requests.filter((r) => r.method === 'POST' && pathOf(r.path) === QUERY_PATH),
    waitlistQueries: () => requests.filter((r) => r.method === 'POST' && pathOf(r.path) === WAITLIST_PATH),
    expireSessions: () => sessions.expireAll(),
    reviveSessions: () => sessions.reviveAll(),
    setCookieVariant: (variant) => {
      cookieVariant = variant;
    },
    setAnonymousSessions: (on) => {
      anonymousSessions = on;
    },
    close: () =>
      new Promise<void>((resolve) => {
        closing.abort();
        void listening.close().then(resolve);
      }),
  };
}

/** Aborts when the response's connection closes before the response was sent. */
function abortOnClose(response: ServerResponse): AbortSignal {
  const controller = new AbortController();
  response.once('close', () => {
    if (!response.writableFinished) controller.abort();
  });
  return controller.signal;
}
