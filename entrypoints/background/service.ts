import { browser, type Browser } from 'wxt/browser';
import { parseAlertId } from '@/lib/alerts/alert-id';
import { mute, snooze, unquiet } from '@/lib/alerts/quiet';
import type { Locale } from '@/lib/i18n/messages';
import { requestSchema, type Reply, type SilenceRequest } from '@/lib/messages';
import { LOGIN_PAGE_URL, PAY_PAGE_URL } from '@/lib/sources/12306/endpoints';
import { openOrFocus } from '@/lib/browser/tabs';
import { quietOrdersItem } from '@/lib/storage/items';
import { createSerialQueue } from '@/lib/util/serial';
import { createAccountHandlers, type AccountHandlerDeps } from './accounts';
import { BADGE_ALARM, POLL_ALARM, RETRY_ALARM } from './alarm-names';
import { createBadge } from './badge';
import { createCheckOne } from './checks';
import { createLoginChecks } from './login-checks';
import { createRounds } from './rounds';
import { createSettle } from './settle';
import { GLOBAL_TIMERS, type Timers } from './timers';
import { createSourceReader, findOrder, type SourceList } from './watched';

export { CHECK_RETRY_MS, KEEP_ALIVE_MS } from './rounds';
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

const isVenueAlert = (orderKey: string) => orderKey.startsWith('ticket-system:');

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
  const checkOne = createCheckOne({ serial, now: deps.now });
  const check = createRounds({ serial, readAll, now: deps.now, timers, checkOne, settle });
  const login = createLoginChecks({ listSources, check, now: deps.now, timers });
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

    onCookieChanged: login.onCookieChanged,
    onPageLoaded: login.onPageLoaded,

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
