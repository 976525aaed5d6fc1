import { browser, type Browser } from 'wxt/browser';
import { parseAlertId } from '@/lib/alerts/alert-id';
import { noticeForTimedAlert, noticesForEvents, type Notice } from '@/lib/alerts/notices';
import { pruneQuiet } from '@/lib/alerts/quiet';
import { planReminders, remindersAlreadyPassed } from '@/lib/alerts/reminder-plan';
import { markSent, type SentLog } from '@/lib/alerts/sent-log';
import type { Locale } from '@/lib/i18n/messages';
import { orderKey } from '@/lib/orders/model';
import { isAlertAlarm, planAlertWakeups } from '@/lib/schedule/alert-wakeups';
import type { Settings } from '@/lib/settings/schema';
import { quietOrdersItem, sentAlertsItem, settingsItem } from '@/lib/storage/items';
import type { SerialQueue } from '@/lib/util/serial';
import type { WatchEvent } from '@/lib/snapshots/apply-outcome';
import type { Snapshot } from '@/lib/snapshots/snapshot';
import { keyOf } from '@/lib/sources/source';
import { POLL_ALARM } from './alarm-names';
import { clearAlarm, setAlarm } from './alarms';
import { showNotice } from './notifications';
import type { Push } from './push';
import type { Timers } from './timers';
import { dueAt, type ReadAll, type Watched } from './watched';

export interface SettleDeps {
  serial: SerialQueue;
  readAll: ReadAll;
  now: () => number;
  timers: Timers;
  locale: Locale;
  settingsUrl?: string;
  /** Redraws the badge and plans its alarm, given the alarms there are. */
  refreshBadge: (watched: readonly Watched[], existing: Browser.alarms.Alarm[]) => Promise<void>;
  /** Forwards the notices to the user's push channels (queued here, sent in the push's own time). */
  push?: Pick<Push, 'queue'>;
}

export function createSettle(deps: SettleDeps) {
  const { serial, readAll, timers } = deps;
  let alertTimer: unknown;

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
    const alertInstants: number[] = [];
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
      for (const when of plan.alarms.values()) alertInstants.push(when);
    }
    // Queued before the notices are recorded as shown: a background stopped in between shows them
    // again, and each channel's own sent log keeps the push from going twice.
    if (deps.push) {
      await deps.push
        .queue(
          notices,
          watched.map(({ snapshot }) => snapshot),
          settings,
        )
        .catch((error: unknown) => console.error('PayClock: could not queue the push', error));
    }
    // Recorded before showing: a background stopped half-way must not show an alert twice.
    sent = markSent(
      sent,
      notices.flatMap((notice) => notice.alertIds),
      now,
    );
    await sentAlertsItem.set(sent);

    // Polling and the badge first: whatever happens to the alerts' alarms, these must be set.
    // A copy: clearing alarms while walking the browser's own list would skip some.
    const existing = [...(await browser.alarms.getAll())];
    const pollAt = watched.reduce<number | null>((earliest, entry) => {
      const at = dueAt(entry, now);
      return at === null ? earliest : Math.min(at, earliest ?? Infinity);
    }, null);
    if (pollAt === null) await clearAlarm(POLL_ALARM);
    else await setAlarm(POLL_ALARM, Math.max(pollAt, now), existing);
    await deps.refreshBadge(watched, existing);

    const wakeups = planAlertWakeups(alertInstants, now);
    // Alarms named by an alert id are from an older version, which set one per alert.
    for (const alarm of existing) {
      const stale = isAlertAlarm(alarm.name) ? !wakeups.alarms.has(alarm.name) : parseAlertId(alarm.name) !== null;
      if (stale) await clearAlarm(alarm.name);
    }
    for (const [name, when] of wakeups.alarms) await setAlarm(name, when, existing);
    timers.clear(alertTimer);
    alertTimer =
      wakeups.timerAt === null
        ? undefined
        : timers.set(() => void fireDueAlerts(), Math.max(0, wakeups.timerAt - deps.now()));

    await show(notices, settings);
  }

  /** Settles what is stored, with nothing just changed: in the queue, after whatever runs there. */
  const settleStored = (settingsChanged = false) =>
    serial(async () => settle(await readAll(), new Map(), settingsChanged));

  /** An alert's moment came (alarm or timer): show what is due, and plan the next wake-up. */
  const fireDueAlerts = () =>
    settleStored().catch((error: unknown) => console.error('PayClock: could not fire the alerts due', error));

  return { settle, settleStored, fireDueAlerts };
}

export type Settle = ReturnType<typeof createSettle>['settle'];
