import type { Strings } from './strings';

// 12306 候补 (waitlist) orders.
export const waitlistStrings = {
  waitlistSource: { zh: '12306 候补', en: '12306 waitlist' },
} as const satisfies Strings;
