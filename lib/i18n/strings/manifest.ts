import type { Strings } from './strings';

// The extension's name and description, as stores and the browser show them.
export const manifestStrings = {
  extName: { zh: 'PayClock 付款倒计时', en: 'PayClock – pay before it expires' },
  extDescription: {
    zh: '12306 火车票和景区门票待支付订单的付款倒计时与到期提醒：在浏览器里看清还剩几分钟，不再因超时错失订好的票。',
    en: 'Pay-deadline countdowns and reminders for unpaid 12306 train orders and scenic-area tickets, so nothing you booked expires unpaid.',
  },
} as const satisfies Strings;
