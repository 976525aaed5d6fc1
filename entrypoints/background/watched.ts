import { orderKey, type Order } from '@/lib/orders/model';
import { nextPollAt } from '@/lib/schedule/next-poll';
import type { Snapshot } from '@/lib/snapshots/snapshot';
import type { WatchedSource } from '@/lib/sources/source';

/** A source with its snapshot as stored when read. */
export interface Watched {
  source: WatchedSource;
  snapshot: Snapshot;
}

export type SourceList = readonly WatchedSource[] | (() => Promise<readonly WatchedSource[]>);

/** Reads the sources afresh every time: ticket-system accounts come and go between two reads. */
export function createSourceReader(deps: { sources: SourceList }) {
  const listSources = async () => (typeof deps.sources === 'function' ? await deps.sources() : deps.sources);
  const readAll = async (): Promise<Watched[]> =>
    Promise.all((await listSources()).map(async (source) => ({ source, snapshot: await source.item.get() })));
  return { listSources, readAll };
}

export type ReadAll = ReturnType<typeof createSourceReader>['readAll'];

export const dueAt = ({ source, snapshot }: Watched, now: number) =>
  source.nextPollAt ? source.nextPollAt(snapshot, now) : nextPollAt(snapshot, now);

/** The order an alert or request names, with the snapshot (and so the clock) it belongs to. */
export const findOrder = (watched: readonly Watched[], key: string): { order: Order; snapshot: Snapshot } | null => {
  for (const { snapshot } of watched) {
    const order = snapshot.orders.find((candidate) => orderKey(candidate) === key);
    if (order) return { order, snapshot };
  }
  return null;
};
