import type { OverlayMessageKey } from '../i18n/overlay';
import type { SourceId } from './model';

/**
 * Each source's words for its deadline and its links, shared by the popup and the page overlay: a
 * waitlist order is prepaid, not paid. A new source must say its words here (the type demands it).
 */
export const SOURCE_WORDS = {
  '12306': { payBy: 'payBy', pay: 'pay', view: 'viewQueue' },
  '12306-waitlist': { payBy: 'waitlistPayBy', pay: 'waitlistPay', view: 'waitlistView' },
  'ticket-system': { payBy: 'payBy', pay: 'pay', view: 'viewQueue' },
} as const satisfies Record<SourceId, { payBy: OverlayMessageKey; pay: OverlayMessageKey; view: OverlayMessageKey }>;
