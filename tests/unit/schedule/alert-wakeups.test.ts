import { describe, expect, it } from 'vitest';
import {
  ALARM_FLOOR_MS,
  ALERT_ALARM_PREFIX,
  ALERT_ALARM_SLOTS,
  isAlertAlarm,
  planAlertWakeups,
} from '@/lib/schedule/alert-wakeups';

const NOW = Date.UTC(2026, 11, 2, 6, 0, 0);
const SECOND = 1000;
const MINUTE = 60 * SECOND;

describe('planAlertWakeups', () => {
  it('holds an alarm for each of the next few distinct instants, however many alerts there are', () => {
    // A travel agent's 1,000 orders: three reminders and a deadline each, many on the same second.
    const instants = Array.from({ length: 1000 }, (_, i) => NOW + 5 * MINUTE + Math.floor(i / 4) * SECOND).flatMap(
      (deadline) => [deadline - 10 * MINUTE, deadline - 5 * MINUTE, deadline - MINUTE, deadline],
    );
    const plan = planAlertWakeups(
      instants.filter((at) => at > NOW),
      NOW,
    );
    expect(plan.alarms.size).toBe(ALERT_ALARM_SLOTS);
    const times = [...plan.alarms.values()];
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBe(Math.min(...instants.filter((at) => at > NOW)));
    for (const [name, at] of plan.alarms) expect(name).toBe(`${ALERT_ALARM_PREFIX}${at}`);
  });

  it('gives alerts at one instant one alarm', () => {
    const at = NOW + 10 * MINUTE;
    const plan = planAlertWakeups([at, at, at, at + MINUTE], NOW);
    expect([...plan.alarms.values()]).toEqual([at, at + MINUTE]);
  });

  it('keeps an instant nearer than the packed-build alarm floor by timer as well', () => {
    expect(planAlertWakeups([NOW + ALARM_FLOOR_MS - 1], NOW).timerAt).toBe(NOW + ALARM_FLOOR_MS - 1);
    expect(planAlertWakeups([NOW + 1], NOW).timerAt).toBe(NOW + 1);
    // Due already (the alarm came a moment early, or a settle ran just before): fire at once.
    expect(planAlertWakeups([NOW - 5], NOW).timerAt).toBe(NOW - 5);
    // An alarm created now fires in time for anything 30 s away or more.
    expect(planAlertWakeups([NOW + ALARM_FLOOR_MS], NOW).timerAt).toBeNull();
    expect(planAlertWakeups([], NOW)).toEqual({ alarms: new Map(), timerAt: null });
  });

  it('keeps reminders a second apart on time: each wake-up times the next', () => {
    // 20 orders whose 1-minute reminders fall a second apart. Every time the background wakes it
    // shows what is due and plans again; the next is then always under 30 s away, so by timer.
    const instants = Array.from({ length: 20 }, (_, i) => NOW + 2 * MINUTE + i * SECOND);
    let now = NOW;
    const fired: number[] = [];
    for (;;) {
      const left = instants.filter((at) => at > (fired.at(-1) ?? -Infinity));
      const plan = planAlertWakeups(left, now);
      if (plan.alarms.size === 0) break;
      const [firstAlarm] = plan.alarms.values();
      // The alarm, as a packed Chrome fires it: never sooner than 30 s after it was made.
      const byAlarm = Math.max(firstAlarm!, now + ALARM_FLOOR_MS);
      now = plan.timerAt ?? byAlarm;
      fired.push(now);
    }
    expect(fired).toEqual(instants);
  });

  it('ignores instants that are not numbers, and tells its own alarms from the others', () => {
    const plan = planAlertWakeups([Number.NaN, Infinity, NOW + MINUTE], NOW);
    expect([...plan.alarms.values()]).toEqual([NOW + MINUTE]);
    expect(isAlertAlarm(`${ALERT_ALARM_PREFIX}${NOW}`)).toBe(true);
    expect(isAlertAlarm('poll.12306')).toBe(false);
    expect(isAlertAlarm(`remind|10|${NOW}|12306:E1`)).toBe(false);
  });
});
