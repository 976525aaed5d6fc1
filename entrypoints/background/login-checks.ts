import type { Browser } from 'wxt/browser';
import {
  COOKIE_CHECKS,
  COOKIE_SETTLE_MS,
  PAGE_CHECKS,
  shouldCheckAfterCookieChange,
  shouldCheckAfterPageLoad,
  type CookieChange,
} from '@/lib/schedule/cookie-trigger';
import { isLoginPage } from '@/lib/sources/12306/endpoints';
import { isSessionCookie } from '@/lib/sources/12306/session-cookies';
import { createTokenBucket } from '@/lib/util/token-bucket';
import type { CheckScope, WatchedSource } from '@/lib/sources/source';
import type { Timers } from './timers';

export interface LoginCheckDeps {
  listSources: () => Promise<readonly WatchedSource[]>;
  check: (scope: CheckScope) => Promise<void>;
  now: () => number;
  timers: Timers;
}

/** Checks of the 12306 login that something outside the extension sets off: a cookie, a page. */
export function createLoginChecks({ listSources, check, now, timers }: LoginCheckDeps) {
  // Held in memory: a background lives at least 30 s after its last event, longer than the buckets
  // take to refill, so one that restarted has nothing to remember.
  const cookieChecks = createTokenBucket(COOKIE_CHECKS, now);
  const pageChecks = createTokenBucket(PAGE_CHECKS, now);
  let cookieTimer: unknown;
  /** The cookie changes waiting for that timer. */
  let cookieChanges: CookieChange[] = [];

  /** A check of the 12306 login, set off from outside (a cookie, a page): never of the venues. */
  const checkLogin = () => check({ kind: 'login' });

  /** The stored status of the 12306 login: the main query's, which the other 12306 sources share. */
  async function loginStatus() {
    const main = (await listSources()).find((source) => source.browserSession);
    return main ? (await main.item.get()).status : null;
  }

  /**
   * One login check once the cookie burst settles and the bucket has a token; later changes join
   * it. Whether to check is asked again then: a page load may have found the login meanwhile.
   */
  function checkLoginAfterCookies(change: CookieChange) {
    cookieChanges.push(change);
    if (cookieTimer !== undefined) return;
    cookieTimer = timers.set(
      () => {
        cookieTimer = undefined;
        const changes = cookieChanges;
        cookieChanges = [];
        void loginStatus().then((status) => {
          if (status === null || !changes.some((pending) => shouldCheckAfterCookieChange(status, pending))) return;
          cookieChecks.take();
          return checkLogin();
        });
      },
      Math.max(COOKIE_SETTLE_MS, cookieChecks.waitMs()),
    );
  }

  return {
    /** A 12306 session cookie changed: maybe a login or a logout (in any window, any tab). */
    async onCookieChanged(change: Browser.cookies.CookieChangeInfo) {
      if (!isSessionCookie(change.cookie)) return;
      const status = await loginStatus();
      if (status !== null && shouldCheckAfterCookieChange(status, change)) checkLoginAfterCookies(change);
    },

    /**
     * A 12306 page loaded (its overlay script started). While logged out, a login whose cookie
     * change went unseen (the browser hid it, or the background was not running) shows here.
     */
    async onPageLoaded(url: string) {
      // Nobody is logged in on the login page itself: its load is no sign, and the token is kept
      // for the page the login lands on.
      if (isLoginPage(url)) return;
      const status = await loginStatus();
      if (status === null || !shouldCheckAfterPageLoad(status) || !pageChecks.take()) return;
      await checkLogin();
    },
  };
}
