import type { QuietOrders } from '../alerts/quiet';
import type { SentLog } from '../alerts/sent-log';
import { DEFAULT_OVERLAY_VIEW, type OverlayView } from '../overlay/view';
import { SETTINGS_VERSION } from '../settings/migrations';
import { DEFAULT_SETTINGS } from '../settings/defaults';
import type { Settings } from '../settings/schema';
import { SOURCE_DESCRIPTIONS, type DescribedSource, type SourceId } from '../sources/descriptions';
import type { ChannelStatus, PushChannel } from '../push/channel';
import type { Outbox } from '../push/outbox-schema';
import type { Account } from '../sources/ticket-system/account';
import type { WatchedOrder } from '../sources/ticket-system/watched';
import { EMPTY_SNAPSHOT, type Snapshot } from '../snapshots/snapshot';
import type { StorageItemKey } from 'wxt/utils/storage';

// Every stored item, in one place (one snapshot item for each source of lib/sources/descriptions.ts).
// All live in storage.local: nothing here may sync to other machines. The one secret is
// `accountKeysItem` (and `pushSecretsItem`, alike), read and written by the background alone (12306 cookies stay in the browser's
// cookie jar).
// Bump an item's version with a migration whenever its shape changes.
//
// Named here as plain data (key, version, fallback); items.ts adds each one's schema. The popup
// reads through display-store.ts from these alone, without loading a schema.

/**
 * Where an item lives and what it holds when nothing is stored. Plain data, so a page can name an
 * item without loading its schema (see display-store.ts); validated-item.ts adds the schema, and items.ts each item's.
 */
export interface StoredItem<T> {
  key: StorageItemKey;
  /** Bumped, with a migration, whenever the shape changes. */
  version: number;
  fallback: T;
}

const item = <T>(key: StoredItem<T>['key'], version: number, fallback: T): StoredItem<T> => ({
  key,
  version,
  fallback,
});

/** What a source's stored item holds: its snapshot, or one per account by account id. */
export type SourceSnapshots<I extends SourceId> =
  Extract<DescribedSource, { id: I }> extends { byAccount: true } ? Record<string, Snapshot> : Snapshot;

/**
 * What the extension knows about each source's orders (and, per account, each account's health and
 * its venue's clock). Keyed by the source's id, as each has been from the start: a source id is never
 * renamed, so users' orders stay where they are.
 */
export const sourceSnapshots = Object.fromEntries(
  SOURCE_DESCRIPTIONS.map(({ id, byAccount }) => [
    id,
    item<Snapshot | Record<string, Snapshot>>(`local:snapshot.${id}`, 1, byAccount ? {} : EMPTY_SNAPSHOT),
  ]),
) as { readonly [I in SourceId]: StoredItem<SourceSnapshots<I>> };

export const stored = {
  /** What the extension knows about the user's 12306 orders. */
  snapshot12306: sourceSnapshots['12306'],
  /** What the extension knows about the user's 12306 候补 (waitlist) orders awaiting prepayment. */
  snapshotWaitlist: sourceSnapshots['12306-waitlist'],
  /** Alerts already shown, so each is shown at most once even across restarts. */
  sentAlerts: item<SentLog>('local:alerts.sent', 1, {}),
  /** Orders whose reminders the user muted or snoozed. */
  quietOrders: item<QuietOrders>('local:alerts.quiet', 1, {}),
  /** The user's settings (the options page). Versions and migrations: lib/settings/migrations.ts. */
  settings: item<Settings>('local:settings', SETTINGS_VERSION, DEFAULT_SETTINGS),
  /** Whether the overlay on 12306 pages is left collapsed; read by the background only. */
  overlayView: item<OverlayView>('local:overlay.view', 1, DEFAULT_OVERLAY_VIEW),
  /** Ticket-system accounts (the options page), without their keys. */
  accounts: item<Account[]>('local:ticket.accounts', 1, []),
  /**
   * SECRET. The derived Hawk key of each account, by account id. Only the background reads or
   * writes it: the options page sends a new KEY and password to the background, which derives the
   * key and stores it here; no page, content script, message or log ever gets one back.
   */
  accountKeys: item<Record<string, string>>('local:ticket.keys', 1, {}),
  /** The ticket-system orders the user watches, with what was last learnt of each. */
  watchedOrders: item<WatchedOrder[]>('local:ticket.watched', 1, []),
  /**
   * One snapshot per ticket-system account, by account id: the account's health (authentication
   * failed, venue offline...), its venue's clock, and its watched orders awaiting payment.
   */
  ticketSnapshots: sourceSnapshots['ticket-system'],
  /** Push channels (the settings page's "Push to phone"), without their secrets. */
  pushChannels: item<PushChannel[]>('local:push.channels', 1, []),
  /**
   * SECRET. Each channel's secret fields (keys, tokens, signing secrets, URLs carrying a token), by
   * channel id. Like `accountKeys`: written and read by the background alone, never sent back to a
   * page, never exported, never logged.
   */
  pushSecrets: item<Record<string, Record<string, string>>>('local:push.secrets', 1, {}),
  /** What waits to be pushed, per channel (lib/push/outbox.ts). Holds no secret. */
  pushOutbox: item<Outbox>('local:push.outbox', 1, {}),
  /** Alerts already queued for each channel, so each goes out at most once per channel. */
  pushSent: item<Record<string, SentLog>>('local:push.sent', 1, {}),
  /** Each channel's health and what its service last answered (settings page, popup). */
  pushStatus: item<Record<string, ChannelStatus>>('local:push.status', 1, {}),
} as const;
