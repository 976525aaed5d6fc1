// 12306's login cookies and the fake's server-side sessions. The cookies copy the real site's names,
// paths and flags (shared/api-notes.md): all host-only on kyfw.12306.cn (no Domain attribute), all
// session cookies (no Expires), SameSite never set. JSESSIONID and tk carry the session.

import { randomBytes } from 'node:crypto';

interface CookieSpec {
  name: string;
  path: string;
  flags: string;
  /** A fresh value in the real cookie's shape. */
  make: () => string;
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const token = () => randomBytes(36).toString('base64url');

const COOKIES: readonly CookieSpec[] = [
  { name: 'JSESSIONID', path: '/otn', flags: '; Secure; HttpOnly', make: () => hex(16).toUpperCase() },
  { name: 'tk', path: '/otn', flags: '; Secure; HttpOnly', make: token },
  // Set by the load balancer and the passport service; the real ones carry no flags.
  { name: 'route', path: '/', flags: '', make: () => hex(16) },
  { name: 'uamtk', path: '/passport', flags: '', make: token },
];

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

/** The valid sessions: JSESSIONID → tk. A request is logged in only when both cookies match one. */
export class Sessions {
  private readonly valid = new Map<string, string>();

  /** Starts a new random session and returns the `Set-Cookie` headers a login sends. */
  login(): string[] {
    const values = new Map(COOKIES.map((spec) => [spec.name, spec.make()]));
    this.valid.set(values.get('JSESSIONID')!, values.get('tk')!);
    return COOKIES.map((spec) => `${spec.name}=${values.get(spec.name)}; Path=${spec.path}${spec.flags}`);
  }

  /** Ends the request's session and returns `Set-Cookie` headers deleting every login cookie. */
  logout(cookies: Record<string, string>): string[] {
    if (cookies.JSESSIONID !== undefined) this.valid.delete(cookies.JSESSIONID);
    // Same name and path, expired: the browser drops its copy.
    const expired = '; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0';
    return COOKIES.map((spec) => `${spec.name}=${expired}; Path=${spec.path}${spec.flags}`);
  }

  isLoggedIn(cookies: Record<string, string>): boolean {
    const { JSESSIONID: id, tk } = cookies;
    return id !== undefined && tk !== undefined && this.valid.get(id) === tk;
  }

  /** The user's login expired server-side; the browser still holds its cookies. */
  expireAll(): void {
    this.valid.clear();
  }
}
