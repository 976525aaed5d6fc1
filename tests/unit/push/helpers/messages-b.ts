import { testMessage as composeTestMessage } from '@/lib/push/compose';
import type { PushItem, PushMessage, PushOrder } from '@/lib/push/message';

// Messages for the services' tests (DingTalk, Feishu, webhook, WeCom): a single reminder, several
// merged, and the settings page's test message, with fixed instants so requests are exact.

/** 2026-12-05 14:00:00 Beijing time (06:00 UTC). */
export const SENT_AT = Date.UTC(2026, 11, 5, 6, 0, 0);
/** The reminder's deadline: 4 min 30 s after SENT_AT, so "minutes left" rounds up to 5. */
export const DEADLINE = SENT_AT + 4.5 * 60_000;
export const PAY_URL = 'https://kyfw.12306.cn/otn/view/train_order.html';

export function order(overrides: Partial<PushOrder> = {}): PushOrder {
  return {
    source: '12306',
    orderId: 'E123456789',
    title: 'G101',
    route: '北京南 → 上海虹桥',
    deadline: DEADLINE,
    clockOffsetMs: 0,
    passengers: [],
    amountYuan: null,
    payUrl: PAY_URL,
    ...overrides,
  };
}

export function item(overrides: Partial<PushItem> = {}): PushItem {
  return {
    alertIds: [`remind|5|${DEADLINE}|12306|E123456789`],
    kind: 'remind',
    headline: '还有 5 分钟支付',
    text: 'G101 北京南 → 上海虹桥 · 截止 14:04',
    url: PAY_URL,
    orders: [order()],
    usefulUntil: DEADLINE,
    ...overrides,
  };
}

/** One reminder, as compose sends a single item: its headline, its text, its url. */
export function reminder(overrides: Partial<PushMessage> = {}): PushMessage {
  const one = item();
  return {
    title: one.headline,
    body: one.text,
    url: one.url,
    urgent: true,
    items: [one],
    sentAt: SENT_AT,
    test: false,
    ...overrides,
  };
}

/** Two alerts due together, merged into one message (a reminder and a login that expired). */
export function merged(): PushMessage {
  const first = item();
  const second = item({
    alertIds: ['loginExpired|12306|E987654321'],
    kind: 'loginExpired',
    headline: '12306 登录已过期',
    text: '登录 12306 以继续监控订单',
    url: 'https://kyfw.12306.cn/otn/resources/login.html',
    orders: [order({ orderId: 'E987654321', title: 'D5', route: null, deadline: null })],
  });
  return {
    title: 'PayClock：2 条提醒',
    body: `${first.headline} ${first.text}\n${second.headline} ${second.text}`,
    url: first.url,
    urgent: true,
    items: [first, second],
    sentAt: SENT_AT,
    test: false,
  };
}

/** What the settings page's "Send test" sends, in Chinese. */
export const testMessage = (): PushMessage => composeTestMessage('zh', SENT_AT, PAY_URL);

export const reply = (status: number, body: unknown, retryAfter: string | null = null) => ({
  status,
  body: typeof body === 'string' ? body : JSON.stringify(body),
  retryAfter,
});
