import { browser, type Browser } from 'wxt/browser';
import { parseAlertId } from '@/lib/alerts/alert-id';
import { noticeForTimedAlert, noticesForEvents, type Notice } from '@/lib/alerts/notices';
import { mute, pruneQuiet, snooze, unquiet } from '@/lib/alerts/quiet';
import { planReminders, remindersAlreadyPassed } from '@/lib/alerts/reminder-plan';
import { markSent } from '@/lib/alerts/sent-log';
import { badgeFor } from '@/lib/badge';
import type { Locale } from '@/lib/i18n/messages';
import { requestSchema, type Reply, type SilenceRequest } from '@/lib/messages';
import type { Settings } from '@/lib/settings/schema';
import { orderKey, type Order, type SourceId } from '@/lib/orders/model';
import { COOKIE_SETTLE_MS, shouldCheckAfterCookieChange } from '@/lib/schedule/cookie-trigger';
import { nextPollAt } from '@/lib/schedule/next-poll';
import type { QueryResult } from '@/lib/sources/12306/client';
import {
  LOGIN_PAGE_URL,
  PAY_PAGE_URL,
  SESSION_COOKIE_DOMAIN,
  SESSION_COOKIE_NAMES,
} from '@/lib/sources/12306/endpoints';
import { openOrFocus } from '@/lib/browser/tabs';
import { quietOrdersItem, sentAlertsItem, settingsItem } from '@/lib/storage/items';
import type { ValidatedItem } from '@/lib/storage/validated-item';
import { learnClock } from '@/lib/time/clock';
import { createSerialQueue } from '@/lib/util/serial';
import { applyOutcome, type WatchEvent } from '@/lib/watch/apply-outcome';
import type { Snapshot } from '@/lib/watch/snapshot';
import type { SentLog } from '@/lib/alerts/sent-log';
import { createAccountHandlers, type AccountHandlerDeps } from './accounts';
import { BADGE_ALARM, POLL_ALARM } from './alarm-names';
import { showNotice } from './notifications';
import { applyBadge } from './toolbar-badge';

/** What one check of a source came to, folded into its stored state. */
export interface Folded {
  snapshot: Snapshot;
  events: WatchEvent[];
}

interface SourceBase {
  id: SourceId;
  /** Unique among the sources (one source id may have several instances, one per account); default `id`. */
  key?: string;
  item: ValidatedItem<Snapshot>;
  /** When this source is next due, if not by `nextPollAt` of its snapshot alone. */
  nextPollAt?: (snapshot: Snapshot, now: number) => number | null;
  /** Queried alongside the others instead of after them (another server, with limits of its own). */
  parallel?: boolean;
}

/**
 * One place orders come from, with where its snapshot is stored. A 12306 source answers one query;
 * a ticket-system account runs a round of them, then folds the round into its stored state, given
 * the snapshot as it is when the fold runs (in the background's serial queue).
 */
export type WatchedSource = SourceBase &
  (
    | { query: () => Promise<QueryResult> }
    /** `all`: the user asked for a full refresh, not just what is due. */
    | { poll: (all: boolean) => Promise<(previous: Snapshot, now: number) => Promise<Folded>> }
  );

export interface BackgroundDeps {
  /**
   * The main 12306 query first: its status stands for the 12306 login. A function when the list
   * changes (ticket-system accounts come and go); it is read afresh for every check.
   */
  sources: readonly WatchedSource[] | (() => Promise<readonly WatchedSource[]>);
  now: () => number;
  locale: Locale;
  /** The settings page, where a notice about a refused ticket-system key sends the user. */
  settingsUrl?: string;
  /** What managing ticket-system accounts needs from the browser; without it, account requests go unanswered. */
  accounts?: Omit<AccountHandlerDeps, 'serial' | 'now' | 'afterChange'>;
}

const keyOf = (source: SourceBase) => source.key ?? source.id;
const isVenueAlert = (orderKey: string) => orderKey.startsWith('ticket-system:');

interface Watched {
  source: WatchedSource;
  snapshot: Snapshot;
}

// Alarms whose time moved by less than this are left alone: the learned clock offset wobbles by a
// few milliseconds from reply to reply and re-creating every alarm each minute would be churn.
const ALARM_TOLERANCE_MS = 1000;

/**
 * The background's behaviour, with the network and the clock passed in. Every handler may run in a
 * freshly started background (Chrome stops idle service workers at will): all state is read from
 * storage, and everything derived from it (alarms, badge) is re-planned from that state.
 */
export function createBackground(deps: BackgroundDeps) {
  const serial = createSerialQueue();
  let inFlight: Promise<void> | null = null;
  let cookieTimer: ReturnType<typeof setTimeout> | undefined;

  async function setAlarm(name: string, when: number, existing: Browser.alarms.Alarm[]) {
    const current = existing.find((alarm) => alarm.name === name);
    if (current && Math.abs(current.scheduledTime - when) < ALARM_TOLERANCE_MS) return;
    await browser.alarms.create(name, { when });
  }

  const listSources = async () => (typeof deps.sources === 'function' ? await deps.sources() : deps.sources);
  const readAll = async (): Promise<Watched[]> =>
    Promise.all((await listSources()).map(async (source) => ({ source, snapshot: await source.item.get() })));
  const dueAt = ({ source, snapshot }: Watched, now: number) =>
    source.nextPollAt ? source.nextPollAt(snapshot, now) : nextPollAt(snapshot, now);

  /** The order an alert or request names, with the snapshot (and so the clock) it belongs to. */
  const findOrder = (watched: readonly Watched[], key: string): { order: Order; snapshot: Snapshot } | null => {
    for (const { snapshot } of watched) {
      const order = snapshot.orders.find((candidate) => orderKey(candidate) === key);
      if (order) return { order, snapshot };
    }
    return null;
  };

  async function refreshBadge(watched: readonly Watched[], existing: Browser.alarms.Alarm[]) {
    const badge = badgeFor(
      watched.map((entry) => entry.snapshot),
      deps.now(),
    );
    await applyBadge(badge);
    if (badge.nextChangeAt === null) await browser.alarms.clear(BADGE_ALARM);
    else await setAlarm(BADGE_ALARM, badge.nextChangeAt, existing);
  }

  /** Shows the notices whose kind the user wants; the others count as shown all the same. */
  async function show(notices: readonly Notice[], settings: Settings) {
    for (const notice of notices) {
      const kind = parseAlertId(notice.id)?.kind;
      if (kind && !settings.notify[kind]) continue;
      try {
        await showNotice(notice, { sound: settings.sound && kind === 'remind' });
      } catch (error) {
        console.warn('PayClock: could not show a notification', error);
      }
    }
  }

  const noticeContext = (snapshot: Snapshot, settings: Settings, sent: SentLog, now: number) => ({
    locale: deps.locale,
    clock: snapshot.clock,
    sent,
    now,
    showPassengers: !settings.maskPassengers,
    settingsUrl: deps.settingsUrl,
  });

  /**
   * Brings alerts, alarms and badge in line with the stored state; `events` are what just changed,
   * per source. After a settings change, reminders whose moment already passed under the new
   * thresholds are recorded as passed over rather than announced late.
   */
  async function settle(
    watched: readonly Watched[],
    events: ReadonlyMap<string, readonly WatchEvent[]>,
    settingsChanged = false,
  ) {
    const now = deps.now();
    const settings = await settingsItem.get();
    const reminders = settings.reminderMinutes;
    const storedQuiet = await quietOrdersItem.get();
    const known = new Set(watched.flatMap(({ snapshot }) => snapshot.orders.map(orderKey)));
    const quiet = pruneQuiet(storedQuiet, known);
    if (Object.keys(quiet).length !== Object.keys(storedQuiet).length) await quietOrdersItem.set(quiet);
    let sent = await sentAlertsItem.get();

    const notices: Notice[] = [];
    const alarms = new Map<string, number>();
    for (const { source, snapshot } of watched) {
      const sourceEvents = events.get(keyOf(source)) ?? [];
      notices.push(...noticesForEvents(sourceEvents, noticeContext(snapshot, settings, sent, now)));
      const found = sourceEvents.flatMap((event) => (event.kind === 'found' ? [event.order] : []));
      const passedOver = (settingsChanged ? snapshot.orders : found).flatMap((order) =>
        remindersAlreadyPassed(order, snapshot.clock, reminders, now),
      );
      sent = markSent(sent, passedOver, now);

      const plan = planReminders(snapshot.orders, snapshot.clock, reminders, sent, now, quiet);
      notices.push(
        ...plan.catchUp.flatMap(
          (alert) => noticeForTimedAlert(alert, snapshot, noticeContext(snapshot, settings, sent, now)) ?? [],
        ),
      );
      sent = markSent(sent, plan.skip, now);
      for (const [id, when] of plan.alarms) alarms.set(id, when);
    }
    // Recorded before showing: a background stopped half-way must not show an alert twice.
    sent = markSent(
      sent,
      notices.flatMap((notice) => notice.alertIds),
      now,
    );
    await sentAlertsItem.set(sent);
    await show(notices, settings);

    // A copy: clearing alarms while walking the browser's own list would skip some.
    const existing = [...(await browser.alarms.getAll())];
    for (const alarm of existing) {
      if (parseAlertId(alarm.name) && !alarms.has(alarm.name)) await browser.alarms.clear(alarm.name);
    }
    for (const [id, when] of alarms) await setAlarm(id, when, existing);

    const times = watched.map((entry) => dueAt(entry, now)).filter((at): at is number => at !== null);
    const pollAt = times.length > 0 ? Math.min(...times) : null;
    if (pollAt === null) await browser.alarms.clear(POLL_ALARM);
    else await setAlarm(POLL_ALARM, Math.max(pollAt, now), existing);

    await refreshBadge(watched, existing);
  }

  /** Asks one source and folds its answer into its stored snapshot; returns what changed. */
  async function checkOne(source: WatchedSource, all: boolean): Promise<WatchEvent[] | null> {
    try {
      if ('query' in source) {
        const result = await source.query();
        return await serial(async () => {
          const previous = await source.item.get();
          const clock = result.clockSample ? learnClock(previous.clock, result.clockSample) : previous.clock;
          const applied = applyOutcome({ ...previous, clock }, result.outcome, deps.now());
          await source.item.set(applied.snapshot);
          return applied.events;
        });
      }
      const fold = await source.poll(all);
      return await serial(async () => {
        const folded = await fold(await source.item.get(), deps.now());
        await source.item.set(folded.snapshot);
        return folded.events;
      });
    } catch (error) {
      console.error(`PayClock: ${keyOf(source)} check failed`, error);
      return null;
    }
  }

  /**
   * One round of queries: every source whose own next check is due (all of them when `all`, or those
   * named in `only`). 12306's sources go one after the other (one request at a time to 12306); each
   * ticket-system account runs alongside. Never more than one round in flight: callers during a round
   * share its result. Each source folds its reply into its own snapshot, so one source failing cannot
   * touch another.
   */
  function check(all = true, only?: ReadonlySet<string>): Promise<void> {
    // A round already under way may have left these sources out: ask them right after it.
    if (inFlight && only) return inFlight.then(() => check(all, only));
    inFlight ??= (async () => {
      try {
        const now = deps.now();
        const due = (await readAll())
          .filter((entry) => {
            const at = dueAt(entry, now);
            // Named sources go now, unless they wait for the user (a refused key is not retried).
            if (only) return only.has(keyOf(entry.source)) && at !== null;
            if (all) return at !== null || !entry.source.nextPollAt;
            return at !== null && at <= now + ALARM_TOLERANCE_MS;
          })
          .map((entry) => entry.source);
        const events = new Map<string, WatchEvent[]>();
        const record = async (source: WatchedSource) => {
          const found = await checkOne(source, all && !only);
          if (found) events.set(keyOf(source), found);
        };
        const sequential = (async () => {
          for (const source of due.filter((candidate) => !candidate.parallel)) await record(source);
        })();
        await Promise.all([sequential, ...due.filter((candidate) => candidate.parallel).map(record)]);
        await serial(async () => settle(await readAll(), events));
      } catch (error) {
        console.error('PayClock: check failed', error);
      } finally {
        inFlight = null;
      }
    })();
    return inFlight;
  }

  async function fireTimedAlert(id: string) {
    const alert = parseAlertId(id);
    if (!alert) return;
    await serial(async () => {
      const watched = await readAll();
      const found = findOrder(watched, alert.orderKey);
      const sent = await sentAlertsItem.get();
      const settings = await settingsItem.get();
      const now = deps.now();
      const notice = found
        ? noticeForTimedAlert(alert, found.snapshot, noticeContext(found.snapshot, settings, sent, now))
        : null;
      if (notice) {
        await sentAlertsItem.set(markSent(sent, notice.alertIds, now));
        await show([notice], settings);
      }
      await refreshBadge(watched, await browser.alarms.getAll());
    });
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
        if (sourceKey === null) await serial(async () => settle(await readAll(), new Map()));
        else await check(false, new Set([sourceKey]));
      },
    });

  return {
    check,

    /** Every time the background starts: re-plan alarms and badge from what is stored. */
    wake: () => serial(async () => settle(await readAll(), new Map())),

    /** Host access was granted: accounts that waited for it are checked again. */
    onPermissionsAdded: () =>
      serial(async () => {
        for (const { source, snapshot } of await readAll()) {
          if (snapshot.status === 'noPermission') await source.item.set({ ...snapshot, status: 'unknown' });
        }
      }).then(() => check(false)),

    /** The user changed the settings: re-plan reminders for the new thresholds. */
    onSettingsChanged: () => serial(async () => settle(await readAll(), new Map(), true)),

    silence,

    async onAlarm(alarm: Pick<Browser.alarms.Alarm, 'name'>) {
      if (alarm.name === POLL_ALARM) return check(false);
      if (alarm.name === BADGE_ALARM)
        return serial(async () => refreshBadge(await readAll(), await browser.alarms.getAll()));
      return fireTimedAlert(alarm.name);
    },

    async onCookieChanged(change: Browser.cookies.CookieChangeInfo) {
      const { cookie } = change;
      if (cookie.domain.replace(/^\./, '') !== SESSION_COOKIE_DOMAIN || !SESSION_COOKIE_NAMES.includes(cookie.name))
        return;
      // Every 12306 source shares the one 12306 login; the main query's status speaks for it.
      const [main] = await readAll();
      if (!main || !shouldCheckAfterCookieChange(main.snapshot.status, change)) return;
      clearTimeout(cookieTimer);
      cookieTimer = setTimeout(() => void check(), COOKIE_SETTLE_MS);
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
