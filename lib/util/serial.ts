/**
 * Runs async tasks one after another. The background reads, changes and writes stored state from
 * several events (alarms, replies, clicks); without this two of them could interleave and one
 * would overwrite the other's work.
 */
export function createSerialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return function run<T>(task: () => Promise<T>): Promise<T> {
    const result = tail.then(task, task);
    tail = result.catch(() => undefined);
    return result;
  };
}

/** A queue's `run`, as the parts of the background that share one queue are given it. */
export type SerialQueue = ReturnType<typeof createSerialQueue>;
