import type { Order } from '@/lib/orders/model';
import { EMPTY_SNAPSHOT, type Snapshot } from '@/lib/snapshots/snapshot';

/** 2026-03-24 14:57:09 Beijing time (06:57:09 UTC): the default pay deadline. */
export const DEADLINE = Date.UTC(2026, 2, 24, 6, 57, 9);
/** 2026-03-25 06:36 Beijing time (2026-03-24 22:36 UTC, still 03-24 in Los Angeles): the default departure. */
export const DEPARTURE = Date.UTC(2026, 2, 24, 22, 36, 0);

/** An unpaid 12306 order for G101 北京南 → 上海虹桥, with anything overridden. */
export function makeOrder(overrides: Partial<Order> = {}): Order {
  return {
    source: '12306',
    id: 'E123456789',
    state: 'unpaid',
    title: 'G101',
    route: '北京南 → 上海虹桥',
    departure: DEPARTURE,
    passengers: ['张三', '李四'],
    amountYuan: 553,
    deadline: DEADLINE,
    statusText: '待支付',
    payUrl: 'https://kyfw.12306.cn/otn/view/train_order.html',
    queue: null,
    ...overrides,
  };
}

/** A queuing order (no deadline yet). */
export function makeQueuingOrder(overrides: Partial<Order> = {}): Order {
  return makeOrder({
    id: 'Q-G7',
    state: 'queuing',
    title: 'G7',
    deadline: null,
    statusText: null,
    queue: { waitSeconds: 120, outcome: 'waiting', message: null },
    ...overrides,
  });
}

export function makeSnapshot(overrides: Partial<Snapshot> = {}): Snapshot {
  return { ...EMPTY_SNAPSHOT, ...overrides };
}
