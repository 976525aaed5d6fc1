import type { Strings } from './strings';

// The countdown overlay on 12306 pages. Its pay, queue and expiry words are the popup's.
export const overlayStrings = {
  /** Split around `{time}` by the overlay, which puts the live countdown there. */
  overlayTimeLeft: { zh: '剩余 {time}', en: '{time} left' },
  overlayExpand: { zh: '展开全部待处理订单', en: 'Show all pending orders' },
  overlayCollapse: { zh: '收起', en: 'Collapse' },
  overlayListTitle: { zh: '待处理订单 {n} 个', en: 'Pending orders: {n}' },
  /** Scenic-area orders on a 12306 page: only how many, never which (12306's scripts can read it). */
  overlayOthers: { zh: '景区订单 {n} 个', en: 'Scenic-area orders: {n}' },
  /** A reminder notification's title, and what the popup and overlay announce to screen readers. */
  noticeRemindTitle: { zh: '还剩 {minutes} 分钟支付', en: '{minutes} min left to pay' },
} as const satisfies Strings;
