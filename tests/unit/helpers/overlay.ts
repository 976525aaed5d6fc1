import type { OverlayOrder, OverlaySummary } from '@/lib/messaging/overlay';

/** 12306's unpaid-orders page: where the overlay's default order is paid. */
export const ORDERS_PAGE = 'https://kyfw.12306.cn/otn/view/train_order.html';

/** 2026-03-24 14:40 Beijing time (06:40 UTC): the default order's deadline. */
export const OVERLAY_DEADLINE = Date.UTC(2026, 2, 24, 6, 40);

/** What the overlay is told of an unpaid G101 北京南 → 上海虹桥, with anything overridden. */
export function makeOverlayOrder(overrides: Partial<OverlayOrder> = {}): OverlayOrder {
  return {
    key: '12306:E1',
    source: '12306',
    title: 'G101',
    route: '北京南 → 上海虹桥',
    deadline: OVERLAY_DEADLINE,
    payUrl: ORDERS_PAGE,
    state: 'unpaid',
    ...overrides,
  };
}

/** The overlay shown collapsed with these orders and no venue orders. */
export function makeOverlaySummary(orders: OverlayOrder[], overrides: Partial<OverlaySummary> = {}): OverlaySummary {
  return {
    enabled: true,
    collapsed: true,
    offsetMs: 0,
    orders,
    others: { count: 0, deadline: null },
    reminderMinutes: [10, 5, 1],
    ...overrides,
  };
}
