import { browser, type Browser } from 'wxt/browser';
import { parseAlertId } from '@/lib/alerts/alert-id';
import { mute, snooze, unquiet } from '@/lib/alerts/quiet';
import type { Locale } from '@/lib/i18n/messages';
import { requestSchema, type Reply, type SilenceRequest } from '@/lib/messages';
import {
  COOKIE_CHECKS,
  COOKIE_SETTLE_MS,
  PAGE_CHECKS,
  shouldCheckAfterCookieChange,
  shouldCheckAfterPageLoad,
  type CookieChange,
} from '@/lib/schedule/cookie-trigger';
import { isLoginPage, LOGIN_PAGE_URL, PAY_PAGE_URL } from '@/lib/sources/12306/endpoints';
import { isSessionCookie } from '@/lib/sources/12306/session-cookies';
import { openOrFocus } from '@/lib/browser/tabs';
import { quietOrdersItem } from '@/lib/storage/items';
import { learnClock } from '@/lib/time/clock';
import { createSerialQueue } from '@/lib/util/serial';
import { createTokenBucket } from '@/lib/util/token-bucket';
import { applyOutcome, type WatchEvent } from '@/lib/watch/apply-outcome';
import { keyOf, type CheckScope, type WatchedSource } from '@/lib/watch/source';
import { createAccountHandlers, type AccountHandlerDeps } from './accounts';
import { BADGE_ALARM, POLL_ALARM, RETRY_ALARM } from './alarm-names';
import { ALARM_TOLERANCE_MS, clearAlarm, setAlarm } from './alarms';
import { createBadge } from './badge';
import { createSettle } from './settle';
import { GLOBAL_TIMERS, type Timers } from './timers';
import { createSourceReader, dueAt, findOrder, type SourceList, type Watched } from './watched';

export type { Timers } from './timers';

export interface BackgroundDeps {
  /**
   * The main 12306 query first: its status stands for the 12306 login. A function when the list
   * changes (ticket-system accounts come and go); it is read afresh for every check.
   */
  sources: SourceList;
  now: () => number;
  locale: Locale;
  /** The settings page, where a notice about a refused ticket-system key sends the user. */
  settingsUrl?: string;
  /** What managing ticket-system accounts needs from the browser; without it, account requests go unanswered. */
  accounts?: Omit<AccountHandlerDeps, 'serial' | 'now' | 'afterChange'>;
  /** `setTimeout` unless told: tests pass their own. */
  timers?: Timers;
}

const ALL: CheckScope = { kind: 'all' };

const isVenueAlert = (orderKey: string) => orderKey.startsWith('ticket-system:');

/**
 * While a check runs, an alarm is due this long after it started: a background stopped mid-check
 * (Chrome stops a service worker after 30 s without events or extension calls, and a reply is
 * neither) is started again to retry, instead of waiting for whatever alarm comes next.
 */
export const CHECK_RETRY_MS = 45_000;

/** Chrome's idle limit is 30 s: an extension call this often keeps a long round's worker alive. */
export const KEEP_ALIVE_MS = 20_000;

/**
 * The background's behaviour, with the network and the clock passed in. Every handler may run in a
 * freshly started background (Chrome stops idle service workers at will): all state is read from
 * storage, and everything derived from it (alarms, badge) is re-planned from that state.
 */
export function createBackground(deps: BackgroundDeps) {
  const serial = createSerialQueue();
  const timers = deps.timers ?? GLOBAL_TIMERS;
  const { listSources, readAll } = createSourceReader(deps);
  const { redrawBadge, refreshBadge } = createBadge({ serial, readAll, now: deps.now, timers });
  const { settle, settleStored, fireDueAlerts } = createSettle({
    serial,
    readAll,
    now: deps.now,
    timers,
    locale: deps.locale,
    settingsUrl: deps.settingsUrl,
    refreshBadge,
  });
  let inFlight: Promise<void> | null = null;
  /** The round asked for while one runs: every scope asked for meanwhile, and who waits for it. */
  let queued: { scopes: CheckScope[]; done: Promise<void>; resolve: () => void } | null = null;
  // Held in memory: a background lives at least 30 s after its last event, longer than the buckets
  // take to refill, so one that restarted has nothing to remember.
  const cookieChecks = createTokenBucket(COOKIE_CHECKS, deps.now);
  const pageChecks = createTokenBucket(PAGE_CHECKS, deps.now);
  let cookieTimer: unknown;
  /** The cookie changes waiting for that timer. */
  let cookieChanges: CookieChange[] = [];

  /** Asks one source and folds its answer into its stored snapshot; returns what changed. */
  async function checkOne(source: WatchedSource, all: boolean): Promise<WatchEvent[] | null> {
    try {
      if ('query' in source) {
        const result = await source.query();
        return await serial(async () => {
          const previous = await source.item.get();
          const clock = result.clockSample ? learnClock(previous.clock, result.clockSample) : previous.clock;
          const asked = { ...previous, clock, askedFrom: result.askedFrom };
          const applied = applyOutcome(asked, result.outcome, deps.now());
          await source.item.set(applied.snapshot);
          return applied.events;
        });
      }
      const fold = await source.poll(all);
      return await serial(async () => {
        const folded = await fold(await source.item.get(), deps.now());
        await (folded.store ? folded.store() : source.item.set(folded.snapshot));
        return folded.events;
      });
    } catch (error) {
      console.error(`PayClock: ${keyOf(source)} check failed`, error);
      return null;
    }
  }

  /** Whether a check of this scope asks this source now. */
  function inScope(scope: CheckScope, entry: Watched, now: number): boolean {
    const at = dueAt(entry, now);
    switch (scope.kind) {
      case 'due':
        return at !== null && at <= now + ALARM_TOLERANCE_MS;
      // 12306's sources have no schedule of their own while logged out: asking is how a login shows.
      case 'all':
        return at !== null || !entry.source.nextPollAt;
      // Named sources go now, unless they wait for the user (a refused key is not retried).
      case 'named':
        return scope.keys.has(keyOf(entry.source)) && at !== null;
      case 'login':
        return entry.source.browserSession === true;
    }
  }

  /**
   * One round of queries: the sources in `scope`. 12306's sources go one after the other (one
   * request at a time to 12306); each ticket-system account runs alongside. Never more than one
   * round in flight. A check asked for during a round gets a round of its own after it, whatever
   * its scope: the round under way may have asked before what set this check off (12306 answered
   * "logged out" a moment before the login; a poll alarm that settling the round planned fires
   * while it finishes), so joining it would lose that check. Checks asked for while one waits
   * share that next round. Each source folds its reply into its own snapshot, so one source
   * failing cannot touch another.
   */
  function check(scope: CheckScope = ALL): Promise<void> {
    if (!inFlight) return startRound([scope]);
    if (!queued) {
      let resolve!: () => void;
      const done = new Promise<void>((settled) => (resolve = settled));
      queued = { scopes: [], done, resolve };
    }
    queued.scopes.push(scope);
    return queued.done;
  }

  function startRound(scopes: readonly CheckScope[]): Promise<void> {
    const round = runRound(scopes).finally(() => {
      // The next round starts here, before anything else can see no round in flight and start one
      // alongside it.
      inFlight = null;
      const next = queued;
      queued = null;
      if (next) void startRound(next.scopes).then(next.resolve);
    });
    inFlight = round;
    return round;
  }

  async function runRound(scopes: readonly CheckScope[]): Promise<void> {
    const keepAlive = startKeepAlive();
    try {
      const now = deps.now();
      // An alarm of its own: re-creating the poll alarm while it fires may race the browser
      // removing the one that fired (Firefox lost it so).
      await setAlarm(RETRY_ALARM, now + CHECK_RETRY_MS, []);
      const due = (await readAll())
        .filter((entry) => scopes.some((scope) => inScope(scope, entry, now)))
        .map((entry) => entry.source);
      const full = scopes.some((scope) => scope.kind === 'all');
      const events = new Map<string, WatchEvent[]>();
      const record = async (source: WatchedSource) => {
        const found = await checkOne(source, full);
        if (found) events.set(keyOf(source), found);
      };
      const sequential = (async () => {
        for (const source of due.filter((candidate) => !candidate.parallel)) await record(source);
      })();
      await Promise.all([sequential, ...due.filter((candidate) => candidate.parallel).map(record)]);
      await serial(async () => settle(await readAll(), events));
      // Settled: the poll alarm is planned. A check that failed keeps the retry.
      await clearAlarm(RETRY_ALARM);
    } catch (error) {
      console.error('PayClock: check failed', error);
    } finally {
      keepAlive();
    }
  }

  /**
   * A round of hundreds of venue orders can take longer than Chrome lets an idle service worker
   * live, and waiting for replies does not count as activity: a trivial extension call does.
   * Returns the function that stops it.
   */
  function startKeepAlive(): () => void {
    let handle: unknown;
    const beat = () => {
      handle = timers.set(() => {
        void browser.runtime.getPlatformInfo().catch(() => undefined);
        beat();
      }, KEEP_ALIVE_MS);
    };
    beat();
    return () => timers.clear(handle);
  }

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

  /** Mutes, snoozes or un-silences one order's reminders, then re-plans its alarms. */
  function silence(request: SilenceRequest): Promise<void> {
    return serial(async () => {
      const watched = await readAll();
      if (!findOrder(watched, request.orderKey)) return;
      const quiet = await quietOrdersItem.get();
      const now = deps.now();
      const next =
        request.action === 'mute'
          ? mute(quiet, request.orderKey)
          : request.action === 'snooze'
            ? snooze(quiet, request.orderKey, now)
            : unquiet(quiet, request.orderKey);
      await quietOrdersItem.set(next);
      await settle(watched, new Map());
    });
  }

  const accounts =
    deps.accounts &&
    createAccountHandlers({
      ...deps.accounts,
      serial,
      now: deps.now,
      afterChange: async (sourceKey) => {
        if (sourceKey === null) await settleStored();
        else await check({ kind: 'named', keys: new Set([sourceKey]) });
      },
    });

  return {
    check,

    /** Every time the background starts: re-plan alarms and badge from what is stored. */
    wake: () => settleStored(),

    /** Host access was granted: accounts that waited for it are checked again. */
    onPermissionsAdded: () =>
      serial(async () => {
        for (const { source, snapshot } of await readAll()) {
          if (snapshot.status === 'noPermission') await source.item.set({ ...snapshot, status: 'unknown' });
        }
      }).then(() => check({ kind: 'due' })),

    /** The user changed the settings: re-plan reminders for the new thresholds. */
    onSettingsChanged: () => settleStored(true),

    silence,

    async onAlarm(alarm: Pick<Browser.alarms.Alarm, 'name'>) {
      if (alarm.name === POLL_ALARM || alarm.name === RETRY_ALARM) return check({ kind: 'due' });
      if (alarm.name === BADGE_ALARM) return redrawBadge();
      // An alert's alarm, or one an older version named by its alert id: whatever is due now.
      return fireDueAlerts();
    },

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

    /** Answers valid requests from the extension's own pages; returns undefined for anything else. */
    onMessage(message: unknown, sender: Browser.runtime.MessageSender): Promise<unknown> | undefined {
      // Only pages of this extension (a popup, or the same page opened in a tab) may ask; content
      // scripts run on web pages and carry the page's URL, other extensions another id.
      const ownPage = sender.id === browser.runtime.id && sender.url?.startsWith(browser.runtime.getURL('/'));
      if (!ownPage) return undefined;
      const parsed = requestSchema.safeParse(message);
      if (!parsed.success) return undefined;
      const request = parsed.data;
      const done = (): Reply => ({ ok: true });
      switch (request.type) {
        case 'silence':
          return silence(request).then(done);
        case 'refresh':
          return check().then(async (): Promise<Reply> => ({ ok: (await readAll())[0]?.snapshot.status === 'ok' }));
      }
      if (!accounts) return undefined;
      switch (request.type) {
        case 'account.save':
          return accounts.save(request);
        case 'account.remove':
          return accounts.remove(request.id).then(done);
        case 'account.test':
          return accounts.test(request);
        case 'watch.add':
          return accounts.watchAdd(request.accountId, request.orderIds);
        case 'watch.remove':
          return accounts.watchRemove(request.accountId, request.orderId).then(done);
      }
    },

    /** Chrome's notification buttons: 0 snoozes the order's reminders, 1 mutes them. */
    async onNotificationButtonClicked(id: string, buttonIndex: number) {
      const alert = parseAlertId(id);
      await browser.notifications.clear(id);
      if (alert?.kind !== 'remind') return;
      await silence({ type: 'silence', orderKey: alert.orderKey, action: buttonIndex === 0 ? 'snooze' : 'mute' });
    },

    async onNotificationClicked(id: string) {
      const alert = parseAlertId(id);
      await browser.notifications.clear(id);
      if (!alert) return;
      if (alert.kind === 'loginExpired')
        return openOrFocus(isVenueAlert(alert.orderKey) && deps.settingsUrl ? deps.settingsUrl : LOGIN_PAGE_URL);
      return openOrFocus(findOrder(await readAll(), alert.orderKey)?.order.payUrl ?? PAY_PAGE_URL);
    },
  };
}

export type Background = ReturnType<typeof createBackground>;
