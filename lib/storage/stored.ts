import type { QuietOrders } from '../alerts/quiet';
import type { SentLog } from '../alerts/sent-log';
import { DEFAULT_OVERLAY_VIEW, type OverlayView } from '../overlay/view';
import { SETTINGS_VERSION } from '../settings/migrations';
import { DEFAULT_SETTINGS } from '../settings/defaults';
import type { Settings } from '../settings/schema';
import type { Account } from '../sources/ticket-system/account';
import type { WatchedOrder } from '../sources/ticket-system/watched';
import { EMPTY_SNAPSHOT, type Snapshot } from '../snapshots/snapshot';
import type { StoredItem } from './stored-item';

// Every stored item, in one place. All live in storage.local: nothing here may sync to other
// machines. The one secret is `accountKeysItem`, read and written by the background alone (12306
// cookies stay in the browser's cookie jar).
// Bump an item's version with a migration whenever its shape changes.
//
// Named here as plain data (key, version, fallback); items.ts adds each one's schema. The popup
// reads through display-store.ts from these alone, without loading a schema.

const item = <T>(key: StoredItem<T>['key'], version: number, fallback: T): StoredItem<T> => ({
  key,
  version,
  fallback,
});

export const stored = {
  /** What the extension knows about the user's 12306 orders. */
  snapshot12306: item<Snapshot>('local:snapshot.12306', 1, EMPTY_SNAPSHOT),
  /** What the extension knows about the user's 12306 候补 (waitlist) orders awaiting prepayment. */
  snapshotWaitlist: item<Snapshot>('local:snapshot.12306-waitlist', 1, EMPTY_SNAPSHOT),
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
  ticketSnapshots: item<Record<string, Snapshot>>('local:snapshot.ticket-system', 1, {}),
} as const;
