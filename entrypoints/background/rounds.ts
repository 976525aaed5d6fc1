import { browser } from 'wxt/browser';
import type { SerialQueue } from '@/lib/util/serial';
import type { WatchEvent } from '@/lib/snapshots/apply-outcome';
import { keyOf, type CheckScope, type WatchedSource } from '@/lib/sources/source';
import { RETRY_ALARM } from './alarm-names';
import { clearAlarm, setAlarm } from './alarms';
import { inScope, type CheckOne } from './checks';
import type { Settle } from './settle';
import type { Timers } from './timers';
import type { ReadAll } from './watched';

/**
 * While a check runs, an alarm is due this long after it started: a background stopped mid-check
 * (Chrome stops a service worker after 30 s without events or extension calls, and a reply is
 * neither) is started again to retry, instead of waiting for whatever alarm comes next.
 */
export const CHECK_RETRY_MS = 45_000;

/** Chrome's idle limit is 30 s: an extension call this often keeps a long round's worker alive. */
export const KEEP_ALIVE_MS = 20_000;

const ALL: CheckScope = { kind: 'all' };

export interface RoundDeps {
  serial: SerialQueue;
  readAll: ReadAll;
  now: () => number;
  timers: Timers;
  checkOne: CheckOne;
  /** Brings alerts, alarms and badge in line with what the round stored. */
  settle: Settle;
}

/** Returns `check`, which runs a round of checks or queues one. */
export function createRounds(deps: RoundDeps) {
  const { serial, readAll, timers, checkOne, settle } = deps;
  let inFlight: Promise<void> | null = null;
  /** The round asked for while one runs: every scope asked for meanwhile, and who waits for it. */
  let queued: { scopes: CheckScope[]; done: Promise<void>; resolve: () => void } | null = null;

  /**
   * One round of queries: the sources in `scope`. 12306's sources go one after the other (one
   * request at a time to 12306); each ticket-system account runs alongside. Never more than one
   * round in flight. A check asked for during a round gets a round of its own after it, whatever
   * its scope: the round under way may have asked before what set this check off (12306 answered
   * "logged out" a moment before the login; a poll alarm that settling the round planned fires
   * while it finishes), so joining it would lose that check. Checks asked for while one waits
   * share that next round. Each source folds its reply into its own snapshot, so one source
   * failing cannot touch another.
   */
  function check(scope: CheckScope = ALL): Promise<void> {
    if (!inFlight) return startRound([scope]);
    if (!queued) {
      let resolve!: () => void;
      const done = new Promise<void>((settled) => (resolve = settled));
      queued = { scopes: [], done, resolve };
    }
    queued.scopes.push(scope);
    return queued.done;
  }

  function startRound(scopes: readonly CheckScope[]): Promise<void> {
    const round = runRound(scopes).finally(() => {
      // The next round starts here, before anything else can see no round in flight and start one
      // alongside it.
      inFlight = null;
      const next = queued;
      queued = null;
      if (next) void startRound(next.scopes).then(next.resolve);
    });
    inFlight = round;
    return round;
  }

  async function runRound(scopes: readonly CheckScope[]): Promise<void> {
    const keepAlive = startKeepAlive();
    try {
      const now = deps.now();
      // An alarm of its own: re-creating the poll alarm while it fires may race the browser
      // removing the one that fired (Firefox lost it so).
      await setAlarm(RETRY_ALARM, now + CHECK_RETRY_MS, []);
      const due = (await readAll())
        .filter((entry) => scopes.some((scope) => inScope(scope, entry, now)))
        .map((entry) => entry.source);
      const full = scopes.some((scope) => scope.kind === 'all');
      const events = new Map<string, WatchEvent[]>();
      const record = async (source: WatchedSource) => {
        const found = await checkOne(source, full);
        if (found) events.set(keyOf(source), found);
      };
      const sequential = (async () => {
        for (const source of due.filter((candidate) => !candidate.parallel)) await record(source);
      })();
      await Promise.all([sequential, ...due.filter((candidate) => candidate.parallel).map(record)]);
      await serial(async () => settle(await readAll(), events));
      // Settled: the poll alarm is planned. A check that failed keeps the retry.
      await clearAlarm(RETRY_ALARM);
    } catch (error) {
      console.error('PayClock: check failed', error);
    } finally {
      keepAlive();
    }
  }

  /**
   * A round of hundreds of venue orders can take longer than Chrome lets an idle service worker
   * live, and waiting for replies does not count as activity: a trivial extension call does.
   * Returns the function that stops it.
   */
  function startKeepAlive(): () => void {
    let handle: unknown;
    const beat = () => {
      handle = timers.set(() => {
        void browser.runtime.getPlatformInfo().catch(() => undefined);
        beat();
      }, KEEP_ALIVE_MS);
    };
    beat();
    return () => timers.clear(handle);
  }

  return check;
}
