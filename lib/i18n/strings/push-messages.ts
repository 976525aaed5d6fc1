import type { Strings } from './strings';

// What a push itself says, beyond the notices' own words (lib/i18n/strings/notices.ts).
export const pushMessageStrings = {} as const satisfies Strings;
