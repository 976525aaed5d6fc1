import { accountStrings } from './strings/accounts';
import { alertSharedStrings } from './strings/alert-shared';
import { manifestStrings } from './strings/manifest';
import { noticeStrings } from './strings/notices';
import { orderWordStrings } from './strings/order-words';
import { overlayStrings } from './strings/overlay';
import { popupStrings } from './strings/popup';
import { pushMessageStrings } from './strings/push-messages';
import { pushStrings } from './strings/push';
import { settingsStrings } from './strings/settings';
import { toolbarStrings } from './strings/toolbar';
import { waitlistStrings } from './strings/waitlist';
import { watchStrings } from './strings/watch';

// Every string the user reads, in Chinese (the first language of our users) and English, side by
// side so a missing translation is a type error. One file per part of the UI under strings/; a key
// defined in two parts would silently win here, so a unit test checks every key is defined once.

export const STRING_PARTS = {
  manifestStrings,
  popupStrings,
  noticeStrings,
  settingsStrings,
  overlayStrings,
  orderWordStrings,
  waitlistStrings,
  accountStrings,
  watchStrings,
  toolbarStrings,
  pushStrings,
  pushMessageStrings,
  alertSharedStrings,
};

export const messages = {
  ...manifestStrings,
  ...popupStrings,
  ...noticeStrings,
  ...settingsStrings,
  ...overlayStrings,
  ...orderWordStrings,
  ...waitlistStrings,
  ...accountStrings,
  ...watchStrings,
  ...toolbarStrings,
  ...pushStrings,
  ...pushMessageStrings,
  ...alertSharedStrings,
};

export type MessageKey = keyof typeof messages;
export type Locale = 'zh' | 'en';
