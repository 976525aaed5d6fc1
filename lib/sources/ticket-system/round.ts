import type { Clock } from '../../time/clock';
import type { TicketQueryOutcome, TicketQueryResult } from './client';

// One poll of one account: every watched order still worth asking about, at most a few at a time per
// venue. The first query goes out alone: a stale clock or a wrong key shows on it, and the others
// are then signed with the corrected clock, or never sent at all.

export interface RoundDeps {
  orderIds: readonly string[];
  clock: Clock;
  /** One signed query on the given clock (lib/sources/ticket-system/client.ts, bound to the account). */
  query: (orderId: string, clock: Clock) => Promise<TicketQueryResult>;
  /** Where concurrency is capped (per venue): runs the task when a slot is free. */
  limit: <T>(task: () => Promise<T>) => Promise<T>;
}

export interface RoundResult {
  /** By order id; orders not asked (the round stopped on a bad key) are absent. */
  readings: Map<string, TicketQueryOutcome>;
  clock: Clock;
  /** The venue refused the key: the account needs the user before anything more is sent. */
  badCredentials: string | null;
  requests: number;
}

export async function pollAccount(deps: RoundDeps): Promise<RoundResult> {
  const readings = new Map<string, TicketQueryOutcome>();
  let clock = deps.clock;
  let badCredentials: string | null = null;
  let requests = 0;

  const ask = (orderId: string) =>
    deps.limit(async () => {
      // Checked when the slot comes free: once the key is known bad, nothing more goes out.
      if (badCredentials !== null) return;
      const result = await deps.query(orderId, clock);
      requests += result.requests;
      // Replies come back out of order; the clock learnt by any of them is as good as the newest.
      if (result.clock.samples.length > 0) clock = result.clock;
      readings.set(orderId, result.outcome);
      if (result.outcome.kind === 'badCredentials') badCredentials = result.outcome.detail;
    });

  const [first, ...rest] = deps.orderIds;
  if (first === undefined) return { readings, clock, badCredentials, requests };
  await ask(first);
  await Promise.all(rest.map(ask));
  return { readings, clock, badCredentials, requests };
}
