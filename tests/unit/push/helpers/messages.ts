import { testMessage as composeTestMessage } from '@/lib/push/compose';
import type { PushItem, PushMessage, PushOrder } from '@/lib/push/message';
import type { HttpReply } from '@/lib/push/service';

// Messages and replies for the push services' unit tests: a single reminder, several alerts merged,
// the settings page's test message and server text with markup, at fixed instants so each request
// can be compared with the service's documentation to the character.

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

/** The 5-minute reminder of G101. */
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

/**
 * Three alerts due together, merged into one message as compose merges them: the reminder, a login
 * that expired (an order without route or deadline) and a new order worth telling for 30 min more.
 */
export function merged(): PushMessage {
  const items = [
    item(),
    item({
      alertIds: ['loginExpired|12306|E987654321'],
      kind: 'loginExpired',
      headline: '12306 登录已过期',
      text: '登录 12306 以继续监控订单',
      url: 'https://kyfw.12306.cn/otn/resources/login.html',
      orders: [order({ orderId: 'E987654321', title: 'D5', route: null, deadline: null })],
    }),
    item({
      alertIds: [`found|${DEADLINE + 30 * 60_000}|12306|E555555555`],
      kind: 'found',
      headline: '新订单',
      text: 'K8 上海 → 北京 · 截止 14:34',
      orders: [order({ orderId: 'E555555555', title: 'K8', route: '上海 → 北京', deadline: DEADLINE + 30 * 60_000 })],
      usefulUntil: DEADLINE + 30 * 60_000,
    }),
  ];
  return {
    title: 'PayClock：3 条提醒',
    body: items.map((one) => `${one.headline} ${one.text}`).join('\n'),
    url: PAY_URL,
    urgent: true,
    items,
    sentAt: SENT_AT,
    test: false,
  };
}

/** What the settings page's "Send test" sends. */
export const testMessage = (locale: 'zh' | 'en' = 'zh'): PushMessage => composeTestMessage(locale, SENT_AT, PAY_URL);

/** A venue whose ticket title is markup (server text must stay text). */
export function markup(): PushMessage {
  return reminder({
    title: '还有 5 分钟支付',
    body: '<b>西湖</b> **门票** [点我](https://evil.example/) <script>x</script> _a_ `c` # h &amp; 1. x',
  });
}

export const reply = (status: number, body: unknown, retryAfter: string | null = null): HttpReply => ({
  status,
  body: typeof body === 'string' ? body : JSON.stringify(body),
  retryAfter,
});

/** The request's JSON body. */
export const bodyOf = (request: { body?: string }): Record<string, unknown> =>
  JSON.parse(request.body ?? 'null') as Record<string, unknown>;
