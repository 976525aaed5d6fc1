import { describe, expect, it } from 'vitest';
import {
  dueWatchedOrders,
  nextPollAt,
  nextTicketPollAt,
  POLL_TIMING,
  ROUND_WINDOW_MS,
  watchedOrderDueAt,
} from '@/lib/schedule/next-poll';
import { newWatchedOrder, type WatchedOrder } from '@/lib/sources/ticket-system/watched';
import type { SourceStatus } from '@/lib/snapshots/snapshot';

import { makeOrder, makeQueuingOrder, makeSnapshot } from '../helpers/orders';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
// The last check finished at 06:40:00.500 UTC; the jitter share is taken from the .500.
const CHECKED = Date.UTC(2026, 2, 24, 6, 40, 0) + 500;
const NOW = CHECKED + 10 * SECOND;

describe('nextPollAt', () => {
  it('never polls while logged out', () => {
    const snapshot = makeSnapshot({ status: 'loggedOut', checkedAt: CHECKED, orders: [makeOrder()] });
    expect(nextPollAt(snapshot, NOW)).toBeNull();
  });

  it('polls now when never checked', () => {
    expect(nextPollAt(makeSnapshot(), NOW)).toBe(NOW);
    expect(nextPollAt(makeSnapshot({ status: 'unknown', checkedAt: CHECKED }), NOW)).toBe(NOW);
  });

  it('waits 5 minutes after a good check with nothing pending', () => {
    const snapshot = makeSnapshot({ status: 'ok', checkedAt: CHECKED, goodAt: CHECKED });
    expect(nextPollAt(snapshot, NOW)).toBe(CHECKED + 5 * MINUTE);
    expect(POLL_TIMING.idleMs).toBe(5 * MINUTE);
  });

  it('waits 1 minute while an order is unpaid and its deadline is further off', () => {
    const order = makeOrder({ deadline: CHECKED + 20 * MINUTE });
    const snapshot = makeSnapshot({ status: 'ok', checkedAt: CHECKED, orders: [order] });
    expect(nextPollAt(snapshot, NOW)).toBe(CHECKED + MINUTE);
  });

  it('waits 1 minute while an order is queuing', () => {
    const snapshot = makeSnapshot({ status: 'ok', checkedAt: CHECKED, orders: [makeQueuingOrder()] });
    expect(nextPollAt(snapshot, NOW)).toBe(CHECKED + MINUTE);
  });

  it('looks again 5 s after a deadline that comes before the next minute', () => {
    const deadline = CHECKED + 20 * SECOND;
    const snapshot = makeSnapshot({ status: 'ok', checkedAt: CHECKED, orders: [makeOrder({ deadline })] });
    expect(nextPollAt(snapshot, NOW)).toBe(deadline + 5 * SECOND);
  });

  it('converts the deadline to local time with the clock offset', () => {
    // The server is 30 s ahead: its deadline 50 s from our check is 20 s away on our clock.
    const deadline = CHECKED + 50 * SECOND;
    const snapshot = makeSnapshot({
      status: 'ok',
      checkedAt: CHECKED,
      orders: [makeOrder({ deadline })],
      clock: { offsetMs: 30 * SECOND, samples: [] },
    });
    expect(nextPollAt(snapshot, NOW)).toBe(CHECKED + 25 * SECOND);

    // 50 s behind: the deadline is 100 s away locally, later than the next minute.
    const behind = { ...snapshot, clock: { offsetMs: -50 * SECOND, samples: [] } };
    expect(nextPollAt(behind, NOW)).toBe(CHECKED + MINUTE);
  });

  it('ignores a deadline already passed at the check and uses the next one', () => {
    const passed = makeOrder({ id: 'A', deadline: CHECKED - 10 * SECOND });
    const coming = makeOrder({ id: 'B', deadline: CHECKED + 30 * SECOND });
    const snapshot = makeSnapshot({ status: 'ok', checkedAt: CHECKED, orders: [coming, passed] });
    expect(nextPollAt(snapshot, NOW)).toBe(CHECKED + 35 * SECOND);

    const onlyPassed = makeSnapshot({ status: 'ok', checkedAt: CHECKED, orders: [passed] });
    expect(nextPollAt(onlyPassed, NOW)).toBe(CHECKED + MINUTE);
  });

  it('returns an instant in the past when the poll is overdue (meaning "now")', () => {
    const snapshot = makeSnapshot({ status: 'ok', checkedAt: CHECKED });
    expect(nextPollAt(snapshot, CHECKED + 60 * MINUTE)).toBe(CHECKED + 5 * MINUTE);
  });

  describe('back-off on failures', () => {
    // checkedAt ends in .500, so the jitter factor is exactly 1.
    const failing = (status: SourceStatus, failures: number, pending: boolean, checkedAt = CHECKED) =>
      makeSnapshot({
        status,
        checkedAt,
        failures,
        orders: pending ? [makeOrder({ deadline: checkedAt + 2 * 60 * MINUTE })] : [],
      });
    const delay = (status: SourceStatus, failures: number, pending: boolean, checkedAt = CHECKED) =>
      nextPollAt(failing(status, failures, pending, checkedAt), NOW)! - checkedAt;

    it('doubles per failure from the pending interval, capped at 15 minutes', () => {
      expect(delay('busy', 1, true)).toBeCloseTo(1 * MINUTE, 6);
      expect(delay('busy', 2, true)).toBeCloseTo(2 * MINUTE, 6);
      expect(delay('busy', 3, true)).toBeCloseTo(4 * MINUTE, 6);
      expect(delay('busy', 4, true)).toBeCloseTo(8 * MINUTE, 6);
      expect(delay('busy', 5, true)).toBe(15 * MINUTE);
      expect(delay('busy', 30, true)).toBe(15 * MINUTE);
    });

    it('doubles per failure from the idle interval, capped at 15 minutes', () => {
      expect(delay('busy', 1, false)).toBeCloseTo(5 * MINUTE, 6);
      expect(delay('busy', 2, false)).toBeCloseTo(10 * MINUTE, 6);
      expect(delay('busy', 3, false)).toBe(15 * MINUTE);
    });

    it.each(['busy', 'rejected', 'timeout', 'offline', 'unexpected'] as const)('applies to %s', (status) => {
      expect(delay(status, 2, true)).toBeCloseTo(2 * MINUTE, 6);
    });

    it('ignores a deadline while backing off (no extra request on a struggling server)', () => {
      const snapshot = makeSnapshot({
        status: 'busy',
        checkedAt: CHECKED,
        failures: 3,
        orders: [makeOrder({ deadline: CHECKED + 10 * SECOND })],
      });
      expect(nextPollAt(snapshot, NOW)! - CHECKED).toBeCloseTo(4 * MINUTE, 6);
    });

    it('stays within ±20 % jitter and never exceeds 15 minutes', () => {
      const base = Date.UTC(2026, 2, 24, 6, 40, 0);
      for (const failures of [1, 2, 3, 4, 5, 8]) {
        const nominal = MINUTE * 2 ** (failures - 1);
        const seen = new Set<number>();
        for (let ms = 0; ms < 1000; ms += 37) {
          const d = delay('busy', failures, true, base + ms);
          seen.add(Math.round(d));
          expect(d).toBeLessThanOrEqual(15 * MINUTE);
          expect(d).toBeGreaterThanOrEqual(Math.min(nominal * 0.8, 15 * MINUTE));
          expect(d).toBeLessThanOrEqual(nominal * 1.2);
        }
        // Below the cap the delay really varies with the check's timing.
        if (nominal * 1.2 < 15 * MINUTE) expect(seen.size).toBeGreaterThan(10);
      }
      expect(delay('busy', 3, true, base)).toBeCloseTo(4 * MINUTE * 0.8, 6);
      expect(delay('busy', 3, true, base + 999)).toBeCloseTo(4 * MINUTE * (0.8 + 0.4 * 0.999), 6);
    });
  });

  it('gives the same answer every time for the same snapshot', () => {
    const snapshots = [
      makeSnapshot({ status: 'busy', checkedAt: CHECKED + 123, failures: 3, orders: [makeOrder()] }),
      makeSnapshot({ status: 'ok', checkedAt: CHECKED, orders: [makeOrder({ deadline: CHECKED + 20 * SECOND })] }),
      makeSnapshot({ status: 'ok', checkedAt: CHECKED }),
    ];
    for (const snapshot of snapshots) {
      const first = nextPollAt(snapshot, NOW);
      // Recomputed later (a background restart), with a copy read back from storage.
      expect(nextPollAt(structuredClone(snapshot), NOW + 7 * SECOND)).toBe(first);
      expect(nextPollAt(snapshot, NOW)).toBe(first);
    }
  });
});

describe('nextTicketPollAt', () => {
  const entry = (change: Partial<WatchedOrder> = {}): WatchedOrder => ({
    ...newWatchedOrder('acc-1', 'A', CHECKED - MINUTE),
    checkedAt: CHECKED,
    ...change,
  });
  const ok = makeSnapshot({ status: 'ok', checkedAt: CHECKED, goodAt: CHECKED });

  it('does not poll an account with nothing left to watch', () => {
    expect(nextTicketPollAt(ok, [], NOW)).toBeNull();
    expect(nextTicketPollAt(ok, [entry({ finalAt: CHECKED })], NOW)).toBeNull();
  });

  it('asks at once about an order just added', () => {
    expect(nextTicketPollAt(ok, [entry(), entry({ orderId: 'B', checkedAt: null })], NOW)).toBe(NOW);
  });

  it.each<SourceStatus>(['authFailed', 'noPermission'])('waits for the user while %s, new orders or not', (status) => {
    const snapshot = makeSnapshot({ status, checkedAt: CHECKED });
    expect(nextTicketPollAt(snapshot, [entry({ checkedAt: null })], NOW)).toBeNull();
  });

  it('asks about an order awaiting payment every minute, and about the others every 5 minutes', () => {
    const pending = makeSnapshot({
      status: 'ok',
      checkedAt: CHECKED,
      goodAt: CHECKED,
      orders: [makeOrder({ source: 'ticket-system', accountId: 'acc-1', id: 'A', deadline: CHECKED + 30 * MINUTE })],
    });
    const payable = entry();
    const other = entry({ orderId: 'B' });
    expect(watchedOrderDueAt(payable, pending, NOW)).toBe(CHECKED + POLL_TIMING.pendingMs);
    expect(watchedOrderDueAt(other, pending, NOW)).toBe(CHECKED + POLL_TIMING.idleMs);
    expect(nextTicketPollAt(pending, [payable, other], NOW)).toBe(CHECKED + POLL_TIMING.pendingMs);
    expect(nextTicketPollAt(ok, [other], NOW)).toBe(CHECKED + POLL_TIMING.idleMs);
  });

  it('asks again 5 s after a deadline that falls before the next minute', () => {
    const deadline = CHECKED + 20 * SECOND;
    const snapshot = makeSnapshot({
      status: 'ok',
      checkedAt: CHECKED,
      orders: [makeOrder({ source: 'ticket-system', accountId: 'acc-1', id: 'A', deadline })],
    });
    expect(watchedOrderDueAt(entry(), snapshot, NOW)).toBe(deadline + POLL_TIMING.afterDeadlineMs);
  });

  it('backs off as a whole while the account is failing, and then asks about every order', () => {
    const failing = makeSnapshot({ status: 'offline', checkedAt: CHECKED, failures: 2 });
    expect(nextTicketPollAt(failing, [entry()], NOW)).toBe(nextPollAt(failing, NOW));
    const entries = [entry(), entry({ orderId: 'B' })];
    expect(dueWatchedOrders(failing, entries, NOW)).toEqual(entries);
  });
});

describe('dueWatchedOrders', () => {
  const at = (orderId: string, checkedAt: number | null, change: Partial<WatchedOrder> = {}): WatchedOrder => ({
    ...newWatchedOrder('acc-1', orderId, CHECKED - 10 * MINUTE),
    checkedAt,
    ...change,
  });
  const ok = makeSnapshot({ status: 'ok', checkedAt: CHECKED, goodAt: CHECKED });
  const entries = [
    at('fresh', null),
    at('due', NOW - POLL_TIMING.idleMs),
    at('nearly', NOW - POLL_TIMING.idleMs + 10 * SECOND),
    at('later', NOW - MINUTE),
    at('final', null, { finalAt: CHECKED }),
  ];

  it('takes those due now or within the round window, never a final one', () => {
    expect(dueWatchedOrders(ok, entries, NOW).map((e) => e.orderId)).toEqual(['fresh', 'due', 'nearly']);
    expect(ROUND_WINDOW_MS).toBeGreaterThan(10 * SECOND);
  });

  it('takes every polled one for a refresh, a first check or one after the user fixed the account', () => {
    const polled = ['fresh', 'due', 'nearly', 'later'];
    expect(dueWatchedOrders(ok, entries, NOW, true).map((e) => e.orderId)).toEqual(polled);
    expect(dueWatchedOrders(makeSnapshot({ status: 'unknown' }), entries, NOW).map((e) => e.orderId)).toEqual(polled);
  });
});
