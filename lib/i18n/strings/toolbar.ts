import type { Strings } from './strings';

// The toolbar button's title: the badge's few characters in words.
export const toolbarStrings = {
  toolbarPayMinutes: { zh: '{n} 分钟内需支付', en: 'pay within {n} min' },
  toolbarPayHours: { zh: '{n} 小时内需支付', en: 'pay within {n} h' },
  toolbarPayDays: { zh: '{n} 天内需支付', en: 'pay within {n} d' },
  toolbarMore: { zh: '（另有 {n} 单）', en: ' (and {n} more)' },
  toolbarCheckNeeded: {
    zh: '有订单无法再查询，请打开 PayClock',
    en: 'some orders can no longer be checked; open PayClock',
  },
} as const satisfies Strings;
