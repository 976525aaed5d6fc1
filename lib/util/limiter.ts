/**
 * Runs at most `max` tasks at once per key, the others waiting their turn in order. The ticket
 * system is polled with it per venue: an agent watching hundreds of orders must not flood the
 * venue's server, however many accounts share it.
 */
export function createKeyedLimiter(max: number) {
  if (!Number.isInteger(max) || max < 1) throw new RangeError('max must be a positive whole number');
  const lanes = new Map<string, { running: number; waiting: (() => void)[] }>();

  return function run<T>(key: string, task: () => Promise<T>): Promise<T> {
    let lane = lanes.get(key);
    if (!lane) {
      lane = { running: 0, waiting: [] };
      lanes.set(key, lane);
    }
    const own = lane;
    const start = async (): Promise<T> => {
      own.running += 1;
      try {
        return await task();
      } finally {
        own.running -= 1;
        const next = own.waiting.shift();
        if (next) next();
        else if (own.running === 0) lanes.delete(key);
      }
    };
    if (own.running < max) return start();
    return new Promise<T>((resolve, reject) => own.waiting.push(() => void start().then(resolve, reject)));
  };
}

export type KeyedLimiter = ReturnType<typeof createKeyedLimiter>;
