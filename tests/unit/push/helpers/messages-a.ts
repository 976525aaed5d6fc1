import type { PushItem, PushMessage } from '@/lib/push/message';
import { testMessage } from '@/lib/push/compose';
import type { HttpReply } from '@/lib/push/service';

// Messages and replies for the services' unit tests (Bark, Server酱, PushPlus, ntfy, Telegram).

export const SENT_AT = Date.UTC(2026, 11, 5, 6, 0, 0);
export const PAY_URL = 'https://kyfw.12306.cn/otn/view/train_order.html';
export const DEADLINE = SENT_AT + 5 * 60_000;

export function item(overrides: Partial<PushItem> = {}): PushItem {
  return {
    alertIds: ['12306:E123456789:remind:5'],
    kind: 'remind',
    headline: '还有 5 分钟支付',
    text: 'G101 北京南 → 上海虹桥 · 二等座 · 截止 14:05',
    url: PAY_URL,
    orders: [],
    usefulUntil: DEADLINE,
    ...overrides,
  };
}

/** One 5-minute reminder, as a message of its own. */
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

/** Three alerts due together, merged into one message. */
export function merged(): PushMessage {
  const items = [
    item(),
    item({ alertIds: ['12306:E2:remind:5'], text: 'D302 南京 → 杭州东 · 截止 14:06', usefulUntil: DEADLINE + 60_000 }),
    item({ alertIds: ['12306:E3:found'], kind: 'found', headline: '新订单', text: 'K8 上海 → 北京 · 截止 14:40', usefulUntil: DEADLINE + 30 * 60_000 }),
  ];
  return {
    title: 'PayClock：3 条提醒',
    body: items.map((one) => one.text).join('\n'),
    url: PAY_URL,
    urgent: true,
    items,
    sentAt: SENT_AT,
    test: false,
  };
}

/** The settings page's "Send test" message. */
export const test = (locale: 'zh' | 'en' = 'zh'): PushMessage => testMessage(locale, SENT_AT, PAY_URL);

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
