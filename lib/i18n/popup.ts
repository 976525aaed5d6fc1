import { fill, type Params } from './fill';
import { locale } from './locale';
import { alertSharedStrings } from './strings/alert-shared';
import { orderWordStrings } from './strings/order-words';
import { popupStrings } from './strings/popup';
import { pushPopupStrings } from './strings/push-popup';
import { waitlistStrings } from './strings/waitlist';
import { watchStrings } from './strings/watch';

// The words of the popup and of the components it shares with the settings page (order cards,
// source lines, watched lists). A table of their own: the popup must open fast, and the settings
// page's strings alone are larger than everything the popup shows.
const popupTable = {
  ...popupStrings,
  ...orderWordStrings,
  ...waitlistStrings,
  ...watchStrings,
  ...pushPopupStrings,
  ...alertSharedStrings,
};

export type PopupMessageKey = keyof typeof popupTable;

export const tPopup = (key: PopupMessageKey, params?: Params) => fill(popupTable, locale, key, params);
