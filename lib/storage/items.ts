import { quietSchema } from '../alerts/quiet';
import { sentLogSchema } from '../alerts/sent-log';
import { DEFAULT_OVERLAY_VIEW, overlayViewSchema } from '../overlay/view';
import { SETTINGS_VERSION, settingsMigrations } from '../settings/migrations';
import { readSettings } from '../settings/read';
import { DEFAULT_SETTINGS, settingsSchema } from '../settings/schema';
import { EMPTY_SNAPSHOT, snapshotSchema } from '../watch/snapshot';
import { defineValidatedItem } from './validated-item';

// Every stored item, in one place. All live in storage.local: nothing here may sync to other
// machines, and none of it is a secret (12306 cookies stay in the browser's cookie jar).
// Bump an item's version with a migration whenever its shape changes.

/** What the extension knows about the user's 12306 orders. */
export const snapshot12306Item = defineValidatedItem('local:snapshot.12306', {
  schema: snapshotSchema,
  fallback: EMPTY_SNAPSHOT,
  version: 1,
});

/** What the extension knows about the user's 12306 候补 (waitlist) orders awaiting prepayment. */
export const snapshotWaitlistItem = defineValidatedItem('local:snapshot.12306-waitlist', {
  schema: snapshotSchema,
  fallback: EMPTY_SNAPSHOT,
  version: 1,
});

/** Alerts already shown, so each is shown at most once even across restarts. */
export const sentAlertsItem = defineValidatedItem('local:alerts.sent', {
  schema: sentLogSchema,
  fallback: {},
  version: 1,
});

/** Orders whose reminders the user muted or snoozed. */
export const quietOrdersItem = defineValidatedItem('local:alerts.quiet', {
  schema: quietSchema,
  fallback: {},
  version: 1,
});

/**
 * The user's settings (the options page). Read field by field: a damaged value keeps its valid
 * fields and defaults only the others. Versions and migrations: lib/settings/migrations.ts.
 */
export const settingsItem = defineValidatedItem('local:settings', {
  schema: settingsSchema,
  fallback: DEFAULT_SETTINGS,
  version: SETTINGS_VERSION,
  migrations: settingsMigrations,
  read: readSettings,
});

/** Whether the overlay on 12306 pages is left collapsed; read by the background only. */
export const overlayViewItem = defineValidatedItem('local:overlay.view', {
  schema: overlayViewSchema,
  fallback: DEFAULT_OVERLAY_VIEW,
  version: 1,
});
