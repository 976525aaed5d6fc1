import type { Strings } from './strings';

// The settings page's "Push to phone" section and the popup's line about a failing channel.
export const pushStrings = {} as const satisfies Strings;
