import type { SourceStatus } from '../snapshots/snapshot';
import type { TokenBucketOptions } from '../util/token-bucket';

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

/**
 * Checks set off by cookie changes: a login (an anonymous session cookie first, the login's a few
 * seconds later) fits in the burst; a page script flipping `tk` over and over gets one check per
 * 10 s. A change that finds the bucket empty is checked when the next token comes, never dropped:
 * the last change is always looked at.
 */
export const COOKIE_CHECKS: TokenBucketOptions = { capacity: 3, refillMs: 10_000 };

/**
 * Checks set off by a 12306 page loading while the stored state is logged out or unknown: the
 * login may have happened while the background could not see its cookies (stopped, or the browser
 * hid the change). At most one per 10 s, and a page load past that is ignored: a page reloading
 * itself cannot drive checks.
 */
export const PAGE_CHECKS: TokenBucketOptions = { capacity: 1, refillMs: 10_000 };

/** Whether a 12306 page loading is worth a look at the login. */
export const shouldCheckAfterPageLoad = (status: SourceStatus) => status === 'loggedOut' || status === 'unknown';
