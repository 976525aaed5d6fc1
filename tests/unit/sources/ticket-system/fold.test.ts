import { describe, expect, it } from 'vitest';
import type { Order } from '@/lib/orders/model';
import type { TicketQueryOutcome } from '@/lib/sources/ticket-system/client';
import { foldRound, withoutOrder } from '@/lib/sources/ticket-system/fold';
import type { RoundResult } from '@/lib/sources/ticket-system/round';
import { ticketStatus } from '@/lib/sources/ticket-system/statuses';
import { newWatchedOrder, type WatchedOrder } from '@/lib/sources/ticket-system/watched';
import { LOCAL_CLOCK } from '@/lib/time/clock';
import { EMPTY_SNAPSHOT, type Snapshot } from '@/lib/snapshots/snapshot';

const T0 = Date.UTC(2026, 11, 2, 4, 0, 0);
const NOW = T0 + 60_000;
const MINUTE = 60_000;

function order(id: string, deadline = T0 + 30 * MINUTE, accountId = 'acc-1'): Order {
  return {
    source: 'ticket-system',
    accountId,
    id,
    state: 'unpaid',
    title: '黄山风景区门票',
    route: null,
    departure: null,
    passengers: [],
    amountYuan: 190,
    deadline,
    statusText: null,
    payUrl: 'https://tickets.venue-a.test/',
    queue: null,
  };
}

const awaiting = (id: string, deadline?: number): TicketQueryOutcome => ({
  kind: 'order',
  status: ticketStatus('0'),
  order: order(id, deadline),
});
const settled = (code: string): TicketQueryOutcome => ({ kind: 'order', status: ticketStatus(code), order: null });

function roundOf(readings: Record<string, TicketQueryOutcome>, change: Partial<RoundResult> = {}): RoundResult {
  return {
    readings: new Map(Object.entries(readings)),
    clock: LOCAL_CLOCK,
    badCredentials: null,
    requests: 1,
    ...change,
  };
}

const watching = (...ids: string[]): WatchedOrder[] => ids.map((id) => newWatchedOrder('acc-1', id, T0));
const okWith = (...orders: Order[]): Snapshot => ({
  ...EMPTY_SNAPSHOT,
  status: 'ok',
  checkedAt: T0,
  goodAt: T0,
  orders,
});

describe('foldRound', () => {
  it('adds an order awaiting payment and reports it found', () => {
    const folded = foldRound(EMPTY_SNAPSHOT, watching('A'), 'acc-1', roundOf({ A: awaiting('A') }), NOW);
    expect(folded.snapshot).toMatchObject({ status: 'ok', checkedAt: NOW, goodAt: NOW, failures: 0 });
    expect(folded.snapshot.orders.map((o) => o.id)).toEqual(['A']);
    expect(folded.events).toEqual([{ kind: 'found', order: order('A') }]);
    expect(folded.watched[0]).toMatchObject({
      status: { code: '0', zh: '预定中' },
      title: '黄山风景区门票',
      checkedAt: NOW,
      finalAt: null,
    });
  });

  it('does not report an order found twice', () => {
    const folded = foldRound(okWith(order('A')), watching('A'), 'acc-1', roundOf({ A: awaiting('A') }), NOW);
    expect(folded.events).toEqual([]);
  });

  it('reports a paid order once with the venue status, records the final status and stops polling it', () => {
    const folded = foldRound(okWith(order('A')), watching('A'), 'acc-1', roundOf({ A: settled('3') }), NOW);
    expect(folded.snapshot.orders).toEqual([]);
    expect(folded.events).toEqual([{ kind: 'gone', order: order('A'), status: { zh: '已交割', en: 'Completed' } }]);
    expect(folded.watched[0]).toMatchObject({ status: { code: '3', final: true }, finalAt: NOW });
    // The entry keeps the title it had: it stays visible until dismissed.
    expect(folded.watched[0]!.title).toBeNull();
  });

  it('keeps polling an order in a state that can still change (third-party payment awaiting approval)', () => {
    const folded = foldRound(okWith(order('A')), watching('A'), 'acc-1', roundOf({ A: settled('5') }), NOW);
    expect(folded.events[0]).toMatchObject({ kind: 'gone', status: { zh: '第三方付款已支付待核准' } });
    expect(folded.watched[0]).toMatchObject({ finalAt: null, status: { final: false } });
  });

  it.each<[string, TicketQueryOutcome]>([
    ['unknown to the venue', { kind: 'notFound', detail: 'null reply' }],
    ['refused by the venue', { kind: 'venueError', status: 500, message: '系统错误' }],
    ['unreadable', { kind: 'unexpected', detail: 'not JSON: <html>' }],
  ])('keeps an order whose reply was %s, noting the problem on its line', (_what, outcome) => {
    const folded = foldRound(
      okWith(order('A'), order('B')),
      watching('A', 'B'),
      'acc-1',
      roundOf({ A: outcome, B: awaiting('B') }),
      NOW,
    );
    expect(folded.snapshot.orders.map((o) => o.id)).toEqual(['A', 'B']);
    expect(folded.events).toEqual([]);
    expect(folded.watched[0]!.problem).not.toBeNull();
    expect(folded.watched[1]!.problem).toBeNull();
  });

  it.each<[TicketQueryOutcome, string]>([
    [{ kind: 'timeout' }, 'timeout'],
    [{ kind: 'offline', detail: 'Failed to fetch' }, 'offline'],
    [{ kind: 'httpError', status: 503, detail: 'HTTP 503' }, 'busy'],
    [{ kind: 'noRoute', detail: 'No HTTP resource was found' }, 'rejected'],
    [{ kind: 'clockSkew', detail: 'server ts 1' }, 'rejected'],
  ])('a round the venue never answered (%j) changes no order and backs off', (outcome, status) => {
    const previous = okWith(order('A'));
    const folded = foldRound(previous, watching('A'), 'acc-1', roundOf({ A: outcome }), NOW);
    expect(folded.snapshot).toMatchObject({ status, failures: 1, goodAt: T0, checkedAt: NOW });
    expect(folded.snapshot.orders).toEqual(previous.orders);
    expect(folded.events).toEqual([]);
  });

  it('marks a refused key, keeps the orders, and says so once while orders are unpaid', () => {
    const previous = okWith(order('A'));
    const round = roundOf({ A: { kind: 'badCredentials', detail: 'Bad mac' } }, { badCredentials: 'Bad mac' });
    const folded = foldRound(previous, watching('A'), 'acc-1', round, NOW);
    expect(folded.snapshot).toMatchObject({ status: 'authFailed', detail: 'Bad mac', orders: previous.orders });
    expect(folded.events).toEqual([{ kind: 'loginExpired', orders: previous.orders }]);
    expect(foldRound(folded.snapshot, watching('A'), 'acc-1', round, NOW + MINUTE).events).toEqual([]);
  });

  it('leaves other accounts’ entries alone and drops orders no longer watched', () => {
    const other = newWatchedOrder('acc-2', 'A', T0);
    const previous = okWith(order('A'), order('gone-from-list'));
    const folded = foldRound(previous, [...watching('A'), other], 'acc-1', roundOf({ A: awaiting('A') }), NOW);
    expect(folded.watched[1]).toBe(other);
    expect(folded.snapshot.orders.map((o) => o.id)).toEqual(['A']);
  });

  it('follows a deadline the venue moved', () => {
    const later = T0 + 45 * MINUTE;
    const folded = foldRound(okWith(order('A')), watching('A'), 'acc-1', roundOf({ A: awaiting('A', later) }), NOW);
    expect(folded.snapshot.orders[0]!.deadline).toBe(later);
    expect(folded.events).toEqual([]);
  });

  it('keeps orders in the watched list’s order', () => {
    const folded = foldRound(
      EMPTY_SNAPSHOT,
      watching('B', 'A'),
      'acc-1',
      roundOf({ A: awaiting('A'), B: awaiting('B') }),
      NOW,
    );
    expect(folded.snapshot.orders.map((o) => o.id)).toEqual(['B', 'A']);
  });
});

describe('foldRound with nothing asked', () => {
  it('changes nothing: no status, no failure count, no events', () => {
    const previous = okWith(order('A'));
    const folded = foldRound(previous, watching('A'), 'acc-1', roundOf({}), NOW);
    expect(folded.snapshot).toEqual(previous);
    expect(folded.events).toEqual([]);
  });
});

describe('withoutOrder', () => {
  it('removes only that account’s order', () => {
    const snapshot = okWith(order('A'), order('A', undefined, 'acc-2'));
    expect(withoutOrder(snapshot, 'acc-1', 'A').orders).toEqual([order('A', undefined, 'acc-2')]);
  });
});
