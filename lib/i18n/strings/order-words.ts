import type { Strings } from './strings';

// What every order shows wherever it is shown (the popup, and the overlay on 12306 pages): its
// countdown's words and its link. Kept apart so the overlay's content script carries these and its
// own strings only, not the whole table (lib/i18n/overlay.ts).
export const orderWordStrings = {
  pay: { zh: '去支付', en: 'Pay' },
  viewQueue: { zh: '查看', en: 'View' },
  payBy: { zh: '{time} 前支付（北京时间）', en: 'pay by {time} (Beijing time)' },
  overdue: { zh: '已超时', en: 'Expired' },
  noDeadline: { zh: '截止时间未知', en: 'Deadline unknown' },
  queuing: { zh: '排队中', en: 'Queuing' },
  waitlistPay: { zh: '去预付', en: 'Prepay' },
  waitlistPayBy: { zh: '{time} 前支付预付款（北京时间）', en: 'prepay by {time} (Beijing time)' },
  waitlistView: { zh: '查看候补订单', en: 'View waitlist orders' },
} as const satisfies Strings;
