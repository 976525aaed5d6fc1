import { quietSchema } from '../alerts/quiet';
import { sentLogSchema } from '../alerts/sent-log';
import { overlayViewSchema } from '../overlay/view';
import { channelIdSchema, channelStatusSchema, pushChannelSchema, secretFieldsSchema } from '../push/channel';
import { outboxSchema } from '../push/outbox-schema';
import { settingsMigrations } from '../settings/migrations';
import { readSettings } from '../settings/read';
import { settingsSchema } from '../settings/schema';
import { SOURCE_DESCRIPTIONS, type SourceId } from '../sources/descriptions';
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
  readSnapshotsByAccount,
  readWatchedOrders,
  readArray,
} from './readers';
import { sourceSnapshots, stored, type SourceSnapshots } from './stored';
import { defineValidatedItem, type ValidatedItem } from './validated-item';

// Every stored item with its schema; where each lives and what it holds: stored.ts. Collections are
// read element by element (readers.ts): one damaged element must not cost the others.

export { stored } from './stored';

/** Each source's stored snapshot, or snapshots by account id (stored.ts). */
export const sourceSnapshotItems = Object.fromEntries(
  SOURCE_DESCRIPTIONS.map(({ id, byAccount }) => {
    // Logs name the item as storage does, without its area.
    const { key } = sourceSnapshots[id];
    const name = key.slice(key.indexOf(':') + 1);
    const item = byAccount
      ? defineValidatedItem(sourceSnapshots[id], {
          schema: z.record(accountIdSchema, snapshotSchema),
          read: readSnapshotsByAccount(name),
        })
      : defineValidatedItem(sourceSnapshots[id], { schema: snapshotSchema, read: readSnapshot(name) });
    return [id, item];
  }),
) as { readonly [I in SourceId]: ValidatedItem<SourceSnapshots<I>> };

export const snapshot12306Item = sourceSnapshotItems['12306'];
export const snapshotWaitlistItem = sourceSnapshotItems['12306-waitlist'];

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

export const ticketSnapshotsItem = sourceSnapshotItems['ticket-system'];

export const pushChannelsItem = defineValidatedItem(stored.pushChannels, {
  schema: z.array(pushChannelSchema),
  read: (raw) => readArray(pushChannelSchema, raw, 'push.channels'),
});

/** SECRET: see `stored.pushSecrets`. */
export const pushSecretsItem = defineValidatedItem(stored.pushSecrets, {
  schema: z.record(channelIdSchema, secretFieldsSchema),
});

export const pushOutboxItem = defineValidatedItem(stored.pushOutbox, { schema: outboxSchema });

export const pushSentItem = defineValidatedItem(stored.pushSent, {
  schema: z.record(channelIdSchema, sentLogSchema),
});

export const pushStatusItem = defineValidatedItem(stored.pushStatus, {
  schema: z.record(channelIdSchema, channelStatusSchema),
});
