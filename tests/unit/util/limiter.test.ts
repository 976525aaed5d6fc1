import { describe, expect, it } from 'vitest';
import { createKeyedLimiter } from '@/lib/util/limiter';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('createKeyedLimiter', () => {
  it('runs at most max tasks per key at once, all of them in the end, in order', async () => {
    const run = createKeyedLimiter(4);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        run('venue-a', async () => {
          started.push(i);
          running += 1;
          most = Math.max(most, running);
          await tick();
          running -= 1;
          return i * 2;
        }),
      ),
    );
    expect(most).toBe(4);
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
    expect(started).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('keeps keys apart: a busy venue does not hold up another', async () => {
    const run = createKeyedLimiter(1);
    let release!: () => void;
    const slow = run('a', () => new Promise<void>((resolve) => (release = resolve)));
    const other = await run('b', async () => 'done');
    expect(other).toBe('done');
    release();
    await slow;
  });

  it('frees the slot of a task that failed', async () => {
    const run = createKeyedLimiter(1);
    await expect(run('a', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(run('a', async () => 'next')).resolves.toBe('next');
  });

  it('refuses a limit that is not a positive whole number', () => {
    expect(() => createKeyedLimiter(0)).toThrow(RangeError);
    expect(() => createKeyedLimiter(1.5)).toThrow(RangeError);
  });
});
