import { orderKey, type Order } from '../../orders/model';
import type { WatchEvent } from '../../snapshots/apply-outcome';
import type { Snapshot, SourceStatus } from '../../snapshots/snapshot';
import type { TicketQueryOutcome } from './client';
import type { RoundResult } from './round';
import type { TicketStatus } from './statuses';
import type { OrderProblem, TicketStatusInfo, WatchedOrder } from './watched';

// Folds one account's round into what is stored: the account's snapshot (its health, its clock,
// its orders awaiting payment) and its watched orders' entries. The rule that keeps users' money
// safe holds here as for 12306: an order leaves the list only because the venue said, in a reply we
// understood, that it no longer awaits payment. A failed request, an unknown order or an unreadable
// reply changes the order's problem line and nothing else.

export interface Folded {
  snapshot: Snapshot;
  watched: WatchedOrder[];
  events: WatchEvent[];
}

const statusInfo = (status: TicketStatus): TicketStatusInfo => ({
  code: status.code,
  zh: status.zh,
  en: status.en,
  awaitingPayment: status.awaitingPayment,
  final: status.final,
});

/** The venue answered this query (whatever it said about the order): the account itself is fine. */
const venueAnswered = (outcome: TicketQueryOutcome) =>
  outcome.kind === 'order' || outcome.kind === 'notFound' || outcome.kind === 'venueError';

/** The account's status when no query got an answer from the venue. */
function failureStatus(outcome: TicketQueryOutcome): { status: SourceStatus; detail: string | null } {
  switch (outcome.kind) {
    case 'timeout':
      return { status: 'timeout', detail: null };
    case 'offline':
      return { status: 'offline', detail: outcome.detail };
    case 'httpError':
      return {
        status: outcome.status >= 500 || outcome.status === 429 ? 'busy' : 'unexpected',
        detail: outcome.detail,
      };
    case 'clockSkew':
    case 'noRoute':
    case 'unsafePath':
      return { status: 'rejected', detail: outcome.detail };
    case 'unexpected':
      return { status: 'unexpected', detail: outcome.detail };
    default:
      return { status: 'unexpected', detail: null };
  }
}

function problemOf(outcome: TicketQueryOutcome): OrderProblem | null {
  switch (outcome.kind) {
    case 'order':
    case 'badCredentials':
      return null;
    case 'notFound':
      return { kind: 'notFound', detail: outcome.detail };
    case 'venueError':
      return { kind: 'venueError', detail: outcome.message };
    case 'clockSkew':
    case 'noRoute':
    case 'unsafePath':
      return { kind: 'venueError', detail: outcome.detail };
    case 'httpError':
      return { kind: 'httpError', detail: outcome.detail };
    case 'timeout':
      return { kind: 'timeout', detail: '' };
    case 'offline':
      return { kind: 'offline', detail: outcome.detail };
    case 'unexpected':
      return { kind: 'unexpected', detail: outcome.detail };
  }
}

const unpaid = (orders: readonly Order[]) => orders.filter((order) => order.state === 'unpaid');

export function foldRound(
  previous: Snapshot,
  watched: readonly WatchedOrder[],
  accountId: string,
  round: RoundResult,
  now: number,
): Folded {
  const mine = new Set(watched.filter((entry) => entry.accountId === accountId).map((entry) => entry.orderId));
  // Orders whose watch was removed meanwhile are not this snapshot's any more.
  const before = previous.orders.filter((order) => mine.has(order.id));
  const clock = round.clock;

  if (round.badCredentials !== null) {
    const stillUnpaid = unpaid(before);
    const events: WatchEvent[] =
      previous.status !== 'authFailed' && stillUnpaid.length > 0 ? [{ kind: 'loginExpired', orders: stillUnpaid }] : [];
    return {
      // Not a failure to back off from: polling stops until the user gives a new key.
      snapshot: {
        ...previous,
        status: 'authFailed',
        detail: round.badCredentials,
        checkedAt: now,
        failures: 0,
        orders: before,
        clock,
      },
      watched: [...watched],
      events,
    };
  }

  const readings = [...round.readings.entries()].filter(([orderId]) => mine.has(orderId));
  // Nothing was due (or everything asked was removed meanwhile): nothing learnt, nothing changes.
  if (readings.length === 0)
    return { snapshot: { ...previous, orders: before, clock }, watched: [...watched], events: [] };
  const nextWatched = watched.map((entry): WatchedOrder => {
    if (entry.accountId !== accountId) return entry;
    const outcome = round.readings.get(entry.orderId);
    if (!outcome) return entry;
    if (outcome.kind !== 'order') return { ...entry, problem: problemOf(outcome), checkedAt: now };
    const status = statusInfo(outcome.status);
    return {
      ...entry,
      status,
      title: outcome.order?.title ?? entry.title,
      problem: null,
      checkedAt: now,
      finalAt: status.final ? (entry.finalAt ?? now) : null,
    };
  });

  const answered = readings.some(([, outcome]) => venueAnswered(outcome));
  if (!answered) {
    const first = readings[0]?.[1];
    const failure = first ? failureStatus(first) : { status: previous.status, detail: previous.detail };
    return {
      snapshot: { ...previous, ...failure, checkedAt: now, failures: previous.failures + 1, orders: before, clock },
      watched: nextWatched,
      events: [],
    };
  }

  const events: WatchEvent[] = [];
  let orders = [...before];
  for (const [orderId, outcome] of readings) {
    if (outcome.kind !== 'order') continue;
    const old = orders.find((order) => order.id === orderId);
    orders = orders.filter((order) => order.id !== orderId);
    if (outcome.order) {
      orders.push(outcome.order);
      if (!old || old.state !== 'unpaid') events.push({ kind: 'found', order: outcome.order });
    } else if (old && old.state === 'unpaid') {
      events.push({ kind: 'gone', order: old, status: { zh: outcome.status.zh, en: outcome.status.en } });
    }
  }
  // Same order as the watched list, so the popup does not reshuffle between polls.
  const rank = new Map(watched.map((entry, index) => [`${entry.accountId}:${entry.orderId}`, index]));
  orders.sort((a, b) => (rank.get(`${accountId}:${a.id}`) ?? 0) - (rank.get(`${accountId}:${b.id}`) ?? 0));

  return {
    snapshot: { ...previous, status: 'ok', detail: null, checkedAt: now, goodAt: now, failures: 0, orders, clock },
    watched: nextWatched,
    events,
  };
}

/** The snapshot without one watched order, after the user stopped watching it: nothing to report. */
export function withoutOrder(snapshot: Snapshot, accountId: string, orderId: string): Snapshot {
  const key = orderKey({ source: 'ticket-system', accountId, id: orderId });
  return { ...snapshot, orders: snapshot.orders.filter((order) => orderKey(order) !== key) };
}
