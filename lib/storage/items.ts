import { quietSchema } from '../alerts/quiet';
import { sentLogSchema } from '../alerts/sent-log';
import { DEFAULT_OVERLAY_VIEW, overlayViewSchema } from '../overlay/view';
import { SETTINGS_VERSION, settingsMigrations } from '../settings/migrations';
import { readSettings } from '../settings/read';
import { DEFAULT_SETTINGS, settingsSchema } from '../settings/schema';
import { accountIdSchema, accountSchema } from '../sources/ticket-system/account';
import { watchedOrdersSchema } from '../sources/ticket-system/watched';
import { EMPTY_SNAPSHOT, snapshotSchema } from '../watch/snapshot';
import { z } from 'zod/mini';
import { defineValidatedItem } from './validated-item';

// Every stored item, in one place. All live in storage.local: nothing here may sync to other
// machines. The one secret is `accountKeysItem`, read and written by the background alone (12306
// cookies stay in the browser's cookie jar).
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

/** Ticket-system accounts (the options page), without their keys. */
export const accountsItem = defineValidatedItem('local:ticket.accounts', {
  schema: z.array(accountSchema),
  fallback: [],
  version: 1,
});

/**
 * SECRET. The derived Hawk key of each account, by account id. Only the background reads or writes
 * it: the options page sends a new KEY and password to the background, which derives the key and
 * stores it here; no page, content script, message or log ever gets one back.
 */
export const accountKeysItem = defineValidatedItem('local:ticket.keys', {
  schema: z.record(accountIdSchema, z.string()),
  fallback: {},
  version: 1,
});

/** The ticket-system orders the user watches, with what was last learnt of each. */
export const watchedOrdersItem = defineValidatedItem('local:ticket.watched', {
  schema: watchedOrdersSchema,
  fallback: [],
  version: 1,
});

/**
 * One snapshot per ticket-system account, by account id: the account's health (authentication
 * failed, venue offline...), its venue's clock, and its watched orders awaiting payment.
 */
export const ticketSnapshotsItem = defineValidatedItem('local:snapshot.ticket-system', {
  schema: z.record(accountIdSchema, snapshotSchema),
  fallback: {},
  version: 1,
});
