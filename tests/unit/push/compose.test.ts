import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byUrgency, composeMessage } from '@/lib/push/compose';
import { item, items, T0 } from './helpers';

const options = { locale: 'zh' as const, now: T0, maxBodyChars: 4000 };

describe('composing a push', () => {
  it('sends one item as its notice: headline as title, notice text as body, its url', () => {
    const one = item(1);
    expect(composeMessage([one], options)).toEqual({
      title: '还剩 5 分钟支付',
      body: one.text,
      url: one.url,
      urgent: true,
      items: [one],
      sentAt: T0,
      test: false,
    });
  });

  it('merges items due together into one message, most pressing first', () => {
    const late = item(9);
    const news = item(0, { kind: 'found', headline: '新订单', usefulUntil: T0, url: 'https://example.test/found' });
    const soon = item(1, { url: 'https://example.test/soon' });
    const message = composeMessage([late, news, soon], options);
    expect(message.title).toBe('PayClock：3 条提醒');
    expect(message.body.split('\n')).toEqual([
      `还剩 5 分钟支付：${soon.text}`,
      `还剩 5 分钟支付：${late.text}`,
      `新订单：${news.text}`,
    ]);
    expect(message.url).toBe('https://example.test/soon');
    expect(message.items).toEqual([soon, late, news]);
  });

  it('counts what does not fit in a last line, and so delivers all fifty in one message', () => {
    const fifty = items(50);
    const message = composeMessage(fifty, { ...options, maxBodyChars: 500 });
    expect(message.body.length).toBeLessThanOrEqual(500);
    expect(message.items).toHaveLength(50);
    const lines = message.body.split('\n');
    expect(lines.at(-1)).toBe(`……另有 ${50 - (lines.length - 1)} 条，见 PayClock`);
    expect(lines[0]).toContain('G100');
  });

  it('speaks English when the user does', () => {
    expect(composeMessage(items(2), { ...options, locale: 'en' }).title).toBe('PayClock: 2 alerts');
  });

  it('never exceeds the limit, and always starts with the most pressing item', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 40, max: 5000 }), (count, maxBodyChars) => {
        const all = items(count);
        const message = composeMessage(all, { ...options, maxBodyChars });
        expect(message.body.length).toBeLessThanOrEqual(maxBodyChars);
        expect(message.items).toHaveLength(count);
        expect(message.items[0]).toBe(byUrgency(all)[0]);
      }),
    );
  });
});
