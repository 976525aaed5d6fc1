// 12306's login cookies and the fake's server-side sessions. The cookies copy the real site's names
// and paths (shared/api-notes.md); all are session cookies (no Expires) and SameSite is never set.
// JSESSIONID and tk carry the session. Their flags are not known (the load balancer terminates TLS,
// and a servlet behind one usually sets neither `Secure` nor a `Domain`), so their shape is a
// parameter of each login: a test picks one of the 24 variants, and the extension must notice a
// login whatever it is.

import { randomBytes } from 'node:crypto';

/** Where a session cookie is sent: host-only (no Domain attribute), or a domain cookie. */
export type CookieDomain = 'host-only' | '12306.cn' | '.kyfw.12306.cn';

/** The shape of the two session cookies, JSESSIONID and tk, as one login sets them. */
export interface CookieVariant {
  secure: boolean;
  httpOnly: boolean;
  domain: CookieDomain;
  path: '/otn' | '/';
}

/**
 * The shape the real site most likely sends (see the note above): no `Secure`, no `Domain`, HttpOnly
 * (a servlet container's JSESSIONID is), path /otn. Whether `tk` is HttpOnly too is not known; the
 * variants cover both.
 *
 * It is the fake's default, so every suite logs in the way a user most likely does. The old
 * default (`Secure; HttpOnly`) was the one shape Chromium's cookie events reached the extension
 * with before issue 12; this one is noticed only once the extension asks for `http://` access too.
 */
export const LIKELY_REAL_COOKIES: CookieVariant = { secure: false, httpOnly: true, domain: 'host-only', path: '/otn' };

/** Every combination of the four attributes: 2 × 2 × 3 × 2 = 24. */
export const ALL_COOKIE_VARIANTS: readonly CookieVariant[] = [false, true].flatMap((secure) =>
  [false, true].flatMap((httpOnly) =>
    (['host-only', '12306.cn', '.kyfw.12306.cn'] as const).flatMap((domain) =>
      (['/otn', '/'] as const).map((path) => ({ secure, httpOnly, domain, path })),
    ),
  ),
);

/** A short name for test titles, e.g. `Secure HttpOnly Domain=12306.cn Path=/`, `plain host-only Path=/otn`. */
export function variantName(variant: CookieVariant): string {
  const flags = [variant.secure && 'Secure', variant.httpOnly && 'HttpOnly'].filter(Boolean).join(' ') || 'plain';
  const domain = variant.domain === 'host-only' ? 'host-only' : `Domain=${variant.domain}`;
  return `${flags} ${domain} Path=${variant.path}`;
}

/** The attributes after `name=value`, as a `Set-Cookie` header writes them. */
function attributes(variant: CookieVariant): string {
  return [
    `; Path=${variant.path}`,
    variant.domain === 'host-only' ? '' : `; Domain=${variant.domain}`,
    variant.secure ? '; Secure' : '',
    variant.httpOnly ? '; HttpOnly' : '',
  ].join('');
}

const EXPIRED = '; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0';

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const token = () => randomBytes(36).toString('base64url');
const newSessionId = () => hex(16).toUpperCase();

// Set by the load balancer and the passport service; the real ones carry no flags, always the same.
const ROUTE = '; Path=/';
const UAMTK = '; Path=/passport';

/** The `Cookie` request header as name → value (the first of two same-named cookies wins). */
export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    const name = part.slice(0, at).trim();
    if (name && !(name in cookies)) cookies[name] = part.slice(at + 1).trim();
  }
  return cookies;
}

/** One server-side session: its JSESSIONID, and once logged in its tk. */
interface Session {
  /** How its JSESSIONID was set; deleting it takes the same Domain and Path. */
  idShape: CookieVariant;
  tk?: string;
  tkShape?: CookieVariant;
  /** False once expired server-side; the browser still holds the cookies. */
  valid: boolean;
}

/**
 * The fake's sessions, keyed by JSESSIONID. A request is logged in only when its JSESSIONID and tk
 * match one valid session. Sessions are remembered after they expire, so that a logout still deletes
 * the cookies with the shape they were set with, and `reviveAll` can bring them back.
 */
export class Sessions {
  private readonly sessions = new Map<string, Session>();
  /** Single-use tickets from `/passport/web/auth/uamtk`, exchanged for tk at `/otn/uamauthclient`. */
  private readonly appTickets = new Set<string>();

  /** A password login: a new random session, and the `Set-Cookie` headers that log the browser in. */
  login(variant: CookieVariant): string[] {
    const id = newSessionId();
    const tk = token();
    this.sessions.set(id, { idShape: variant, tk, tkShape: variant, valid: true });
    return [
      `JSESSIONID=${id}${attributes(variant)}`,
      `tk=${tk}${attributes(variant)}`,
      `route=${hex(16)}${ROUTE}`,
      `uamtk=${token()}${UAMTK}`,
    ];
  }

  /**
   * What 12306 gives an anonymous visitor: a JSESSIONID (not logged in). Nothing when the request
   * already has a session of ours.
   */
  anonymous(cookies: Record<string, string>, variant: CookieVariant): string[] {
    if (cookies.JSESSIONID !== undefined && this.sessions.has(cookies.JSESSIONID)) return [];
    const id = newSessionId();
    this.sessions.set(id, { idShape: variant, valid: true });
    return [`JSESSIONID=${id}${attributes(variant)}`];
  }

  /** The passport's half of a login (password checked, or QR code confirmed): its cookie and a ticket. */
  passport(): { setCookies: string[]; appTicket: string } {
    const appTicket = token();
    this.appTickets.add(appTicket);
    return { setCookies: [`uamtk=${token()}${UAMTK}`], appTicket };
  }

  /**
   * `/otn/uamauthclient`: exchanges a passport ticket for tk, bound to the request's own JSESSIONID
   * when it has one (an anonymous visit), else to a new one. Null for an unknown or used ticket.
   */
  bind(cookies: Record<string, string>, appTicket: string | null, variant: CookieVariant): string[] | null {
    if (appTicket === null || !this.appTickets.delete(appTicket)) return null;
    const setCookies: string[] = [];
    let id = cookies.JSESSIONID;
    if (id === undefined || !this.sessions.has(id)) {
      id = newSessionId();
      this.sessions.set(id, { idShape: variant, valid: true });
      setCookies.push(`JSESSIONID=${id}${attributes(variant)}`);
    }
    const tk = token();
    Object.assign(this.sessions.get(id)!, { tk, tkShape: variant, valid: true });
    setCookies.push(`tk=${tk}${attributes(variant)}`);
    return setCookies;
  }

  /**
   * Ends the request's session and returns `Set-Cookie` headers deleting every login cookie with the
   * Domain and Path it was set with (a deletion with any other Domain or Path leaves the browser's
   * cookie in place). Cookies the fake does not know are deleted in `fallback`'s shape.
   */
  logout(cookies: Record<string, string>, fallback: CookieVariant): string[] {
    const session = cookies.JSESSIONID === undefined ? undefined : this.sessions.get(cookies.JSESSIONID);
    if (cookies.JSESSIONID !== undefined) this.sessions.delete(cookies.JSESSIONID);
    return [
      `JSESSIONID=${EXPIRED}${attributes(session?.idShape ?? fallback)}`,
      `tk=${EXPIRED}${attributes(session?.tkShape ?? fallback)}`,
      `route=${EXPIRED}${ROUTE}`,
      `uamtk=${EXPIRED}${UAMTK}`,
    ];
  }

  isLoggedIn(cookies: Record<string, string>): boolean {
    const { JSESSIONID: id, tk } = cookies;
    if (id === undefined || tk === undefined) return false;
    const session = this.sessions.get(id);
    return session !== undefined && session.valid && session.tk === tk;
  }

  /** The user's login expired server-side; the browser still holds its cookies. */
  expireAll(): void {
    for (const session of this.sessions.values()) session.valid = false;
  }

  /** The expired logins are accepted again, with the cookies the browser already holds. */
  reviveAll(): void {
    for (const session of this.sessions.values()) session.valid = true;
  }
}
