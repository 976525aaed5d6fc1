import { describe, expect, it } from 'vitest';
import type { Notice } from '@/lib/alerts/notices';
import { DEFAULT_PUSH_KINDS, type PushChannel } from '@/lib/push/channel';
import {
  DUE_USEFUL_MS,
  forwards,
  itemForChannel,
  itemsForNotices,
  knownOrders,
  NEWS_USEFUL_MS,
} from '@/lib/push/items';
import { routeItems } from '@/lib/push/route';
import type { Order } from '@/lib/orders/model';
import { item, MINUTE, T0 } from './helpers';

const deadline = T0 + 20 * MINUTE;
const order: Order = {
  source: '12306',
  id: 'E1',
  state: 'unpaid',
  title: 'G101',
  route: '北京南 → 上海虹桥',
  departure: null,
  passengers: ['杨赟'],
  amountYuan: 553,
  deadline,
  statusText: null,
  payUrl: 'https://kyfw.12306.cn/otn/view/train_order.html',
  queue: null,
};
// The server's clock runs 2 s ahead of the local one.
const orders = knownOrders([{ orders: [order], clock: { offsetMs: 2000, samples: [] } }]);
const notice = (id: string): Notice => ({ id, title: '标题', message: '正文', alertIds: [id], url: order.payUrl });

const channel = (changes: Partial<PushChannel> = {}): PushChannel => ({
  id: 'ch',
  label: '手机',
  service: 'wecom',
  kinds: DEFAULT_PUSH_KINDS,
  includeAmount: false,
  fields: {},
  originPatterns: ['https://qyapi.weixin.qq.com/*'],
  secretHint: '…abcd',
  ...changes,
});

describe('items from notices', () => {
  const options = { now: T0, showPassengers: false };

  it('carries the notice and its orders, useful until the local instant of the deadline', () => {
    const [remind] = itemsForNotices([notice(`remind|5|${deadline}|12306:E1`)], orders, options);
    expect(remind).toMatchObject({ kind: 'remind', headline: '标题', text: '正文', usefulUntil: deadline - 2000 });
    expect(remind!.orders).toEqual([expect.objectContaining({ orderId: 'E1', title: 'G101', passengers: [] })]);
    const [shown] = itemsForNotices([notice(`remind|5|${deadline}|12306:E1`)], orders, {
      ...options,
      showPassengers: true,
    });
    expect(shown!.orders[0]!.passengers).toEqual(['杨赟']);
  });

  it('keeps each kind as long as it is news', () => {
    const useful = (id: string) => itemsForNotices([notice(id)], orders, options)[0]!.usefulUntil;
    expect(useful(`due|${deadline}|12306:E1`)).toBe(deadline - 2000 + DUE_USEFUL_MS);
    expect(useful('found|12306:E1')).toBe(T0 + NEWS_USEFUL_MS);
    expect(useful('gone|12306:E1')).toBe(T0 + NEWS_USEFUL_MS);
    expect(useful('loginExpired|12306:E9')).toBe(T0 + NEWS_USEFUL_MS);
  });

  it('pushes nothing for a notice that names no known alert', () => {
    expect(itemsForNotices([notice('whatever')], orders, options)).toEqual([]);
  });
});

describe('which channel gets what', () => {
  it('forwards the kinds and reminder minutes the channel chose', () => {
    const at = (minutes: number) => ({ kind: 'remind' as const, alertIds: [`remind|${minutes}|${deadline}|12306:E1`] });
    expect(forwards(channel(), at(5))).toBe(true);
    expect(forwards(channel(), at(10))).toBe(false);
    expect(forwards(channel(), { kind: 'found', alertIds: ['found|12306:E1'] })).toBe(false);
    expect(forwards(channel(), { kind: 'due', alertIds: [`due|${deadline}|12306:E1`] })).toBe(true);
  });

  it('adds the amount only for a channel that includes amounts', () => {
    const [base] = itemsForNotices([notice(`remind|5|${deadline}|12306:E1`)], orders, {
      now: T0,
      showPassengers: false,
    });
    expect(itemForChannel(base!, channel(), 'zh')).toMatchObject({ text: '正文', orders: [{ amountYuan: null }] });
    expect(itemForChannel(base!, channel({ includeAmount: true }), 'zh')).toMatchObject({
      text: '正文 · 应付 ¥553.00',
      orders: [{ amountYuan: 553 }],
    });
  });

  it('hands each channel an item once, and a refused channel none', () => {
    const routed = routeItems(
      [item(1)],
      [channel(), channel({ id: 'other' })],
      { sent: {}, status: {} },
      { locale: 'zh', now: T0 },
    );
    expect([...routed.byChannel.keys()]).toEqual(['ch', 'other']);
    const again = routeItems(
      [item(1), item(2)],
      [channel()],
      { sent: routed.sent, status: {} },
      { locale: 'zh', now: T0 },
    );
    expect(again.byChannel.get('ch')).toEqual([item(2)]);
    const refused = routeItems(
      [item(3)],
      [channel()],
      {
        sent: {},
        status: { ch: { health: 'refused', last: null } },
      },
      { locale: 'zh', now: T0 },
    );
    expect(refused.byChannel.size).toBe(0);
  });
});

describe("where a push's tap leads", () => {
  it("is never the extension's own page, which a phone cannot open", () => {
    const venue = {
      ...order,
      source: 'ticket-system' as const,
      accountId: 'a1',
      payUrl: 'https://tickets.venue-a.test/order/E1',
    };
    const known = knownOrders([{ orders: [venue], clock: { offsetMs: 0, samples: [] } }]);
    const refused = { ...notice('loginExpired|ticket-system:a1:E1'), url: 'chrome-extension://abc/options.html' };
    expect(itemsForNotices([refused], known, { now: T0, showPassengers: false })[0]!.url).toBe(venue.payUrl);
    const unknown = { ...notice('loginExpired|ticket-system:a1:E9'), url: 'moz-extension://abc/options.html' };
    expect(itemsForNotices([unknown], known, { now: T0, showPassengers: false })[0]!.url).toBe(
      'https://kyfw.12306.cn/otn/resources/login.html',
    );
  });
});
