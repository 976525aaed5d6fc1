import { ORIGIN, UNFINISHED_ORDERS_URL } from './endpoints';

// 12306's login lives in two cookies, `JSESSIONID` and `tk` (shared/api-notes.md). Their flags are
// not known: `Secure` or not, host-only on kyfw.12306.cn or set for a parent domain, path `/otn`
// or `/`. Any of them is the session as long as the browser would send it with the order query.

export const SESSION_COOKIE_NAMES: readonly string[] = ['tk', 'JSESSIONID'];

export interface CookieLike {
  name: string;
  /** As the browser reports it: `kyfw.12306.cn` for a host-only cookie, `.12306.cn` for `Domain=12306.cn`. */
  domain: string;
  path: string;
}

const QUERY_HOST = new URL(ORIGIN).hostname;
const QUERY_PATH = new URL(UNFINISHED_ORDERS_URL).pathname;

/** RFC 6265 §5.1.3, for a cookie domain as browsers report it (a leading dot for a domain cookie). */
function domainMatches(cookieDomain: string): boolean {
  const domain = cookieDomain.toLowerCase().replace(/^\./, '');
  return domain !== '' && (QUERY_HOST === domain || QUERY_HOST.endsWith(`.${domain}`));
}

/** RFC 6265 §5.1.4: `/otn` and `/otn/` match `/otn/queryOrder/…`; `/otnx` does not. */
function pathMatches(cookiePath: string): boolean {
  if (cookiePath === '' || cookiePath === '/') return true;
  if (!QUERY_PATH.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || QUERY_PATH.charAt(cookiePath.length) === '/';
}

/** Whether this cookie carries the 12306 login: a session cookie the order query would send. */
export function isSessionCookie(cookie: CookieLike): boolean {
  return SESSION_COOKIE_NAMES.includes(cookie.name) && domainMatches(cookie.domain) && pathMatches(cookie.path);
}
