import type { Timers } from '@/entrypoints/background/service';

/**
 * Timers on a test's own clock: `set` records, and `runDue` runs (earliest first) those whose time
 * has come by `now()`. What a timer starts runs on; a test waits for its effect.
 */
export function manualTimers(now: () => number) {
  const pending = new Map<number, { run: () => void; at: number }>();
  let nextId = 1;
  const timers: Timers = {
    set(run, ms) {
      const id = nextId++;
      pending.set(id, { run, at: now() + ms });
      return id;
    },
    clear(handle) {
      pending.delete(handle as number);
    },
  };
  return {
    timers,
    /** Local instants of the timers still pending, earliest first. */
    pendingAt: () => [...pending.values()].map((timer) => timer.at).sort((a, b) => a - b),
    runDue() {
      for (;;) {
        const due = [...pending.entries()]
          .filter(([, timer]) => timer.at <= now())
          .sort(([, a], [, b]) => a.at - b.at)[0];
        if (!due) return;
        pending.delete(due[0]);
        due[1].run();
      }
    },
  };
}
