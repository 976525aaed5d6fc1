import { learnClock } from '@/lib/time/clock';
import type { SerialQueue } from '@/lib/util/serial';
import { applyOutcome, type WatchEvent } from '@/lib/snapshots/apply-outcome';
import { keyOf, type CheckScope, type WatchedSource } from '@/lib/sources/source';
import { ALARM_TOLERANCE_MS } from './alarms';
import { dueAt, type Watched } from './watched';

// One check of one source: whether a round asks it, and asking it.

/** Whether a check of this scope asks this source now. */
export function inScope(scope: CheckScope, entry: Watched, now: number): boolean {
  const at = dueAt(entry, now);
  switch (scope.kind) {
    case 'due':
      return at !== null && at <= now + ALARM_TOLERANCE_MS;
    // 12306's sources have no schedule of their own while logged out: asking is how a login shows.
    case 'all':
      return at !== null || !entry.source.nextPollAt;
    // Named sources go now, unless they wait for the user (a refused key is not retried).
    case 'named':
      return scope.keys.has(keyOf(entry.source)) && at !== null;
    case 'login':
      return entry.source.browserSession === true;
  }
}

export type CheckOne = (source: WatchedSource, all: boolean) => Promise<WatchEvent[] | null>;

/** A source is asked outside the serial queue, so a slow server holds up nothing else; its fold runs in it. */
export function createCheckOne(deps: { serial: SerialQueue; now: () => number }): CheckOne {
  const { serial } = deps;
  /** Asks one source and folds its answer into its stored snapshot; returns what changed. */
  return async function checkOne(source, all) {
    try {
      if ('query' in source) {
        const result = await source.query();
        return await serial(async () => {
          const previous = await source.item.get();
          const clock = result.clockSample ? learnClock(previous.clock, result.clockSample) : previous.clock;
          const asked = { ...previous, clock, askedFrom: result.askedFrom };
          const applied = applyOutcome(asked, result.outcome, deps.now());
          await source.item.set(applied.snapshot);
          return applied.events;
        });
      }
      const fold = await source.poll(all);
      return await serial(async () => {
        const folded = await fold(await source.item.get(), deps.now());
        await (folded.store ? folded.store() : source.item.set(folded.snapshot));
        return folded.events;
      });
    } catch (error) {
      console.error(`PayClock: ${keyOf(source)} check failed`, error);
      return null;
    }
  };
}
