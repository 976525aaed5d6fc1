import { orderKey, payableOrders, type Order, type PayableOrder } from '../orders/model';
import { toLocalInstant, type Clock } from '../time/clock';
import { alertId, type Alert } from './alert-id';
import type { QuietOrders } from './quiet';
import type { SentLog } from './sent-log';

export const DEFAULT_REMINDER_MINUTES: readonly number[] = [10, 5, 1];

/** A "deadline passed" alert missed while the browser was closed is still worth showing this long. */
export const DUE_CATCH_UP_MS = 10 * 60_000;

export interface ReminderPlan {
  /** One-shot alarms that should exist: alert id → local instant. */
  alarms: Map<string, number>;
  /** Alerts whose moment passed unseen (the browser was closed): show these now. */
  catchUp: Alert[];
  /** Alerts passed over on purpose (a later one says the same, fresher): record, never show. */
  skip: string[];
}

type TimedReminder = Alert & { kind: 'remind'; offsetMs: number };

function timedAlerts(order: PayableOrder, reminderMinutes: readonly number[]) {
  const key = orderKey(order);
  const reminders = [...reminderMinutes]
    .sort((a, b) => b - a)
    .map((minutes): TimedReminder => ({
      kind: 'remind',
      orderKey: key,
      minutes,
      deadline: order.deadline,
      offsetMs: minutes * 60_000,
    }));
  return { reminders, due: { kind: 'due', orderKey: key, deadline: order.deadline } as const };
}

/**
 * The reminders left once the user silenced an order: none when muted; when snoozed, none before
 * the snooze ends and one at its end (a snooze means "remind me again then", not "skip one").
 */
function unsilenced(
  reminders: TimedReminder[],
  localDeadline: number,
  silence: QuietOrders[string] | undefined,
): TimedReminder[] {
  if (!silence) return reminders;
  if (silence.kind === 'muted') return [];
  const left = localDeadline - silence.until;
  if (left <= 0) return [];
  const after = reminders.filter((reminder) => localDeadline - reminder.offsetMs >= silence.until);
  const [template] = reminders;
  if (!template) return after;
  const minutes = Math.ceil(left / 60_000);
  if (after.some((reminder) => reminder.minutes === minutes)) return after;
  return [{ ...template, minutes, offsetMs: left }, ...after];
}

/**
 * The reminders and deadline alerts each unpaid order needs. Each fires from its own one-shot alarm
 * at its moment on the server's clock, not at the next poll. Of several reminders that passed while
 * the browser was closed only the last is shown, and a deadline long past is not announced at all.
 */
export function planReminders(
  orders: readonly Order[],
  clock: Pick<Clock, 'offsetMs'>,
  reminderMinutes: readonly number[],
  sent: SentLog,
  now: number,
  quiet: QuietOrders = {},
): ReminderPlan {
  const plan: ReminderPlan = { alarms: new Map(), catchUp: [], skip: [] };
  for (const order of payableOrders(orders)) {
    const localDeadline = toLocalInstant(clock, order.deadline);
    const timed = timedAlerts(order, reminderMinutes);
    const { due } = timed;
    const reminders = unsilenced(timed.reminders, localDeadline, quiet[orderKey(order)]);
    const passed: Alert[] = [];
    for (const { offsetMs, ...reminder } of reminders) {
      const at = localDeadline - offsetMs;
      if (at <= now) passed.push(reminder);
      else if (!(alertId(reminder) in sent)) plan.alarms.set(alertId(reminder), at);
    }
    // Before the deadline, of the reminders whose moment passed unseen only the latest is worth
    // showing (and not if a later one was shown already); the rest are recorded as passed over.
    if (localDeadline > now) {
      const latest = passed.pop();
      if (latest && !(alertId(latest) in sent)) plan.catchUp.push(latest);
      plan.skip.push(...passed.map(alertId).filter((id) => !(id in sent)));
    }

    const dueId = alertId(due);
    if (dueId in sent) continue;
    if (localDeadline > now) plan.alarms.set(dueId, localDeadline);
    else if (now - localDeadline <= DUE_CATCH_UP_MS) plan.catchUp.push(due);
    else plan.skip.push(dueId);
  }
  return plan;
}

/**
 * Reminders an order had already passed when we first saw it. The "new order" notice says how long
 * is left, so these are recorded as done instead of arriving late with a wrong number of minutes.
 */
export function remindersAlreadyPassed(
  order: Order,
  clock: Pick<Clock, 'offsetMs'>,
  reminderMinutes: readonly number[],
  now: number,
): string[] {
  const [payable] = payableOrders([order]);
  if (!payable) return [];
  const localDeadline = toLocalInstant(clock, payable.deadline);
  return timedAlerts(payable, reminderMinutes)
    .reminders.filter((reminder) => localDeadline - reminder.offsetMs <= now)
    .map(({ offsetMs: _offset, ...reminder }) => alertId(reminder));
}
