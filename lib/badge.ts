import { payableOrders, type PayableOrder } from './orders/model';
import { minutesLeft, SOON_MINUTES, URGENT_MINUTES, urgencyOf, type Urgency } from './time/countdown';
import { serverNow, toLocalInstant } from './time/clock';
import { needsUser, type Snapshot } from './snapshots/snapshot';

// The toolbar badge: minutes to the nearest deadline across every source, coloured by urgency, and
// a "!" when a source is logged out while its last known data had unpaid orders (we can no longer
// see them, so the user has to act).

export const URGENCY_COLORS: Record<Urgency, string> = {
  calm: '#15803d',
  soon: '#b45309',
  urgent: '#dc2626',
  overdue: '#6b7280',
};
export const LOGIN_NEEDED_COLOR = '#7c3aed';
export const LOGIN_NEEDED_MARK = '!';

export interface Badge {
  text: string;
  color: string;
  /** Local instant at which the text or colour may next change (to refresh it then), or null. */
  nextChangeAt: number | null;
}

/** The unit the badge counts in: whole minutes below 100, then whole hours, then whole days. */
export function badgeUnit(minutes: number): { unit: 'minutes' | 'hours' | 'days'; n: number } {
  if (minutes < 100) return { unit: 'minutes', n: minutes };
  if (minutes < 24 * 60) return { unit: 'hours', n: Math.floor(minutes / 60) };
  return { unit: 'days', n: Math.floor(minutes / (24 * 60)) };
}

const UNIT_MARKS = { minutes: '', hours: 'h', days: 'd' } as const;

/** Minutes as they fit in a badge's four characters: `12`, `<1`, `2h`, `3d`. */
export function badgeMinutes(minutes: number): string {
  if (minutes < 1) return '<1';
  const { unit, n } = badgeUnit(minutes);
  return `${n}${UNIT_MARKS[unit]}`;
}

/** Local instants, after `serverNow`, at which the badge for this deadline looks different. */
function nextChangeFor(deadline: number, serverNow: number, minutes: number): number {
  // The shown minute drops once fewer than 60·m seconds (rounded up) remain; at m = 0, at the deadline.
  const textChange = deadline - Math.max(0, minutes * 60 - 1) * 1000;
  // The colour changes when exactly 10 or 5 minutes remain.
  const colourChanges = [SOON_MINUTES, URGENT_MINUTES].map((m) => deadline - m * 60_000).filter((at) => at > serverNow);
  return Math.min(textChange, ...colourChanges);
}

/** The nearest unpaid deadline across every source, with what the badge and the button's title say about it. */
export interface Nearest {
  order: PayableOrder;
  localDeadline: number;
  minutes: number;
  urgency: Urgency;
  changeAt: number;
}

export interface ToolbarState {
  nearest: Nearest | null;
  /** Orders whose deadline is still ahead, the nearest among them. */
  pending: number;
  loginNeeded: boolean;
}

export function toolbarState(snapshots: readonly Snapshot[], localNow: number): ToolbarState {
  let nearest: Nearest | null = null;
  let loginNeeded = false;
  let pending = 0;
  for (const snapshot of snapshots) {
    const payable = payableOrders(snapshot.orders);
    if (needsUser(snapshot.status) && payable.length > 0) loginNeeded = true;
    const now = serverNow(snapshot.clock, localNow);
    for (const order of payable) {
      const minutes = minutesLeft(order.deadline, now);
      if (minutes !== null) pending += 1;
      // Compared as local instants: sources have clocks of their own, and whole minutes would tie.
      const localDeadline = toLocalInstant(snapshot.clock, order.deadline);
      if (minutes === null || (nearest && localDeadline >= nearest.localDeadline)) continue;
      nearest = {
        order,
        localDeadline,
        minutes,
        urgency: urgencyOf(order.deadline, now),
        changeAt: toLocalInstant(snapshot.clock, nextChangeFor(order.deadline, now, minutes)),
      };
    }
  }
  return { nearest, pending, loginNeeded };
}

export const badgeFor = (snapshots: readonly Snapshot[], localNow: number): Badge =>
  badgeOf(toolbarState(snapshots, localNow));

/** The badge for a toolbar state: one state, read at one instant, gives both badge and title. */
export function badgeOf({ nearest, loginNeeded }: ToolbarState): Badge {
  if (loginNeeded) {
    return {
      text: LOGIN_NEEDED_MARK + (nearest ? badgeMinutes(nearest.minutes) : ''),
      color: LOGIN_NEEDED_COLOR,
      nextChangeAt: nearest?.changeAt ?? null,
    };
  }
  if (!nearest) return { text: '', color: URGENCY_COLORS.calm, nextChangeAt: null };
  return {
    text: badgeMinutes(nearest.minutes),
    color: URGENCY_COLORS[nearest.urgency],
    nextChangeAt: nearest.changeAt,
  };
}
