import { describe, expect, it } from 'vitest';
import type { Order } from '@/lib/orders/model';
import type { Outcome } from '@/lib/sources/outcome';
import { applyOutcome, type WatchEvent } from '@/lib/snapshots/apply-outcome';
import { isStale, type Snapshot } from '@/lib/snapshots/snapshot';
import { DEADLINE, makeOrder, makeQueuingOrder, makeSnapshot } from '../helpers/orders';

const EARLIER = Date.UTC(2026, 2, 24, 6, 30, 0);
const NOW = Date.UTC(2026, 2, 24, 6, 31, 0);
const LATER = Date.UTC(2026, 2, 24, 6, 32, 0);

const first = makeOrder({ id: 'E111', title: 'G101' });
const second = makeOrder({ id: 'E222', title: 'D5', deadline: DEADLINE + 10 * 60_000 });
const queued = makeQueuingOrder({ id: 'Q333' });

const goodSnapshot = (orders: Order[] = [first, second]): Snapshot =>
  makeSnapshot({
    status: 'ok',
    checkedAt: EARLIER,
    goodAt: EARLIER,
    orders,
    clock: { offsetMs: 1234, samples: [{ lo: 1000, hi: 1500, at: EARLIER }] },
  });

const failures: [string, Outcome, string | null][] = [
  ['loggedOut', { kind: 'loggedOut', detail: 'redirected to login' }, null],
  ['busy', { kind: 'busy', detail: '网络繁忙' }, '网络繁忙'],
  ['rejected', { kind: 'rejected', detail: 'HTTP 403' }, 'HTTP 403'],
  ['timeout', { kind: 'timeout' }, null],
  ['offline', { kind: 'offline', detail: 'Failed to fetch' }, 'Failed to fetch'],
  ['unexpected', { kind: 'unexpected', detail: 'not JSON: <x>' }, 'not JSON: <x>'],
];

const kinds = (events: WatchEvent[]) => events.map((event) => event.kind);

describe('applyOutcome: orders change only on a good reply', () => {
  it.each(failures)('%s keeps the orders, the clock and goodAt, and reports nothing gone', (kind, outcome, detail) => {
    const previous = goodSnapshot();
    const frozen = structuredClone(previous);
    const { snapshot, events } = applyOutcome(previous, outcome, NOW);

    expect(snapshot.orders).toEqual([first, second]);
    expect(snapshot.goodAt).toBe(EARLIER);
    expect(snapshot.clock).toEqual(previous.clock);
    expect(snapshot.status).toBe(kind);
    expect(snapshot.detail).toBe(detail);
    expect(snapshot.checkedAt).toBe(NOW);
    expect(events.some((event) => event.kind === 'gone' || event.kind === 'found')).toBe(false);
    expect(isStale(snapshot)).toBe(true);
    // The previous snapshot is not mutated.
    expect(previous).toEqual(frozen);
  });

  it.each(failures.filter(([kind]) => kind !== 'loggedOut'))(
    '%s counts as one more consecutive failure',
    (_k, outcome) => {
      let snapshot = goodSnapshot();
      expect(snapshot.failures).toBe(0);
      snapshot = applyOutcome(snapshot, outcome, NOW).snapshot;
      expect(snapshot.failures).toBe(1);
      snapshot = applyOutcome(snapshot, outcome, LATER).snapshot;
      expect(snapshot.failures).toBe(2);
      expect(snapshot.orders).toEqual([first, second]);
    },
  );

  it('mixes failure kinds in the same count and resets it on a good reply', () => {
    let snapshot = goodSnapshot();
    snapshot = applyOutcome(snapshot, { kind: 'busy', detail: '系统忙' }, NOW).snapshot;
    snapshot = applyOutcome(snapshot, { kind: 'timeout' }, NOW + 1).snapshot;
    snapshot = applyOutcome(snapshot, { kind: 'offline', detail: 'down' }, NOW + 2).snapshot;
    expect(snapshot.failures).toBe(3);
    expect(snapshot.detail).toBe('down');

    const good = applyOutcome(snapshot, { kind: 'unpaid', orders: [first, second] }, LATER).snapshot;
    expect(good.failures).toBe(0);
    expect(good.status).toBe('ok');
    expect(good.detail).toBeNull();
    expect(good.goodAt).toBe(LATER);
    expect(good.checkedAt).toBe(LATER);
    expect(isStale(good)).toBe(false);
  });

  it('resets the failure count on loggedOut (nothing to back off from)', () => {
    let snapshot = goodSnapshot();
    snapshot = applyOutcome(snapshot, { kind: 'busy', detail: '系统忙' }, NOW).snapshot;
    snapshot = applyOutcome(snapshot, { kind: 'busy', detail: '系统忙' }, NOW + 1).snapshot;
    expect(snapshot.failures).toBe(2);
    const loggedOut = applyOutcome(snapshot, { kind: 'loggedOut', detail: 'x' }, LATER).snapshot;
    expect(loggedOut.failures).toBe(0);
    expect(loggedOut.status).toBe('loggedOut');
    expect(loggedOut.orders).toEqual([first, second]);
  });

  it('keeps the orders through a long run of failures', () => {
    let snapshot = goodSnapshot();
    for (const [, outcome] of [...failures, ...failures]) {
      snapshot = applyOutcome(snapshot, outcome, NOW).snapshot;
      expect(snapshot.orders).toEqual([first, second]);
    }
  });
});

describe('applyOutcome: good replies', () => {
  it('reports an order missing from a good reply as gone', () => {
    const { snapshot, events } = applyOutcome(goodSnapshot(), { kind: 'unpaid', orders: [second] }, NOW);
    expect(events).toEqual([{ kind: 'gone', order: first }]);
    expect(snapshot.orders).toEqual([second]);
  });

  it('reports every order gone on a good "none" reply', () => {
    const { snapshot, events } = applyOutcome(goodSnapshot(), { kind: 'none', orders: [] }, NOW);
    expect(events).toEqual([
      { kind: 'gone', order: first },
      { kind: 'gone', order: second },
    ]);
    expect(snapshot.orders).toEqual([]);
    expect(snapshot.status).toBe('ok');
  });

  it('reports a new order as found and one present in both as nothing', () => {
    const third = makeOrder({ id: 'E333', title: 'G3' });
    const { events } = applyOutcome(goodSnapshot(), { kind: 'unpaid', orders: [first, second, third] }, NOW);
    expect(events).toEqual([{ kind: 'found', order: third }]);
  });

  it('reports nothing when the same orders come back', () => {
    const { events } = applyOutcome(goodSnapshot(), { kind: 'unpaid', orders: [second, first] }, NOW);
    expect(events).toEqual([]);
  });

  it('stores the fresh copy of an order present in both replies', () => {
    const moved = makeOrder({ id: 'E111', deadline: DEADLINE + 30 * 60_000, statusText: '改签待支付' });
    const { snapshot, events } = applyOutcome(goodSnapshot(), { kind: 'unpaid', orders: [moved, second] }, NOW);
    expect(events).toEqual([]);
    expect(snapshot.orders).toEqual([moved, second]);
  });

  it('tells orders apart by their id', () => {
    const sameIdOtherOrder = makeOrder({ id: 'E1112' });
    const { events } = applyOutcome(goodSnapshot([first]), { kind: 'unpaid', orders: [sameIdOtherOrder] }, NOW);
    expect(events).toEqual([
      { kind: 'found', order: sameIdOtherOrder },
      { kind: 'gone', order: first },
    ]);
  });

  it('finds every order on the first good reply after an unknown start', () => {
    const { snapshot, events } = applyOutcome(makeSnapshot(), { kind: 'unpaid', orders: [first, second] }, NOW);
    expect(kinds(events)).toEqual(['found', 'found']);
    expect(snapshot.status).toBe('ok');
    expect(snapshot.goodAt).toBe(NOW);
  });

  it('keeps the learnt clock across good replies', () => {
    const previous = goodSnapshot();
    const { snapshot } = applyOutcome(previous, { kind: 'unpaid', orders: [first] }, NOW);
    expect(snapshot.clock).toEqual(previous.clock);
  });

  it('never reports queuing orders as found or gone', () => {
    const started = applyOutcome(makeSnapshot(), { kind: 'queuing', orders: [queued] }, NOW);
    expect(started.events).toEqual([]);
    expect(started.snapshot.orders).toEqual([queued]);

    const finished = applyOutcome(started.snapshot, { kind: 'none', orders: [] }, LATER);
    expect(finished.events).toEqual([]);
    expect(finished.snapshot.orders).toEqual([]);
  });

  it('reports the order created from a queue as found and the queue entry as nothing', () => {
    const previous = goodSnapshot([queued]);
    const created = makeOrder({ id: 'E444' });
    const { events } = applyOutcome(previous, { kind: 'unpaid', orders: [created] }, NOW);
    expect(events).toEqual([{ kind: 'found', order: created }]);
  });
});

describe('applyOutcome: login expiry', () => {
  const loggedOut: Outcome = { kind: 'loggedOut', detail: '用户未登录' };

  it('is reported once, with the unpaid orders, when going from ok to logged out', () => {
    const previous = goodSnapshot([first, queued, second]);
    const once = applyOutcome(previous, loggedOut, NOW);
    expect(once.events).toEqual([{ kind: 'loginExpired', orders: [first, second] }]);
    expect(once.snapshot.status).toBe('loggedOut');
    expect(once.snapshot.detail).toBeNull();

    const twice = applyOutcome(once.snapshot, loggedOut, LATER);
    expect(twice.events).toEqual([]);
    expect(twice.snapshot.orders).toEqual([first, queued, second]);
  });

  it('is not reported when there were no unpaid orders', () => {
    expect(applyOutcome(goodSnapshot([]), loggedOut, NOW).events).toEqual([]);
    expect(applyOutcome(goodSnapshot([queued]), loggedOut, NOW).events).toEqual([]);
    expect(applyOutcome(makeSnapshot(), loggedOut, NOW).events).toEqual([]);
  });

  it('is reported again after logging back in and out', () => {
    const out = applyOutcome(goodSnapshot([first]), loggedOut, NOW).snapshot;
    const back = applyOutcome(out, { kind: 'unpaid', orders: [first] }, NOW + 1);
    expect(back.events).toEqual([]);
    const outAgain = applyOutcome(back.snapshot, loggedOut, LATER);
    expect(kinds(outAgain.events)).toEqual(['loginExpired']);
  });
});
