import { describe, expect, it } from 'vitest';
import { markSent, SENT_LOG_RETENTION_MS, sentLogSchema } from '@/lib/alerts/sent-log';

const NOW = Date.UTC(2026, 2, 24, 6, 57, 9);
const DAY = 24 * 60 * 60 * 1000;

describe('markSent', () => {
  it('adds new ids at the current time', () => {
    expect(markSent({}, ['found|12306:E1', 'gone|12306:E2'], NOW)).toEqual({
      'found|12306:E1': NOW,
      'gone|12306:E2': NOW,
    });
  });

  it('keeps the original time of an id already logged', () => {
    const log = { 'found|12306:E1': NOW - 60_000 };
    expect(markSent(log, ['found|12306:E1', 'due|1|12306:E1'], NOW)).toEqual({
      'found|12306:E1': NOW - 60_000,
      'due|1|12306:E1': NOW,
    });
  });

  it('logs an id given twice once', () => {
    expect(markSent({}, ['a', 'a'], NOW)).toEqual({ a: NOW });
  });

  it('drops entries older than 3 days and keeps those within', () => {
    expect(SENT_LOG_RETENTION_MS).toBe(3 * DAY);
    const log = {
      fresh: NOW - DAY,
      edge: NOW - 3 * DAY,
      old: NOW - 3 * DAY - 1,
      ancient: NOW - 30 * DAY,
    };
    expect(markSent(log, ['new'], NOW)).toEqual({ fresh: NOW - DAY, edge: NOW - 3 * DAY, new: NOW });
  });

  it('logs anew an id whose old entry expired', () => {
    expect(markSent({ a: NOW - 4 * DAY }, ['a'], NOW)).toEqual({ a: NOW });
  });

  it('does not change the log it was given', () => {
    const log = { a: NOW - 4 * DAY, b: NOW - 1 };
    const copy = { ...log };
    markSent(log, ['c'], NOW);
    expect(log).toEqual(copy);
  });

  it('returns the log unchanged when there is nothing to mark', () => {
    const log = { a: NOW - 1 };
    expect(markSent(log, [], NOW)).toEqual(log);
  });

  it('produces a log that validates against its schema', () => {
    expect(sentLogSchema.safeParse(markSent({ a: NOW - 1 }, ['b'], NOW)).success).toBe(true);
  });
});
