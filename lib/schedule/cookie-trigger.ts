import type { SourceStatus } from '../watch/snapshot';

export interface CookieChange {
  removed: boolean;
  /** The browser's reason: `explicit`, `expired`, `overwrite`, `evicted`, `expired_overwrite`. */
  cause: string;
}

/**
 * Whether a change to a 12306 session cookie is worth one check. While logged out we never poll,
 * so a new session cookie is how we learn the user logged in. While logged in, a removed cookie is
 * how a logout shows; a cookie being replaced (`overwrite`) is just the site refreshing its session.
 */
export function shouldCheckAfterCookieChange(status: SourceStatus, change: CookieChange): boolean {
  if (status === 'loggedOut' || status === 'unknown') return !change.removed;
  return change.removed && change.cause !== 'overwrite';
}

/** Cookie changes come in bursts (a login sets several); one check after the burst settles. */
export const COOKIE_SETTLE_MS = 1500;
