import { describe, expect, it } from 'vitest';
import {
  beijingFields,
  formatBeijingClock,
  formatBeijingShort,
  parseBeijingDateTime,
  parseBeijingTime,
} from '@/lib/time/beijing';

// 2024-04-22 14:57:09 in Beijing is 06:57:09 UTC.
const INSTANT = Date.UTC(2024, 3, 22, 6, 57, 9);

describe('parseBeijingTime', () => {
  it('reads YYYY-MM-DD HH:mm:ss as Beijing time', () => {
    expect(parseBeijingTime('2024-04-22 14:57:09')).toBe(INSTANT);
  });

  it('reads YYYY-MM-DD HH:mm with seconds at zero', () => {
    expect(parseBeijingTime('2024-04-22 14:57')).toBe(Date.UTC(2024, 3, 22, 6, 57, 0));
  });

  it('reads a date alone as Beijing midnight (16:00 UTC the day before)', () => {
    expect(parseBeijingTime('2024-04-22')).toBe(Date.UTC(2024, 3, 21, 16, 0, 0));
  });

  it('accepts / separators, a T separator, single-digit fields and surrounding spaces', () => {
    expect(parseBeijingTime('2024/04/22 14:57:09')).toBe(INSTANT);
    expect(parseBeijingTime('2024-04-22T14:57:09')).toBe(INSTANT);
    expect(parseBeijingTime('2024-4-22 14:57:09')).toBe(INSTANT);
    expect(parseBeijingTime('  2024-04-22 14:57:09 ')).toBe(INSTANT);
    expect(parseBeijingTime('2024-04-22 6:05:00')).toBe(Date.UTC(2024, 3, 21, 22, 5, 0));
  });

  it('reads compact yyyyMMddHHmmss (and yyyyMMddHHmm)', () => {
    expect(parseBeijingTime('20240422145709')).toBe(INSTANT);
    expect(parseBeijingTime('202404221457')).toBe(Date.UTC(2024, 3, 22, 6, 57, 0));
  });

  it('reads times just after Beijing midnight as the previous UTC day', () => {
    expect(parseBeijingTime('2024-01-01 00:30:00')).toBe(Date.UTC(2023, 11, 31, 16, 30, 0));
  });

  it('accepts 29 February in a leap year only', () => {
    expect(parseBeijingTime('2024-02-29 12:00:00')).toBe(Date.UTC(2024, 1, 29, 4, 0, 0));
    expect(parseBeijingTime('2023-02-29 12:00:00')).toBeNull();
  });

  it.each([
    ['empty', ''],
    ['garbage', 'not a date'],
    ['half a date', '2024-04'],
    ['trailing junk', '2024-04-22 14:57:09 foo'],
    ['ISO with a zone', '2024-04-22T14:57:09Z'],
    ['30 February', '2024-02-30 10:00:00'],
    ['31 April', '2024-04-31 10:00:00'],
    ['month 13', '2024-13-01 10:00:00'],
    ['month 0', '2024-00-10 10:00:00'],
    ['day 0', '2024-04-00 10:00:00'],
    ['hour 24', '2024-04-22 24:00:00'],
    ['minute 60', '2024-04-22 14:60:00'],
    ['second 60', '2024-04-22 14:57:60'],
    ['compact month 13', '20241301100000'],
    ['compact hour 24', '20240422240000'],
    ['compact too short', '2024042214'],
  ])('rejects %s', (_name, text) => {
    expect(parseBeijingTime(text)).toBeNull();
  });

  it('gives the same instant whatever the local zone is', () => {
    // Each zone run gets the same absolute instant; a parser that used the local zone would not.
    const parsed = parseBeijingTime('2026-07-01 08:00:00');
    expect(parsed).toBe(Date.UTC(2026, 6, 1, 0, 0, 0));
    expect(new Date(parsed!).toISOString()).toBe('2026-07-01T00:00:00.000Z');
  });
});

describe('Beijing wall-clock formatting', () => {
  // 2026-03-25 06:36 Beijing = 2026-03-24 22:36 UTC = 2026-03-24 15:36 in Los Angeles.
  const departure = Date.UTC(2026, 2, 24, 22, 36, 5);

  it('beijingFields gives the Beijing date and time of an instant', () => {
    expect(beijingFields(departure)).toEqual({ year: 2026, month: 3, day: 25, hour: 6, minute: 36, second: 5 });
  });

  it('formatBeijingShort shows the Beijing date even where it is still the previous day', () => {
    expect(formatBeijingShort(departure)).toBe('03-25 06:36');
  });

  it('formatBeijingClock shows Beijing wall time with seconds', () => {
    expect(formatBeijingClock(INSTANT)).toBe('14:57:09');
    expect(formatBeijingClock(Date.UTC(2026, 0, 1, 16, 0, 0))).toBe('00:00:00');
  });

  it('round-trips with parseBeijingTime', () => {
    const text = '2026-12-31 23:59:59';
    const parsed = parseBeijingTime(text)!;
    expect(formatBeijingClock(parsed)).toBe('23:59:59');
    expect(formatBeijingShort(parsed)).toBe('12-31 23:59');
  });
});

describe('parseBeijingDateTime', () => {
  it.each(['2024-04-22 14:57:09', '2024/4/22T14:57:09', ' 20240422145709 ', '202404221457'])('reads %j', (text) => {
    expect(parseBeijingDateTime(text)! - (parseBeijingTime(text) ?? NaN)).toBe(0);
  });

  it.each(['2024-04-22', ' 2024/4/22 ', '20240422', '2024-04-22 25:00', '14:57:09'])(
    'refuses %j, which names no time of day it can read',
    (text) => {
      expect(parseBeijingDateTime(text)).toBeNull();
    },
  );
});
