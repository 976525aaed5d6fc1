import type { Strings } from './strings';

// What a push itself says, beyond the notices' own words (lib/i18n/strings/notices.ts).
export const pushMessageStrings = {
  pushTestTitle: { zh: 'PayClock 测试消息', en: 'PayClock test message' },
  pushTestBody: {
    zh: '收到这条消息，说明 PayClock 能把支付提醒推送到这里。',
    en: 'If you can read this, PayClock can push pay reminders here.',
  },
  pushManyTitle: { zh: 'PayClock：{count} 条提醒', en: 'PayClock: {count} alerts' },
  pushMoreItems: { zh: '……另有 {count} 条，见 PayClock', en: '…and {count} more in PayClock' },
  pushAmount: { zh: '应付 ¥{amount}', en: 'to pay ¥{amount}' },
  // A Telegram message's button: to the pay page, or (login expired, a test) wherever the URL leads.
  pushPayButton: { zh: '去支付', en: 'Pay now' },
  pushOpenButton: { zh: '打开链接', en: 'Open link' },
  pushTimedOut: { zh: '{seconds} 秒内没有回应', en: 'no answer within {seconds} s' },
  pushRedirected: {
    zh: '服务把请求转到了别的地址（HTTP 3xx），PayClock 不跟随转向：请检查并重新填写地址',
    en: 'the service sent the request elsewhere (HTTP 3xx); PayClock does not follow redirects: check the address and enter it again',
  },
  pushDropped: { zh: '{count} 条提醒过时未送达', en: '{count} alert(s) went stale unsent' },
} as const satisfies Strings;
