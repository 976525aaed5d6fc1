import { browser, type Browser } from 'wxt/browser';
import { badgeOf, toolbarState } from '@/lib/badge';
import type { Locale } from '@/lib/i18n/messages';
import { nearerThanAlarmFloor } from '@/lib/schedule/alert-wakeups';
import { toolbarTitle } from '@/lib/toolbar-title';
import type { SerialQueue } from '@/lib/util/serial';
import { BADGE_ALARM } from './alarm-names';
import { clearAlarm, setAlarm } from './alarms';
import type { Timers } from './timers';
import { applyBadge } from './toolbar-badge';
import type { ReadAll, Watched } from './watched';

export interface BadgeDeps {
  serial: SerialQueue;
  readAll: ReadAll;
  now: () => number;
  timers: Timers;
  locale: Locale;
}

/** The toolbar badge, drawn from the stored snapshots and redrawn when what it shows next changes. */
export function createBadge({ serial, readAll, now, timers, locale }: BadgeDeps) {
  let badgeTimer: unknown;

  const redrawBadge = () =>
    serial(async () => refreshBadge(await readAll(), await browser.alarms.getAll())).catch((error: unknown) =>
      console.error('PayClock: could not redraw the badge', error),
    );

  async function refreshBadge(watched: readonly Watched[], existing: Browser.alarms.Alarm[]) {
    // One state at one instant for both: the title must not be a minute ahead of the badge.
    const state = toolbarState(
      watched.map((entry) => entry.snapshot),
      now(),
    );
    const badge = badgeOf(state);
    // The alarm first: a badge the browser fails to draw must not stop it being redrawn later.
    if (badge.nextChangeAt === null) await clearAlarm(BADGE_ALARM);
    else await setAlarm(BADGE_ALARM, badge.nextChangeAt, existing);
    // A change under 30 s away would show up to 30 s late from a packed Chrome's alarm: timed too.
    timers.clear(badgeTimer);
    const { nextChangeAt } = badge;
    badgeTimer =
      nextChangeAt !== null && nearerThanAlarmFloor(nextChangeAt, now())
        ? timers.set(() => void redrawBadge(), Math.max(0, nextChangeAt - now()))
        : undefined;
    await applyBadge(badge, toolbarTitle(state, locale));
  }

  return { redrawBadge, refreshBadge };
}
