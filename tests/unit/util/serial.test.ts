import { describe, expect, it } from 'vitest';
import { createSerialQueue } from '@/lib/util/serial';

/** A promise plus the means to settle it from outside, to control when each task finishes. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const flush = async () => {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
};

describe('createSerialQueue', () => {
  it('runs tasks one at a time, in order, even when they await', async () => {
    const run = createSerialQueue();
    const log: string[] = [];
    const gates = [deferred(), deferred(), deferred()];
    let running = 0;
    let most = 0;

    const results = gates.map((gate, i) =>
      run(async () => {
        running += 1;
        most = Math.max(most, running);
        log.push(`start ${i}`);
        await gate.promise;
        log.push(`end ${i}`);
        running -= 1;
        return i * 10;
      }),
    );

    await flush();
    expect(log).toEqual(['start 0']);
    // Finishing a later task's wait first does not let it start early.
    gates[2]!.resolve();
    gates[1]!.resolve();
    await flush();
    expect(log).toEqual(['start 0']);
    gates[0]!.resolve();

    expect(await Promise.all(results)).toEqual([0, 10, 20]);
    expect(log).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
    expect(most).toBe(1);
  });

  it('lets read-modify-write tasks not overwrite each other', async () => {
    const run = createSerialQueue();
    let stored = 0;
    const increment = () =>
      run(async () => {
        const value = stored;
        await new Promise((resolve) => setTimeout(resolve, 1));
        stored = value + 1;
      });
    await Promise.all([increment(), increment(), increment(), increment(), increment()]);
    expect(stored).toBe(5);
  });

  it('goes on with the next task after one fails, and reports the failure to its caller', async () => {
    const run = createSerialQueue();
    const log: string[] = [];
    const failing = run(async () => {
      log.push('failing');
      throw new Error('boom');
    });
    const throwingSync = run(() => {
      log.push('sync');
      throw new Error('sync boom');
    });
    const next = run(async () => {
      log.push('next');
      return 'ok';
    });

    await expect(failing).rejects.toThrow('boom');
    await expect(throwingSync).rejects.toThrow('sync boom');
    await expect(next).resolves.toBe('ok');
    expect(log).toEqual(['failing', 'sync', 'next']);
  });

  it('keeps separate queues independent', async () => {
    const first = createSerialQueue();
    const second = createSerialQueue();
    const gate = deferred();
    const log: string[] = [];
    const blocked = first(async () => {
      await gate.promise;
      log.push('first');
    });
    await second(async () => {
      log.push('second');
    });
    expect(log).toEqual(['second']);
    gate.resolve();
    await blocked;
    expect(log).toEqual(['second', 'first']);
  });
});
