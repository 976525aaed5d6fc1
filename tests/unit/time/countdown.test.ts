import { describe, expect, it } from 'vitest';
import { formatCountdown, minutesLeft, secondsLeft, urgencyOf } from '@/lib/time/countdown';

const DEADLINE = Date.UTC(2026, 2, 24, 6, 57, 9);
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const before = (ms: number) => DEADLINE - ms;

describe('secondsLeft', () => {
  it('rounds up partial seconds', () => {
    expect(secondsLeft(DEADLINE, before(1))).toBe(1);
    expect(secondsLeft(DEADLINE, before(999))).toBe(1);
    expect(secondsLeft(DEADLINE, before(1000))).toBe(1);
    expect(secondsLeft(DEADLINE, before(1001))).toBe(2);
    expect(secondsLeft(DEADLINE, DEADLINE)).toBe(0);
    expect(secondsLeft(DEADLINE, DEADLINE + 2500)).toBe(-2);
  });
});

describe('formatCountdown', () => {
  it('shows 00:01 with a millisecond left and 00:00 exactly at the deadline', () => {
    expect(formatCountdown(DEADLINE, before(1))).toBe('00:01');
    expect(formatCountdown(DEADLINE, DEADLINE)).toBe('00:00');
  });

  it('stays at 00:00 after the deadline', () => {
    expect(formatCountdown(DEADLINE, DEADLINE + 5 * MINUTE)).toBe('00:00');
  });

  it('uses mm:ss under an hour', () => {
    expect(formatCountdown(DEADLINE, before(12 * MINUTE + 34 * SECOND))).toBe('12:34');
    expect(formatCountdown(DEADLINE, before(12 * MINUTE + 33 * SECOND + 1))).toBe('12:34');
    expect(formatCountdown(DEADLINE, before(59 * MINUTE + 59 * SECOND))).toBe('59:59');
    expect(formatCountdown(DEADLINE, before(59 * SECOND))).toBe('00:59');
  });

  it('uses h:mm:ss from an hour on', () => {
    expect(formatCountdown(DEADLINE, before(60 * MINUTE))).toBe('1:00:00');
    expect(formatCountdown(DEADLINE, before(60 * MINUTE - 1))).toBe('1:00:00');
    expect(formatCountdown(DEADLINE, before(60 * MINUTE - 1000))).toBe('59:59');
    expect(formatCountdown(DEADLINE, before(2 * 60 * MINUTE + 3 * MINUTE + 4 * SECOND))).toBe('2:03:04');
  });
});

describe('urgencyOf', () => {
  it('is overdue exactly at the deadline and after it', () => {
    expect(urgencyOf(DEADLINE, DEADLINE)).toBe('overdue');
    expect(urgencyOf(DEADLINE, DEADLINE + 1)).toBe('overdue');
    expect(urgencyOf(DEADLINE, before(1))).toBe('urgent');
  });

  it('turns urgent at 5 minutes left', () => {
    expect(urgencyOf(DEADLINE, before(5 * MINUTE))).toBe('urgent');
    expect(urgencyOf(DEADLINE, before(5 * MINUTE + 1))).toBe('soon');
  });

  it('turns soon at 10 minutes left', () => {
    expect(urgencyOf(DEADLINE, before(10 * MINUTE))).toBe('soon');
    expect(urgencyOf(DEADLINE, before(10 * MINUTE + 1))).toBe('calm');
    expect(urgencyOf(DEADLINE, before(3 * 60 * MINUTE))).toBe('calm');
  });
});

describe('minutesLeft', () => {
  it('gives whole minutes as the badge shows them', () => {
    expect(minutesLeft(DEADLINE, before(12 * MINUTE + 34 * SECOND))).toBe(12);
    expect(minutesLeft(DEADLINE, before(12 * MINUTE))).toBe(12);
    expect(minutesLeft(DEADLINE, before(12 * MINUTE - 1000))).toBe(11);
    expect(minutesLeft(DEADLINE, before(59 * SECOND))).toBe(0);
    expect(minutesLeft(DEADLINE, before(1))).toBe(0);
  });

  it('agrees with formatCountdown on when a minute drops', () => {
    // 12:00.5 left shows 12:01 and 12 minutes; 11:59.5 left shows 12:00 and still 12 minutes.
    expect(formatCountdown(DEADLINE, before(11 * MINUTE + 59_500))).toBe('12:00');
    expect(minutesLeft(DEADLINE, before(11 * MINUTE + 59_500))).toBe(12);
    expect(formatCountdown(DEADLINE, before(11 * MINUTE + 59_000))).toBe('11:59');
    expect(minutesLeft(DEADLINE, before(11 * MINUTE + 59_000))).toBe(11);
  });

  it('is null once overdue', () => {
    expect(minutesLeft(DEADLINE, DEADLINE)).toBeNull();
    expect(minutesLeft(DEADLINE, DEADLINE + MINUTE)).toBeNull();
  });
});
