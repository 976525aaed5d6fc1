import type { SourceId } from '../orders/model';
import type { QueryResult } from './12306/client';
import type { ValidatedItem } from '../storage/validated-item';
import type { WatchEvent } from '../snapshots/apply-outcome';
import type { Snapshot } from '../snapshots/snapshot';

// What the background watches, as the sources themselves (entrypoints/background/index.ts and
// ticket-system.ts) build it and the background's checks ask it: here, not in the background, so
// the sources need nothing from the code that asks them.

/** What one check of a source came to, folded into its stored state. */
export interface Folded {
  snapshot: Snapshot;
  events: WatchEvent[];
  /**
   * Stores the snapshot together with what else the fold changed, in one write, instead of the
   * source's `item.set`: a stop between two writes must not leave them disagreeing.
   */
  store?: () => Promise<void>;
}

export interface SourceBase {
  id: SourceId;
  /** Unique among the sources (one source id may have several instances, one per account); default `id`. */
  key?: string;
  item: ValidatedItem<Snapshot>;
  /** When this source is next due, if not by `nextPollAt` of its snapshot alone. */
  nextPollAt?: (snapshot: Snapshot, now: number) => number | null;
  /** Queried alongside the others instead of after them (another server, with limits of its own). */
  parallel?: boolean;
  /**
   * Asks with the user's 12306 browser session: checked, whatever its schedule, when that session's
   * cookies change or a 12306 page loads while logged out.
   */
  browserSession?: boolean;
}

/**
 * One place orders come from, with where its snapshot is stored. A 12306 source answers one query;
 * a ticket-system account runs a round of them, then folds the round into its stored state, given
 * the snapshot as it is when the fold runs (in the background's serial queue).
 */
export type WatchedSource = SourceBase &
  (
    | { query: () => Promise<QueryResult> }
    /** `all`: the user asked for a full refresh, not just what is due. */
    | { poll: (all: boolean) => Promise<(previous: Snapshot, now: number) => Promise<Folded>> }
  );

export const keyOf = (source: SourceBase) => source.key ?? source.id;

/**
 * Which sources a check asks: those `due` by their schedule (an alarm); `all` that may be asked
 * (the user's Refresh, browser start); the `named` ones (an account changed); or the `login`:
 * the sources that use the 12306 browser session, whatever their schedule (a cookie changed).
 */
export type CheckScope =
  { kind: 'due' } | { kind: 'all' } | { kind: 'named'; keys: ReadonlySet<string> } | { kind: 'login' };
