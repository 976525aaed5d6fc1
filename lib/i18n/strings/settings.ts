import type { Strings } from './strings';

// The settings (options) page.
export const settingsStrings = {} as const satisfies Strings;
