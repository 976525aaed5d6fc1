import { browser, type Browser } from 'wxt/browser';
import { parseAlertId } from '@/lib/alerts/alert-id';
import { noticeForTimedAlert, noticesForEvents, type Notice } from '@/lib/alerts/notices';
import { DEFAULT_REMINDER_MINUTES, planReminders, remindersAlreadyPassed } from '@/lib/alerts/reminder-plan';
import { markSent } from '@/lib/alerts/sent-log';
import { badgeFor } from '@/lib/badge';
import type { Locale } from '@/lib/i18n/messages';
import { requestSchema, type RefreshReply } from '@/lib/messages';
import { orderKey } from '@/lib/orders/model';
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
import { sentAlertsItem, snapshot12306Item } from '@/lib/storage/items';
import { learnClock } from '@/lib/time/clock';
import { createSerialQueue } from '@/lib/util/serial';
import { applyOutcome, type WatchEvent } from '@/lib/watch/apply-outcome';
import type { Snapshot } from '@/lib/watch/snapshot';
import { BADGE_ALARM, POLL_ALARM } from './alarm-names';
import { showNotice } from './notifications';
import { applyBadge } from './toolbar-badge';

export interface BackgroundDeps {
  query: () => Promise<QueryResult>;
  now: () => number;
  locale: Locale;
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

  async function refreshBadge(snapshot: Snapshot, existing: Browser.alarms.Alarm[]) {
    const badge = badgeFor([snapshot], deps.now());
    await applyBadge(badge);
    if (badge.nextChangeAt === null) await browser.alarms.clear(BADGE_ALARM);
    else await setAlarm(BADGE_ALARM, badge.nextChangeAt, existing);
  }

  async function show(notices: readonly Notice[]) {
    for (const notice of notices) {
      try {
        await showNotice(notice);
      } catch (error) {
        console.warn('PayClock: could not show a notification', error);
      }
    }
  }

  /** Brings alerts, alarms and badge in line with the stored state; `events` are what just changed. */
  async function settle(snapshot: Snapshot, events: readonly WatchEvent[]) {
    const now = deps.now();
    const reminders = DEFAULT_REMINDER_MINUTES;
    let sent = await sentAlertsItem.get();
    const context = { locale: deps.locale, clock: snapshot.clock, sent, now };
    const eventNotices = noticesForEvents(events, context);
    const passedBeforeFound = events.flatMap((event) =>
      event.kind === 'found' ? remindersAlreadyPassed(event.order, snapshot.clock, reminders, now) : [],
    );
    sent = markSent(sent, passedBeforeFound, now);

    const plan = planReminders(snapshot.orders, snapshot.clock, reminders, sent, now);
    const catchUpNotices = plan.catchUp.flatMap(
      (alert) => noticeForTimedAlert(alert, snapshot, { ...context, sent }) ?? [],
    );
    const notices = [...eventNotices, ...catchUpNotices];
    // Recorded before showing: a background stopped half-way must not show an alert twice.
    sent = markSent(sent, [...notices.flatMap((notice) => notice.alertIds), ...plan.skip], now);
    await sentAlertsItem.set(sent);
    await show(notices);

    // A copy: clearing alarms while walking the browser's own list would skip some.
    const existing = [...(await browser.alarms.getAll())];
    for (const alarm of existing) {
      if (parseAlertId(alarm.name) && !plan.alarms.has(alarm.name)) await browser.alarms.clear(alarm.name);
    }
    for (const [id, when] of plan.alarms) await setAlarm(id, when, existing);

    const pollAt = nextPollAt(snapshot, now);
    if (pollAt === null) await browser.alarms.clear(POLL_ALARM);
    else await setAlarm(POLL_ALARM, Math.max(pollAt, now), existing);

    await refreshBadge(snapshot, existing);
  }

  /** One query to 12306. Never more than one in flight: callers during a query share its result. */
  function check(): Promise<void> {
    inFlight ??= (async () => {
      try {
        const result = await deps.query();
        await serial(async () => {
          const previous = await snapshot12306Item.get();
          const clock = result.clockSample ? learnClock(previous.clock, result.clockSample) : previous.clock;
          const { snapshot, events } = applyOutcome({ ...previous, clock }, result.outcome, deps.now());
          await snapshot12306Item.set(snapshot);
          await settle(snapshot, events);
        });
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
      const snapshot = await snapshot12306Item.get();
      const sent = await sentAlertsItem.get();
      const now = deps.now();
      const notice = noticeForTimedAlert(alert, snapshot, { locale: deps.locale, clock: snapshot.clock, sent, now });
      if (notice) {
        await sentAlertsItem.set(markSent(sent, notice.alertIds, now));
        await show([notice]);
      }
      await refreshBadge(snapshot, await browser.alarms.getAll());
    });
  }

  return {
    check,

    /** Every time the background starts: re-plan alarms and badge from what is stored. */
    wake: () => serial(async () => settle(await snapshot12306Item.get(), [])),

    async onAlarm(alarm: Pick<Browser.alarms.Alarm, 'name'>) {
      if (alarm.name === POLL_ALARM) return check();
      if (alarm.name === BADGE_ALARM)
        return serial(async () => refreshBadge(await snapshot12306Item.get(), await browser.alarms.getAll()));
      return fireTimedAlert(alarm.name);
    },

    async onCookieChanged(change: Browser.cookies.CookieChangeInfo) {
      const { cookie } = change;
      if (cookie.domain.replace(/^\./, '') !== SESSION_COOKIE_DOMAIN || !SESSION_COOKIE_NAMES.includes(cookie.name))
        return;
      const { status } = await snapshot12306Item.get();
      if (!shouldCheckAfterCookieChange(status, change)) return;
      clearTimeout(cookieTimer);
      cookieTimer = setTimeout(() => void check(), COOKIE_SETTLE_MS);
    },

    /** Answers valid requests from the extension's own pages; returns undefined for anything else. */
    onMessage(message: unknown, sender: Browser.runtime.MessageSender): Promise<RefreshReply> | undefined {
      // Only pages of this extension (a popup, or the same page opened in a tab) may ask; content
      // scripts run on web pages and carry the page's URL, other extensions another id.
      const ownPage = sender.id === browser.runtime.id && sender.url?.startsWith(browser.runtime.getURL('/'));
      if (!ownPage) return undefined;
      if (!requestSchema.safeParse(message).success) return undefined;
      return check().then(async () => ({ ok: (await snapshot12306Item.get()).status === 'ok' }));
    },

    async onNotificationClicked(id: string) {
      const alert = parseAlertId(id);
      await browser.notifications.clear(id);
      if (!alert) return;
      if (alert.kind === 'loginExpired') return openOrFocus(LOGIN_PAGE_URL);
      const { orders } = await snapshot12306Item.get();
      const order = orders.find((candidate) => orderKey(candidate) === alert.orderKey);
      return openOrFocus(order?.payUrl ?? PAY_PAGE_URL);
    },
  };
}

export type Background = ReturnType<typeof createBackground>;
