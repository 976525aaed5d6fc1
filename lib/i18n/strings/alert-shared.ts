import type { Strings } from './strings';

// Words both the background's notifications and the popup say. A part of their own so that the
// background's table (lib/i18n/alert-words.ts) takes these few, not the popup's and the watched
// orders' whole parts: a part is bundled whole, whichever of its keys are read.
export const alertSharedStrings = {
  departs: { zh: '{time} 开', en: 'departs {time}' },
  visitOn: { zh: '{date} 入园', en: 'visit {date}' },
  // Silencing one order's reminders: the popup's buttons and those of Chrome's reminder notifications.
  snoozeReminders: { zh: '{minutes} 分钟后再提醒', en: 'Remind me in {minutes} min' },
  muteReminders: { zh: '此订单不再提醒', en: 'No more reminders for this order' },
} as const satisfies Strings;
