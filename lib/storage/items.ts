import { quietSchema } from '../alerts/quiet';
import { sentLogSchema } from '../alerts/sent-log';
import { overlayViewSchema } from '../overlay/view';
import { settingsMigrations } from '../settings/migrations';
import { readSettings } from '../settings/read';
import { settingsSchema } from '../settings/schema';
import { accountIdSchema, accountSchema } from '../sources/ticket-system/account';
import { watchedOrdersSchema } from '../sources/ticket-system/watched';
import { snapshotSchema } from '../snapshots/snapshot';
import { z } from 'zod/mini';
import {
  readAccountKeys,
  readAccounts,
  readQuietOrders,
  readSentLog,
  readSnapshot,
  readTicketSnapshots,
  readWatchedOrders,
} from './readers';
import { stored } from './stored';
import { defineValidatedItem } from './validated-item';

// Every stored item with its schema; where each lives and what it holds: stored.ts. Collections are
// read element by element (readers.ts): one damaged element must not cost the others.

export { stored } from './stored';

export const snapshot12306Item = defineValidatedItem(stored.snapshot12306, {
  schema: snapshotSchema,
  read: readSnapshot('snapshot.12306'),
});

export const snapshotWaitlistItem = defineValidatedItem(stored.snapshotWaitlist, {
  schema: snapshotSchema,
  read: readSnapshot('snapshot.12306-waitlist'),
});

export const sentAlertsItem = defineValidatedItem(stored.sentAlerts, { schema: sentLogSchema, read: readSentLog });

export const quietOrdersItem = defineValidatedItem(stored.quietOrders, { schema: quietSchema, read: readQuietOrders });

/** Read field by field: a damaged value keeps its valid fields and defaults only the others. */
export const settingsItem = defineValidatedItem(stored.settings, {
  schema: settingsSchema,
  migrations: settingsMigrations,
  read: readSettings,
});

export const overlayViewItem = defineValidatedItem(stored.overlayView, { schema: overlayViewSchema });

export const accountsItem = defineValidatedItem(stored.accounts, {
  schema: z.array(accountSchema),
  read: readAccounts,
});

/** SECRET: see `stored.accountKeys`. */
export const accountKeysItem = defineValidatedItem(stored.accountKeys, {
  schema: z.record(accountIdSchema, z.string()),
  read: readAccountKeys,
});

export const watchedOrdersItem = defineValidatedItem(stored.watchedOrders, {
  schema: watchedOrdersSchema,
  read: readWatchedOrders,
});

export const ticketSnapshotsItem = defineValidatedItem(stored.ticketSnapshots, {
  schema: z.record(accountIdSchema, snapshotSchema),
  read: readTicketSnapshots,
});
