import type { Strings } from './strings';

// 12306 候补 (waitlist) orders.
export const waitlistStrings = {
  waitlistSource: { zh: '12306 候补', en: '12306 waitlist' },
  waitlistPay: { zh: '去预付', en: 'Prepay' },
  waitlistPayBy: { zh: '{time} 前支付预付款（北京时间）', en: 'prepay by {time} (Beijing time)' },
  waitlistView: { zh: '查看候补订单', en: 'View waitlist orders' },
} as const satisfies Strings;
