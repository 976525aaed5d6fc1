import { fill, type Params } from './fill';
import type { Locale } from './messages';
import { manifestStrings } from './strings/manifest';
import { alertSharedStrings } from './strings/alert-shared';
import { noticeStrings } from './strings/notices';
import { orderWordStrings } from './strings/order-words';
import { overlayStrings } from './strings/overlay';
import { pushMessageStrings } from './strings/push-messages';
import { toolbarStrings } from './strings/toolbar';

// The words the background says: notifications, pushes and the toolbar button's title. A table of
// their own, as the popup has (./popup.ts): with every string the settings page shows, the
// background would be over its size budget (README, Numbers).
const alertTable = {
  ...manifestStrings,
  ...noticeStrings,
  ...orderWordStrings,
  ...toolbarStrings,
  ...pushMessageStrings,
  ...alertSharedStrings,
  // The overlay says this too; it is defined with it.
  noticeRemindTitle: overlayStrings.noticeRemindTitle,
};

export type AlertWordKey = keyof typeof alertTable;

export const translateAlert = (locale: Locale, key: AlertWordKey, params: Params = {}) =>
  fill(alertTable, locale, key, params);
