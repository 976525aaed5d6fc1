import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '@/lib/settings/defaults';
import { overlaySummarySchema } from '@/lib/messaging/overlay';
import { overlaySummary } from '@/lib/overlay/summary';
import { DEFAULT_OVERLAY_VIEW } from '@/lib/overlay/view';
import { DEADLINE, makeOrder, makeQueuingOrder, makeSnapshot } from '../helpers/orders';

const MINUTE = 60_000;
const clock = (offsetMs: number) => ({ offsetMs, samples: [] });

describe('overlaySummary', () => {
  it('keeps only what the overlay shows of each order, nearest deadline first, queuing last', () => {
    const snapshot = makeSnapshot({
      status: 'ok',
      clock: clock(2_000),
      orders: [
        makeQueuingOrder(),
        makeOrder({ id: 'E2', title: 'D2281', route: '杭州东 → 黄山北', deadline: DEADLINE + 10 * MINUTE }),
        makeOrder({ id: 'E1', deadline: DEADLINE }),
      ],
    });
    const summary = overlaySummary([snapshot], DEFAULT_SETTINGS, DEFAULT_OVERLAY_VIEW);
    expect(summary).toEqual({
      enabled: true,
      collapsed: true,
      offsetMs: 2_000,
      orders: [
        {
          key: '12306:E1',
          source: '12306',
          title: 'G101',
          route: '北京南 → 上海虹桥',
          deadline: DEADLINE,
          payUrl: 'https://kyfw.12306.cn/otn/view/train_order.html',
          state: 'unpaid',
        },
        expect.objectContaining({ key: '12306:E2', title: 'D2281', deadline: DEADLINE + 10 * MINUTE }),
        expect.objectContaining({ key: '12306:Q-G7', state: 'queuing', deadline: null }),
      ],
      others: { count: 0, deadline: null },
      reminderMinutes: [10, 5, 1],
    });
    // Passengers, amounts and the like never leave the background.
    expect(JSON.stringify(summary)).not.toMatch(/张三|553|passengers|amount/);
    expect(overlaySummarySchema.safeParse(summary).success).toBe(true);
  });

  it('counts the venue orders, with their nearest deadline, and tells nothing else of them', () => {
    const venue = (overrides: Parameters<typeof makeOrder>[0]) =>
      makeOrder({
        source: 'ticket-system',
        accountId: 'acct-7f3e9',
        title: '黄山风景区门票',
        route: '黄山风景区 南大门',
        payUrl: 'https://tickets.huangshan.example/pay/V77001',
        ...overrides,
      });
    const venues = makeSnapshot({
      clock: clock(-60_000),
      orders: [
        venue({ id: 'V77001', deadline: DEADLINE - 30 * MINUTE }),
        venue({ id: 'V77002', deadline: DEADLINE + 30 * MINUTE }),
        venue({ id: 'V77003', state: 'queuing', deadline: null, queue: null }),
      ],
    });
    const trains = makeSnapshot({ clock: clock(2_000), orders: [makeOrder({ id: 'E1', deadline: DEADLINE })] });
    const summary = overlaySummary([trains, venues], DEFAULT_SETTINGS, DEFAULT_OVERLAY_VIEW);

    expect(summary.orders.map((order) => order.key)).toEqual(['12306:E1']);
    // On the summary's clock (the venue's, whose deadline is nearest), at the same instant.
    expect(summary.offsetMs).toBe(-60_000);
    expect(summary.others).toEqual({ count: 3, deadline: DEADLINE - 30 * MINUTE });
    expect(JSON.stringify(summary)).not.toMatch(/黄山|acct|V7700|huangshan|ticket-system/);
    expect(overlaySummarySchema.safeParse(summary).success).toBe(true);

    // Only queuing ones, or none: a count with no deadline, or nothing.
    const queuing = makeSnapshot({ orders: [venue({ id: 'V1', state: 'queuing', deadline: null, queue: null })] });
    expect(overlaySummary([queuing], DEFAULT_SETTINGS, DEFAULT_OVERLAY_VIEW).others).toEqual({
      count: 1,
      deadline: null,
    });
    expect(overlaySummary([trains], DEFAULT_SETTINGS, DEFAULT_OVERLAY_VIEW).others).toEqual({
      count: 0,
      deadline: null,
    });
    expect(overlaySummary([venues], { ...DEFAULT_SETTINGS, overlay: false }, DEFAULT_OVERLAY_VIEW).others).toEqual({
      count: 0,
      deadline: null,
    });
  });

  it('sends the user’s reminder minutes, for the overlay to announce them', () => {
    const summary = overlaySummary([], { ...DEFAULT_SETTINGS, reminderMinutes: [15, 3] }, DEFAULT_OVERLAY_VIEW);
    expect(summary.reminderMinutes).toEqual([15, 3]);
  });

  it('sends no orders when the user turned the overlay off', () => {
    const snapshot = makeSnapshot({ orders: [makeOrder()] });
    const summary = overlaySummary([snapshot], { ...DEFAULT_SETTINGS, overlay: false }, { collapsed: false });
    expect(summary).toMatchObject({ enabled: false, collapsed: false, orders: [] });
  });

  it('puts every source on the clock of the nearest deadline, keeping each deadline’s instant', () => {
    // Source A's server is 5 s ahead of this computer, source B's 60 s behind.
    const a = makeSnapshot({ clock: clock(5_000), orders: [makeOrder({ id: 'A', deadline: DEADLINE + 5_000 })] });
    const b = makeSnapshot({
      clock: clock(-60_000),
      orders: [makeOrder({ source: '12306-waitlist', id: 'B', deadline: DEADLINE - 90_000 })],
    });
    const summary = overlaySummary([a, b], DEFAULT_SETTINGS, DEFAULT_OVERLAY_VIEW);
    // B falls at local DEADLINE - 30 s, A at local DEADLINE: B is nearest and sets the clock.
    expect(summary.offsetMs).toBe(-60_000);
    expect(summary.orders.map((order) => [order.key, order.deadline! - summary.offsetMs])).toEqual([
      ['12306-waitlist:B', DEADLINE - 30_000],
      ['12306:A', DEADLINE],
    ]);
  });

  it('makes no link of an address that is not https', () => {
    const snapshot = makeSnapshot({
      orders: [makeOrder({ payUrl: 'javascript:alert(1)' }), makeOrder({ id: 'E2', payUrl: 'http://x.test/' })],
    });
    const summary = overlaySummary([snapshot], DEFAULT_SETTINGS, DEFAULT_OVERLAY_VIEW);
    expect(summary.orders.map((order) => order.payUrl)).toEqual([null, null]);
  });

  it('is empty, on the local clock, with no snapshot or no orders', () => {
    expect(overlaySummary([], DEFAULT_SETTINGS, DEFAULT_OVERLAY_VIEW)).toEqual({
      enabled: true,
      collapsed: true,
      offsetMs: 0,
      orders: [],
      others: { count: 0, deadline: null },
      reminderMinutes: [10, 5, 1],
    });
    expect(overlaySummary([makeSnapshot({ clock: clock(700) })], DEFAULT_SETTINGS, DEFAULT_OVERLAY_VIEW).offsetMs).toBe(
      700,
    );
  });
});
