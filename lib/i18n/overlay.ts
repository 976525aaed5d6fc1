import { fill, type Params } from './fill';
import { locale } from './locale';
import { manifestStrings } from './strings/manifest';
import { orderWordStrings } from './strings/order-words';
import { overlayStrings } from './strings/overlay';

// The words of what runs on 12306 pages: the overlay and the countdown it shares with the popup.
// A small table of their own, so the content script does not carry every string of the extension.
const overlayTable = { ...overlayStrings, ...orderWordStrings, extName: manifestStrings.extName };

export type OverlayMessageKey = keyof typeof overlayTable;

export const tOverlay = (key: OverlayMessageKey, params?: Params) => fill(overlayTable, locale, key, params);
