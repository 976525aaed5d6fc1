import { describe, expect, it } from 'vitest';
import { createTokenBucket } from '@/lib/util/token-bucket';

describe('createTokenBucket', () => {
  it('gives `capacity` at once, then one per refill period, and says how long to wait', () => {
    let now = 1_000_000;
    const bucket = createTokenBucket({ capacity: 3, refillMs: 10_000 }, () => now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    expect(bucket.waitMs()).toBe(10_000);
    now += 4_000;
    expect(bucket.waitMs()).toBe(6_000);
    expect(bucket.take()).toBe(false);
    now += 6_000;
    expect(bucket.waitMs()).toBe(0);
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
  });

  it('never holds more than its capacity, however long it rested', () => {
    let now = 0;
    const bucket = createTokenBucket({ capacity: 2, refillMs: 1_000 }, () => now);
    now += 60_000;
    expect([bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, false]);
  });

  it('refills nothing while the clock goes back, and starts again from there', () => {
    let now = 100_000;
    const bucket = createTokenBucket({ capacity: 1, refillMs: 10_000 }, () => now);
    expect(bucket.take()).toBe(true);
    now -= 50_000;
    expect(bucket.take()).toBe(false);
    now += 10_000;
    expect(bucket.take()).toBe(true);
  });

  it('allows at most 1 + t / refill actions in any span t, taking whenever it can', () => {
    let now = 0;
    const bucket = createTokenBucket({ capacity: 1, refillMs: 10_000 }, () => now);
    let taken = 0;
    for (; now <= 60_000; now += 500) if (bucket.take()) taken += 1;
    expect(taken).toBe(7);
  });

  it('refuses a bucket that could never give a token', () => {
    expect(() => createTokenBucket({ capacity: 0, refillMs: 1 }, Date.now)).toThrow(RangeError);
    expect(() => createTokenBucket({ capacity: 1, refillMs: 0 }, Date.now)).toThrow(RangeError);
  });
});
