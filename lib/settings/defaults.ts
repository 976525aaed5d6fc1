import type { Settings } from './schema';

// Apart from the schema so a page can name the settings item (lib/storage/stored.ts) without it.
export const DEFAULT_SETTINGS: Settings = {
  reminderMinutes: [10, 5, 1],
  notify: { found: true, remind: true, due: true, gone: true, loginExpired: true },
  sound: false,
  overlay: true,
  maskPassengers: true,
};
