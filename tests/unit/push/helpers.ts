import { DEFAULT_PUSH_KINDS, type PushChannel } from '@/lib/push/channel';
import type { Stored } from '@/lib/push/dispatch';
import type { PushItem } from '@/lib/push/message';

// Queued items for the push tests: a reminder by default, a few fields changed where a test says.

export const T0 = Date.UTC(2026, 10, 22, 6, 0, 0); // 14:00 Beijing
export const MINUTE = 60_000;

export function item(n: number, changes: Partial<PushItem> = {}): PushItem {
  const deadline = T0 + (10 + n) * MINUTE;
  return {
    alertIds: [`remind|5|${deadline}|12306:E${String(n).padStart(9, '0')}`],
    kind: 'remind',
    headline: '还剩 5 分钟支付',
    text: `G${100 + n} 北京南 → 上海虹桥 · 11-24 08:00 开 · 截止 14:${String(10 + n).padStart(2, '0')}`,
    url: 'https://kyfw.12306.cn/otn/view/train_order.html',
    orders: [],
    usefulUntil: deadline,
    ...changes,
  };
}

export const items = (count: number) => Array.from({ length: count }, (_, n) => item(n));

/** Storage in memory, as the dispatcher takes it; `value` is there to look at. */
export const memory = <T>(value: T): Stored<T> & { value: T } => ({
  value,
  async get() {
    return this.value;
  },
  async set(next) {
    this.value = next;
  },
});

/** A WeCom channel forwarding the default kinds. */
export const wecomChannel = (id: string, changes: Partial<PushChannel> = {}): PushChannel => ({
  id,
  label: id,
  service: 'wecom',
  kinds: DEFAULT_PUSH_KINDS,
  includeAmount: false,
  fields: {},
  originPatterns: ['https://qyapi.weixin.qq.com/*'],
  secretHint: '…abcd',
  ...changes,
});
