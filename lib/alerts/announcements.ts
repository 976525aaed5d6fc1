import { fill } from '../i18n/fill';
import type { Locale } from '../i18n/messages';
import { overlayStrings } from '../i18n/strings/overlay';
import { secondsLeft } from '../time/countdown';

// What the popup and the overlay say to a screen reader. A countdown ticking every second is not
// announced (it would drown everything else); crossing one of the user's reminder thresholds is,
// once, like the reminder notification it goes with. Pure: the pages keep `announced` between ticks.

/** An order shown with a countdown. */
export interface CountedOrder {
  /** `orderKey()`. */
  key: string;
  title: string;
  /** On its source's server clock. */
  deadline: number;
  /** How far that clock is ahead of the local one. */
  offsetMs: number;
}

/**
 * Per order, the smallest threshold (minutes) already announced or already passed when the order
 * was first seen; Infinity when none had passed yet.
 */
export type Announced = ReadonlyMap<string, number>;

export interface Announcements {
  /** What to say now, one sentence per order that crossed a threshold since the last tick. */
  say: string[];
  announced: Announced;
}

export function announcementsDue(
  orders: readonly CountedOrder[],
  reminderMinutes: readonly number[],
  localNow: number,
  announced: Announced,
  locale: Locale,
): Announcements {
  const next = new Map<string, number>();
  const say: string[] = [];
  for (const order of orders) {
    const serverNow = localNow + order.offsetMs;
    // After the deadline (or once paid, when the order is no longer given) nothing is announced.
    if (secondsLeft(order.deadline, serverNow) <= 0) continue;
    const passed = Math.min(...reminderMinutes.filter((minutes) => order.deadline - minutes * 60_000 <= serverNow));
    const before = announced.get(order.key);
    // First seen: thresholds already behind it were for an earlier moment, not news now.
    next.set(order.key, before === undefined ? passed : Math.min(before, passed));
    if (before !== undefined && passed < before) {
      say.push(`${order.title} · ${fill(overlayStrings, locale, 'noticeRemindTitle', { minutes: passed })}`);
    }
  }
  return { say, announced: next };
}
