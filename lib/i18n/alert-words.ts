import { fill, type Params } from './fill';
import type { Locale } from './messages';
import { manifestStrings } from './strings/manifest';
import { noticeStrings } from './strings/notices';
import { orderWordStrings } from './strings/order-words';
import { overlayStrings } from './strings/overlay';
import { popupStrings } from './strings/popup';
import { pushMessageStrings } from './strings/push-messages';
import { toolbarStrings } from './strings/toolbar';
import { watchStrings } from './strings/watch';

// The words the background says: notifications, pushes and the toolbar button's title. A table of
// their own, as the popup has (./popup.ts): with every string the settings page shows, the
// background would be over its size budget (README, Numbers).
const alertTable = {
  ...manifestStrings,
  ...noticeStrings,
  ...orderWordStrings,
  ...toolbarStrings,
  ...pushMessageStrings,
  // The overlay and the popup say these too; they are defined with them.
  noticeRemindTitle: overlayStrings.noticeRemindTitle,
  departs: popupStrings.departs,
  visitOn: watchStrings.visitOn,
  snoozeReminders: popupStrings.snoozeReminders,
  muteReminders: popupStrings.muteReminders,
};

export type AlertWordKey = keyof typeof alertTable;

export const translateAlert = (locale: Locale, key: AlertWordKey, params: Params = {}) =>
  fill(alertTable, locale, key, params);
