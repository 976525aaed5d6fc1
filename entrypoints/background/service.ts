import type { Browser } from 'wxt/browser';
import type { Locale } from '@/lib/i18n/messages';
import { createSerialQueue } from '@/lib/util/serial';
import { createAccountHandlers, type AccountHandlerDeps } from './accounts';
import { BADGE_ALARM, POLL_ALARM, PUSH_ALARM, RETRY_ALARM } from './alarm-names';
import { createBadge } from './badge';
import { createCheckOne } from './checks';
import { createNotificationClicks } from './clicks';
import { createPushChannelHandlers, type PushChannelHandlerDeps } from './push-channels';
import { createLoginChecks } from './login-checks';
import { createPush } from './push';
import { createRounds } from './rounds';
import { createRouter } from './router';
import { createSettle } from './settle';
import { createSilence } from './silence';
import { GLOBAL_TIMERS, type Timers } from './timers';
import { createSourceReader, type SourceList } from './watched';

// The background's parts, each in a file of its own, wired together here; the parts share one
// serial queue, so no two of them interleave their reads and writes of stored state.

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
  /** What managing push channels needs from the browser; without it, push requests go unanswered. */
  push?: Omit<PushChannelHandlerDeps, 'serial' | 'now' | 'locale' | 'afterChange'>;
  /** `setTimeout` unless told: tests pass their own. */
  timers?: Timers;
  /** The network for push services: `fetch` unless told (tests pass a fake service). */
  pushFetch?: typeof fetch;
}

/**
 * The background's behaviour, with the network and the clock passed in. Every handler may run in a
 * freshly started background (Chrome stops idle service workers at will): all state is read from
 * storage, and everything derived from it (alarms, badge) is re-planned from that state.
 */
export function createBackground(deps: BackgroundDeps) {
  const serial = createSerialQueue();
  const timers = deps.timers ?? GLOBAL_TIMERS;
  const { now } = deps;
  const { listSources, readAll } = createSourceReader(deps);
  const { redrawBadge, refreshBadge } = createBadge({ serial, readAll, now, timers, locale: deps.locale });
  const push = createPush({ locale: deps.locale, now, timers, fetch: deps.pushFetch });
  const { settle, settleStored, fireDueAlerts } = createSettle({
    serial,
    readAll,
    now,
    timers,
    locale: deps.locale,
    settingsUrl: deps.settingsUrl,
    refreshBadge,
    push,
  });
  const checkOne = createCheckOne({ serial, now });
  const check = createRounds({ serial, readAll, now, timers, checkOne, settle });
  const login = createLoginChecks({ listSources, check, now, timers });
  const silence = createSilence({ serial, readAll, now, settle });
  const accounts =
    deps.accounts &&
    createAccountHandlers({
      ...deps.accounts,
      serial,
      now,
      afterChange: async (sourceKey) => {
        if (sourceKey === null) await settleStored();
        else await check({ kind: 'named', keys: new Set([sourceKey]) });
      },
    });
  const channels =
    deps.push &&
    createPushChannelHandlers({
      ...deps.push,
      serial,
      now,
      locale: deps.locale,
      fetch: deps.pushFetch,
      pushSerial: push.serial,
      afterChange: settleStored,
    });
  const clicks = createNotificationClicks({ silence, readAll, settingsUrl: deps.settingsUrl });

  return {
    check,

    /** Every time the background starts: re-plan alarms and badge, and send what waits to be pushed. */
    wake: () => Promise.all([settleStored(), push.flush()]).then(() => undefined),

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
      if (alarm.name === PUSH_ALARM) return push.flush();
      // An alert's alarm, or one an older version named by its alert id: whatever is due now.
      return fireDueAlerts();
    },

    onCookieChanged: login.onCookieChanged,
    onPageLoaded: login.onPageLoaded,

    onMessage: createRouter({ check, silence, readAll, accounts, push: channels }),

    onNotificationButtonClicked: clicks.onNotificationButtonClicked,
    onNotificationClicked: clicks.onNotificationClicked,
  };
}

export type Background = ReturnType<typeof createBackground>;
