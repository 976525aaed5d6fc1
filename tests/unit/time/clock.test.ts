import { describe, expect, it } from 'vitest';
import {
  learnClock,
  LOCAL_CLOCK,
  sampleFromDateHeader,
  sampleFromServerMillis,
  serverNow,
  toLocalInstant,
  type Clock,
  type ClockSample,
} from '@/lib/time/clock';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
// A local instant with a non-zero millisecond part: 2026-03-24 06:20:00.137 UTC.
const T0 = Date.UTC(2026, 2, 24, 6, 20, 0) + 137;
const ROUND_TRIP = 80;

/**
 * A reply from a server whose clock is `offset` ahead of ours: it stamps its Date header (whole
 * seconds, rounded down) halfway through the round trip.
 */
function simulate(offset: number, sentAt: number, roundTrip = ROUND_TRIP) {
  const receivedAt = sentAt + roundTrip;
  const midpoint = sentAt + roundTrip / 2;
  const serverMs = midpoint + offset;
  const header = new Date(Math.floor(serverMs / 1000) * 1000).toUTCString();
  return { header, sentAt, receivedAt };
}

function sampleFor(offset: number, sentAt: number, roundTrip = ROUND_TRIP): ClockSample {
  const { header, receivedAt } = simulate(offset, sentAt, roundTrip);
  const sample = sampleFromDateHeader(header, sentAt, receivedAt);
  if (!sample) throw new Error('expected a sample');
  return sample;
}

/** Learns `count` samples a minute apart whose sub-second phases are spread over the second. */
function learnMany(offset: number, count: number, start: Clock = LOCAL_CLOCK, from = T0): Clock {
  let clock = start;
  for (let i = 0; i < count; i += 1) {
    const phase = Math.round((i * 1000) / count);
    clock = learnClock(clock, sampleFor(offset, from + i * MINUTE + phase));
  }
  return clock;
}

describe('sampleFromDateHeader', () => {
  it.each([
    ['5 minutes ahead', 5 * MINUTE + 321],
    ['3 minutes behind', -3 * MINUTE - 654],
    ['exactly in step', 0],
  ])('bounds contain the true offset for a server %s', (_name, offset) => {
    for (const phase of [0, 1, 250, 499, 500, 777, 999]) {
      const sample = sampleFor(offset, T0 + phase);
      expect(sample.lo).toBeLessThanOrEqual(offset);
      expect(sample.hi).toBeGreaterThanOrEqual(offset);
      // A whole-second header cannot tell more than a second plus the round trip.
      expect(sample.hi - sample.lo).toBe(1000 + ROUND_TRIP);
      expect(sample.at).toBe(T0 + phase + ROUND_TRIP);
    }
  });

  it('gives null for a missing or garbled header', () => {
    expect(sampleFromDateHeader(null, T0, T0 + 50)).toBeNull();
    expect(sampleFromDateHeader(undefined, T0, T0 + 50)).toBeNull();
    expect(sampleFromDateHeader('', T0, T0 + 50)).toBeNull();
    expect(sampleFromDateHeader('yesterday-ish', T0, T0 + 50)).toBeNull();
  });

  it('gives null when the reply arrived before it was sent (local clock jumped back)', () => {
    const { header } = simulate(0, T0);
    expect(sampleFromDateHeader(header, T0, T0 - 1)).toBeNull();
  });
});

describe('sampleFromServerMillis', () => {
  it('bounds the offset by the round trip alone', () => {
    const offset = 5 * MINUTE;
    const serverMs = T0 + 40 + offset;
    const sample = sampleFromServerMillis(serverMs, T0, T0 + 80);
    expect(sample).toEqual({ lo: offset - 40, hi: offset + 40, at: T0 + 80 });
  });
});

describe('learnClock', () => {
  it.each([
    ['5 minutes ahead', 5 * MINUTE + 321],
    ['3 minutes behind', -3 * MINUTE - 654],
  ])('is within 600 ms after one sample and 150 ms after six (server %s)', (_name, offset) => {
    for (const phase of [0, 333, 999]) {
      const once = learnClock(LOCAL_CLOCK, sampleFor(offset, T0 + phase));
      expect(Math.abs(once.offsetMs - offset)).toBeLessThan(600);
      expect(once.samples).toHaveLength(1);
    }
    const six = learnMany(offset, 6);
    expect(six.samples).toHaveLength(6);
    expect(Math.abs(six.offsetMs - offset)).toBeLessThan(150);
  });

  it('narrows the interval as samples come in', () => {
    const offset = 2 * MINUTE + 42;
    let clock = LOCAL_CLOCK;
    const widths: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      clock = learnClock(clock, sampleFor(offset, T0 + i * MINUTE + Math.round((i * 1000) / 6)));
      const lo = Math.max(...clock.samples.map((s) => s.lo));
      const hi = Math.min(...clock.samples.map((s) => s.hi));
      expect(lo).toBeLessThanOrEqual(offset);
      expect(hi).toBeGreaterThanOrEqual(offset);
      widths.push(hi - lo);
    }
    for (let i = 1; i < widths.length; i += 1) expect(widths[i]).toBeLessThanOrEqual(widths[i - 1]!);
    expect(widths.at(-1)).toBeLessThan(widths[0]! / 3);
    // The estimate is the middle of what all samples agree on.
    const lo = Math.max(...clock.samples.map((s) => s.lo));
    const hi = Math.min(...clock.samples.map((s) => s.hi));
    expect(clock.offsetMs).toBe(Math.round((lo + hi) / 2));
  });

  it('starts again from the newest sample when the clocks jump', () => {
    const before = learnMany(5 * MINUTE, 6);
    expect(before.samples).toHaveLength(6);
    // The user sets their clock back by a minute: the server now looks 6 minutes ahead.
    const jumpedAt = T0 + 10 * MINUTE + 500;
    const jumped = sampleFor(6 * MINUTE, jumpedAt);
    const after = learnClock(before, jumped);
    expect(after.samples).toEqual([jumped]);
    expect(after.offsetMs).toBe(Math.round((jumped.lo + jumped.hi) / 2));
    expect(Math.abs(after.offsetMs - 6 * MINUTE)).toBeLessThan(600);
  });

  it('keeps only the unbroken run of samples that agree with the newest', () => {
    const s1 = { lo: 0, hi: 1000, at: T0 };
    const s2 = { lo: 0, hi: 400, at: T0 + MINUTE };
    const s3 = { lo: 0, hi: 1000, at: T0 + 2 * MINUTE };
    // Agrees with s3 and with s1, but not with s2: the run breaks at s2, so s1 must not return.
    const next = { lo: 600, hi: 1600, at: T0 + 3 * MINUTE };
    const clock = learnClock({ offsetMs: 200, samples: [s1, s2, s3] }, next);
    expect(clock.samples).toEqual([s3, next]);
    expect(clock.offsetMs).toBe(800);
  });

  it('drops samples older than 6 hours', () => {
    const offset = 90_000;
    const old = learnMany(offset, 3);
    const lastAt = old.samples.at(-1)!.at;
    // Just within 6 hours of the newest old sample: it is kept, the earlier ones are not.
    const fresh = sampleFor(offset, lastAt - ROUND_TRIP + 6 * HOUR);
    const kept = learnClock(old, fresh);
    expect(kept.samples.map((s) => s.at)).toEqual([lastAt, fresh.at]);
    const tooLate = sampleFor(offset, lastAt - ROUND_TRIP + 6 * HOUR + 1);
    expect(learnClock(old, tooLate).samples).toEqual([tooLate]);
  });

  it('drops samples that claim to be newer than the new one', () => {
    const offset = 90_000;
    const future = learnClock(LOCAL_CLOCK, sampleFor(offset, T0 + HOUR));
    const now = sampleFor(offset, T0);
    expect(learnClock(future, now).samples).toEqual([now]);
  });

  it('keeps at most 8 samples, the newest ones', () => {
    const clock = learnMany(-42_000, 11);
    expect(clock.samples).toHaveLength(8);
    const ats = clock.samples.map((s) => s.at);
    expect(ats).toEqual([...ats].sort((a, b) => a - b));
    // The newest sample is the last one learned.
    expect(ats.at(-1)).toBe(T0 + 10 * MINUTE + Math.round(10_000 / 11) + ROUND_TRIP);
    expect(Math.abs(clock.offsetMs + 42_000)).toBeLessThan(150);
  });

  it('combines a millisecond sample with Date-header samples', () => {
    const offset = 7_777;
    const header = learnClock(LOCAL_CLOCK, sampleFor(offset, T0 + 600));
    const precise = learnClock(
      header,
      sampleFromServerMillis(T0 + MINUTE + 40 + offset, T0 + MINUTE, T0 + MINUTE + 80),
    );
    expect(precise.samples).toHaveLength(2);
    expect(Math.abs(precise.offsetMs - offset)).toBeLessThanOrEqual(40);
  });
});

describe('serverNow and toLocalInstant', () => {
  it('apply the offset in opposite directions and round-trip', () => {
    const clock = { offsetMs: 5 * MINUTE + 123 };
    expect(serverNow(clock, T0)).toBe(T0 + 5 * MINUTE + 123);
    expect(toLocalInstant(clock, T0)).toBe(T0 - 5 * MINUTE - 123);
    expect(toLocalInstant(clock, serverNow(clock, T0))).toBe(T0);
    expect(serverNow(clock, toLocalInstant(clock, T0))).toBe(T0);
  });

  it('leave instants alone with the local clock', () => {
    expect(serverNow(LOCAL_CLOCK, T0)).toBe(T0);
    expect(toLocalInstant(LOCAL_CLOCK, T0)).toBe(T0);
  });
});
