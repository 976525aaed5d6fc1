import { describe, expect, it } from 'vitest';
import { alertId, type Alert } from '@/lib/alerts/alert-id';
import {
  DEFAULT_REMINDER_MINUTES,
  DUE_CATCH_UP_MS,
  planReminders,
  remindersAlreadyPassed,
} from '@/lib/alerts/reminder-plan';
import { orderKey } from '@/lib/orders/model';
import { LOCAL_CLOCK } from '@/lib/time/clock';
import { DEADLINE, makeOrder, makeQueuingOrder } from '../helpers/orders';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const THRESHOLDS = [10, 5, 1];
const order = makeOrder();
const KEY = orderKey(order);

const remind = (minutes: number, deadline = DEADLINE): Alert => ({ kind: 'remind', orderKey: KEY, minutes, deadline });
const due = (deadline = DEADLINE): Alert => ({ kind: 'due', orderKey: KEY, deadline });
const remindId = (minutes: number, deadline = DEADLINE) => alertId(remind(minutes, deadline));
const dueId = (deadline = DEADLINE) => alertId(due(deadline));

describe('planReminders', () => {
  it('uses 10, 5 and 1 minutes by default', () => {
    expect([...DEFAULT_REMINDER_MINUTES].sort((a, b) => b - a)).toEqual([10, 5, 1]);
  });

  it('plans a reminder before each threshold and an alarm at the deadline', () => {
    const plan = planReminders([order], LOCAL_CLOCK, THRESHOLDS, {}, DEADLINE - 30 * MINUTE);
    expect(plan.alarms).toEqual(
      new Map([
        [remindId(10), DEADLINE - 10 * MINUTE],
        [remindId(5), DEADLINE - 5 * MINUTE],
        [remindId(1), DEADLINE - 1 * MINUTE],
        [dueId(), DEADLINE],
      ]),
    );
    expect(plan.catchUp).toEqual([]);
    expect(plan.skip).toEqual([]);
  });

  it('accepts the thresholds in any order', () => {
    const plan = planReminders([order], LOCAL_CLOCK, [1, 10, 5], {}, DEADLINE - 30 * MINUTE);
    expect([...plan.alarms.keys()].sort()).toEqual([remindId(10), remindId(5), remindId(1), dueId()].sort());
  });

  it('moves every alarm to local time: a server 5 minutes ahead rings them 5 minutes earlier', () => {
    const clock = { offsetMs: 5 * MINUTE };
    const now = DEADLINE - 30 * MINUTE - clock.offsetMs; // 30 minutes left on the server's clock
    const plan = planReminders([order], clock, THRESHOLDS, {}, now);
    expect(plan.alarms).toEqual(
      new Map([
        [remindId(10), DEADLINE - 15 * MINUTE],
        [remindId(5), DEADLINE - 10 * MINUTE],
        [remindId(1), DEADLINE - 6 * MINUTE],
        [dueId(), DEADLINE - 5 * MINUTE],
      ]),
    );
  });

  it('moves every alarm later for a server that is behind', () => {
    const plan = planReminders([order], { offsetMs: -3 * MINUTE }, THRESHOLDS, {}, DEADLINE - 40 * MINUTE);
    expect(plan.alarms.get(remindId(10))).toBe(DEADLINE - 7 * MINUTE);
    expect(plan.alarms.get(dueId())).toBe(DEADLINE + 3 * MINUTE);
  });

  it('does not plan again what was already sent', () => {
    const sent = { [remindId(10)]: DEADLINE - 10 * MINUTE, [remindId(5)]: DEADLINE - 5 * MINUTE };
    const plan = planReminders([order], LOCAL_CLOCK, THRESHOLDS, sent, DEADLINE - 30 * MINUTE);
    expect([...plan.alarms.keys()]).toEqual([remindId(1), dueId()]);
  });

  it('after downtime shows only the latest missed reminder and skips the older one', () => {
    // The browser was closed from 30 minutes to 3 minutes before the deadline.
    const plan = planReminders([order], LOCAL_CLOCK, THRESHOLDS, {}, DEADLINE - 3 * MINUTE);
    expect(plan.catchUp).toEqual([remind(5)]);
    expect(plan.skip).toEqual([remindId(10)]);
    expect(plan.alarms).toEqual(
      new Map([
        [remindId(1), DEADLINE - 1 * MINUTE],
        [dueId(), DEADLINE],
      ]),
    );
  });

  it('judges what was missed on the server clock', () => {
    // Locally 7 minutes are left, but the server is 4 minutes ahead: the 5-minute reminder has passed.
    const plan = planReminders([order], { offsetMs: 4 * MINUTE }, THRESHOLDS, {}, DEADLINE - 7 * MINUTE);
    expect(plan.catchUp).toEqual([remind(5)]);
    expect(plan.skip).toEqual([remindId(10)]);
  });

  it('does not catch up or skip a reminder already in the sent log', () => {
    // The 10-minute reminder was shown before the browser closed; the 5-minute one was missed.
    const sent = { [remindId(10)]: DEADLINE - 10 * MINUTE };
    const plan = planReminders([order], LOCAL_CLOCK, THRESHOLDS, sent, DEADLINE - 3 * MINUTE);
    expect(plan.catchUp).toEqual([remind(5)]);
    expect(plan.skip).toEqual([]);
  });

  it('catches up a deadline missed by less than 10 minutes', () => {
    const plan = planReminders([order], LOCAL_CLOCK, THRESHOLDS, {}, DEADLINE + 9 * MINUTE);
    expect(plan.catchUp).toEqual([due()]);
    expect(plan.skip).toEqual([]);
    expect(plan.alarms.size).toBe(0);
    expect(DUE_CATCH_UP_MS).toBe(10 * MINUTE);
  });

  it('catches up a deadline passed just now', () => {
    expect(planReminders([order], LOCAL_CLOCK, THRESHOLDS, {}, DEADLINE).catchUp).toEqual([due()]);
  });

  it('skips a deadline missed by more than 10 minutes', () => {
    const plan = planReminders([order], LOCAL_CLOCK, THRESHOLDS, {}, DEADLINE + 10 * MINUTE + 1);
    expect(plan.catchUp).toEqual([]);
    expect(plan.skip).toEqual([dueId()]);
    expect(plan.alarms.size).toBe(0);
  });

  it('shows no reminder once the deadline has passed', () => {
    const plan = planReminders([order], LOCAL_CLOCK, THRESHOLDS, {}, DEADLINE + MINUTE);
    expect(plan.catchUp.filter((alert) => alert.kind === 'remind')).toEqual([]);
    expect(plan.skip.filter((id) => id.startsWith('remind'))).toEqual([]);
  });

  it('does not catch up a deadline already shown', () => {
    const plan = planReminders([order], LOCAL_CLOCK, THRESHOLDS, { [dueId()]: DEADLINE }, DEADLINE + MINUTE);
    expect(plan).toEqual({ alarms: new Map(), catchUp: [], skip: [] });
  });

  it('plans nothing for queuing orders or orders without a deadline', () => {
    const noDeadline = makeOrder({ id: 'E0', deadline: null });
    const plan = planReminders([makeQueuingOrder(), noDeadline], LOCAL_CLOCK, THRESHOLDS, {}, DEADLINE - 30 * MINUTE);
    expect(plan).toEqual({ alarms: new Map(), catchUp: [], skip: [] });
  });

  it('plans each order on its own', () => {
    const other = makeOrder({ id: 'E2', deadline: DEADLINE + 60 * MINUTE });
    const plan = planReminders([other, order], LOCAL_CLOCK, THRESHOLDS, {}, DEADLINE - 30 * MINUTE);
    expect(plan.alarms.size).toBe(8);
    expect(plan.alarms.get(alertId({ kind: 'due', orderKey: orderKey(other), deadline: DEADLINE + 60 * MINUTE }))).toBe(
      DEADLINE + 60 * MINUTE,
    );
  });

  it('gives a moved deadline new alerts even when the old ones were sent', () => {
    const sent = { [remindId(10)]: 1, [remindId(5)]: 2, [remindId(1)]: 3, [dueId()]: 4 };
    const moved = DEADLINE + 30 * MINUTE;
    const plan = planReminders([makeOrder({ deadline: moved })], LOCAL_CLOCK, THRESHOLDS, sent, DEADLINE);
    expect(plan.alarms).toEqual(
      new Map([
        [remindId(10, moved), moved - 10 * MINUTE],
        [remindId(5, moved), moved - 5 * MINUTE],
        [remindId(1, moved), moved - 1 * MINUTE],
        [dueId(moved), moved],
      ]),
    );
    for (const id of plan.alarms.keys()) expect(id in sent).toBe(false);
  });
});

describe('remindersAlreadyPassed', () => {
  it('for an order found with 7 minutes left gives the 10-minute reminder only', () => {
    expect(remindersAlreadyPassed(order, LOCAL_CLOCK, THRESHOLDS, DEADLINE - 7 * MINUTE)).toEqual([remindId(10)]);
  });

  it('for an order found with 30 seconds left gives every reminder', () => {
    expect(remindersAlreadyPassed(order, LOCAL_CLOCK, THRESHOLDS, DEADLINE - 30 * SECOND).sort()).toEqual(
      [remindId(10), remindId(5), remindId(1)].sort(),
    );
  });

  it('gives nothing with more time left than the largest threshold', () => {
    expect(remindersAlreadyPassed(order, LOCAL_CLOCK, THRESHOLDS, DEADLINE - 11 * MINUTE)).toEqual([]);
  });

  it('uses the server clock', () => {
    // 7 minutes left locally, 4 on a server 3 minutes ahead.
    expect(remindersAlreadyPassed(order, { offsetMs: 3 * MINUTE }, THRESHOLDS, DEADLINE - 7 * MINUTE).sort()).toEqual(
      [remindId(10), remindId(5)].sort(),
    );
  });

  it('gives nothing for a queuing order or one without a deadline', () => {
    expect(remindersAlreadyPassed(makeQueuingOrder(), LOCAL_CLOCK, THRESHOLDS, DEADLINE)).toEqual([]);
    expect(remindersAlreadyPassed(makeOrder({ deadline: null }), LOCAL_CLOCK, THRESHOLDS, DEADLINE)).toEqual([]);
  });

  it('marks exactly the reminders planReminders would otherwise catch up or skip', () => {
    const now = DEADLINE - 3 * MINUTE;
    const passed = remindersAlreadyPassed(order, LOCAL_CLOCK, THRESHOLDS, now);
    const sent = Object.fromEntries(passed.map((id) => [id, now]));
    const plan = planReminders([order], LOCAL_CLOCK, THRESHOLDS, sent, now);
    expect(plan.catchUp).toEqual([]);
    expect(plan.skip).toEqual([]);
    expect([...plan.alarms.keys()]).toEqual([remindId(1), dueId()]);
  });
});

describe('planReminders for muted and snoozed orders', () => {
  const now = DEADLINE - 8 * MINUTE;

  it('plans no reminder for a muted order, but still the deadline alarm', () => {
    const plan = planReminders([order], LOCAL_CLOCK, THRESHOLDS, {}, now, { [KEY]: { kind: 'muted' } });
    expect(plan.alarms).toEqual(new Map([[dueId(), DEADLINE]]));
    expect(plan.catchUp).toEqual([]);
  });

  it('silences reminders during a snooze and reminds again when it ends', () => {
    // Snoozed at 8 minutes left for 5 minutes: the 5-minute reminder falls inside the snooze.
    const until = now + 5 * MINUTE;
    const plan = planReminders([order], LOCAL_CLOCK, THRESHOLDS, {}, now, { [KEY]: { kind: 'snoozed', until } });
    expect(plan.alarms).toEqual(
      new Map([
        [remindId(3), until],
        [remindId(1), DEADLINE - MINUTE],
        [dueId(), DEADLINE],
      ]),
    );
  });

  it('does not double a reminder that falls exactly at the end of a snooze', () => {
    const until = DEADLINE - 5 * MINUTE;
    const plan = planReminders([order], LOCAL_CLOCK, THRESHOLDS, {}, now, { [KEY]: { kind: 'snoozed', until } });
    expect([...plan.alarms.keys()]).toEqual([remindId(5), remindId(1), dueId()]);
  });

  it('plans reminders as usual once a snooze is over, without catching up what it silenced', () => {
    const later = DEADLINE - 4 * MINUTE;
    const quiet = { [KEY]: { kind: 'snoozed' as const, until: DEADLINE - 6 * MINUTE } };
    // The snooze's own reminder (6 minutes left) and the 5-minute one were shown; the 10-minute one
    // fell inside the snooze.
    const sent = { [remindId(6)]: later - 2 * MINUTE, [remindId(5)]: later - MINUTE };
    const plan = planReminders([order], LOCAL_CLOCK, THRESHOLDS, sent, later, quiet);
    expect(plan.alarms).toEqual(
      new Map([
        [remindId(1), DEADLINE - MINUTE],
        [dueId(), DEADLINE],
      ]),
    );
    expect(plan.catchUp).toEqual([]);
  });

  it('plans nothing more for a snooze that ends after the deadline', () => {
    const quiet = { [KEY]: { kind: 'snoozed' as const, until: DEADLINE + MINUTE } };
    const plan = planReminders([order], LOCAL_CLOCK, THRESHOLDS, {}, now, quiet);
    expect(plan.alarms).toEqual(new Map([[dueId(), DEADLINE]]));
  });

  it('leaves other orders alone', () => {
    const other = makeOrder({ id: 'E999999999' });
    const plan = planReminders([order, other], LOCAL_CLOCK, THRESHOLDS, {}, now, { [KEY]: { kind: 'muted' } });
    expect([...plan.alarms.keys()].filter((id) => id.endsWith(orderKey(other)))).toHaveLength(3);
  });
});
