// When the background must wake to show timed alerts (reminders and deadlines), with a number of
// alarms that does not grow with the number of orders. Chrome holds at most 500 alarms and a
// travel agent can have a thousand unpaid orders, each with several reminders: one alarm per alert
// would run out, and then the alarms planned after them (polling, the badge) would be missing.
//
// So only the next few distinct instants get an alarm; whatever fires re-plans from stored state,
// showing every alert whose moment has come. And since a packed (store-installed) Chrome fires no
// alarm sooner than 30 s after it was created, an instant closer than that is also kept by a timer
// in the running background: it was just woken by an event or made extension calls, both of which
// keep it alive for 30 s, so the timer fires on time. The alarm stays as the fallback, late but sure.

/** Alarms named `alerts|<local instant>`; anything else is the poll, the badge, or from an older version. */
export const ALERT_ALARM_PREFIX = 'alerts|';

/** How many upcoming instants hold an alarm: enough that one missed re-plan loses nothing near. */
export const ALERT_ALARM_SLOTS = 4;

/** Chrome, packed: no alarm fires sooner than this after `alarms.create`. */
export const ALARM_FLOOR_MS = 30_000;

export interface AlertWakeups {
  /** Alarm name → local instant, the earliest first. */
  alarms: Map<string, number>;
  /** When to fire by timer, because the alarm for it could come up to 30 s late; null if none is that near. */
  timerAt: number | null;
}

export const isAlertAlarm = (name: string) => name.startsWith(ALERT_ALARM_PREFIX);

/** Whether an alarm made now could fire after `at`: then the running background times it as well. */
export const nearerThanAlarmFloor = (at: number, now: number) => at - now < ALARM_FLOOR_MS;

/** `instants`: local instants of every alert still to come (any order, repeats allowed). */
export function planAlertWakeups(instants: Iterable<number>, now: number): AlertWakeups {
  const upcoming = [...new Set(instants)].filter(Number.isFinite).sort((a, b) => a - b);
  const next = upcoming.slice(0, ALERT_ALARM_SLOTS);
  const [first] = next;
  return {
    alarms: new Map(next.map((at) => [`${ALERT_ALARM_PREFIX}${at}`, at])),
    timerAt: first !== undefined && nearerThanAlarmFloor(first, now) ? first : null,
  };
}
