import type { Strings } from './strings';

// The countdown overlay on 12306 pages.
export const overlayStrings = {} as const satisfies Strings;
