import type { Strings } from './strings';

// 12306 候补 (waitlist) orders.
export const waitlistStrings = {} as const satisfies Strings;
