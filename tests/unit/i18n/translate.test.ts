import { describe, expect, it } from 'vitest';
import { messages, type Locale, type MessageKey } from '@/lib/i18n/messages';
import { formatAgo, localeFor, translate } from '@/lib/i18n/translate';
import { t } from '@/lib/i18n';
import { tOverlay } from '@/lib/i18n/overlay';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('translate', () => {
  it('fills {params} in the chosen language', () => {
    expect(translate('zh', 'noticeRemindTitle', { minutes: 5 })).toBe('还剩 5 分钟支付');
    expect(translate('en', 'noticeRemindTitle', { minutes: 5 })).toBe('5 min left to pay');
    expect(translate('en', 'noticeOrderLine', { order: 'G101', deadline: '14:57:09' })).toBe(
      'G101 · pay by 14:57:09 (Beijing time)',
    );
  });

  it('gives a message without placeholders as it is', () => {
    expect(translate('zh', 'refresh')).toBe('刷新');
    expect(translate('en', 'refresh')).toBe('Refresh');
  });

  it('leaves a placeholder without a value visible rather than dropping it', () => {
    expect(translate('en', 'noticeRemindTitle')).toBe('{minutes} min left to pay');
  });

  it('does not treat $ patterns in values specially', () => {
    expect(translate('en', 'amount', { amount: "$& $1 $$ $'" })).toBe("¥$& $1 $$ $'");
  });
});

describe('localeFor', () => {
  it.each([
    ['zh-CN', 'zh'],
    ['zh-TW', 'zh'],
    ['zh', 'zh'],
    ['ZH-hk', 'zh'],
    ['en-US', 'en'],
    ['fr-FR', 'en'],
    ['', 'en'],
    [undefined, 'en'],
  ] as const)('%s → %s', (language, locale) => {
    expect(localeFor(language)).toBe(locale);
  });
});

describe('formatAgo', () => {
  it.each([
    [0, '刚刚', 'just now'],
    [-5 * SECOND, '刚刚', 'just now'],
    [4999, '刚刚', 'just now'],
    [5 * SECOND, '5 秒前', '5 s ago'],
    [59 * SECOND + 999, '59 秒前', '59 s ago'],
    [MINUTE, '1 分钟前', '1 min ago'],
    [59 * MINUTE + 59 * SECOND, '59 分钟前', '59 min ago'],
    [HOUR, '1 小时前', '1 h ago'],
    [47 * HOUR + 59 * MINUTE, '47 小时前', '47 h ago'],
    [2 * DAY, '2 天前', '2 days ago'],
    [9 * DAY + 23 * HOUR, '9 天前', '9 days ago'],
  ])('%i ms → %s / %s', (elapsed, zh, en) => {
    expect(formatAgo('zh', elapsed)).toBe(zh);
    expect(formatAgo('en', elapsed)).toBe(en);
  });
});

describe('messages', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  const keys = Object.keys(messages) as MessageKey[];

  it('has messages', () => {
    expect(keys.length).toBeGreaterThan(10);
  });

  it.each(keys)('%s has non-empty zh and en with the same placeholders', (key) => {
    const entry: Record<Locale, string> = messages[key];
    expect(Object.keys(entry).sort()).toEqual(['en', 'zh']);
    expect(entry.zh.trim()).not.toBe('');
    expect(entry.en.trim()).not.toBe('');
    expect(placeholders(entry.zh)).toEqual(placeholders(entry.en));
    // A brace that is not a well-formed placeholder is a typo.
    for (const text of [entry.zh, entry.en]) {
      expect(text.replace(/\{\w+\}/g, '')).not.toMatch(/[{}]/);
    }
  });
});

describe('string parts', () => {
  it('define every key once', async () => {
    const { STRING_PARTS } = await import('@/lib/i18n/messages');
    const keys = Object.values(STRING_PARTS).flatMap((part) => Object.keys(part));
    expect(keys.length).toBeGreaterThan(40);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('the overlay’s own table', () => {
  it('says each of its strings exactly as the full table does', () => {
    for (const key of ['extName', 'overdue', 'payBy', 'waitlistPay', 'overlayListTitle'] as const) {
      expect(tOverlay(key, { time: '12:00', n: 2 })).toBe(t(key, { time: '12:00', n: 2 }));
    }
  });
});
