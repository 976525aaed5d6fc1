import { browser, type Browser } from 'wxt/browser';
import {
  OVERLAY_MATCH,
  OVERLAY_ORIGIN,
  overlayRequestSchema,
  type OverlayPush,
  type OverlaySummary,
} from '@/lib/messaging/overlay';
import { overlaySummary } from '@/lib/overlay/summary';
import { overlayViewItem, settingsItem } from '@/lib/storage/items';
import type { ValidatedItem } from '@/lib/storage/validated-item';
import { createTokenBucket } from '@/lib/util/token-bucket';
import type { Snapshot } from '@/lib/snapshots/snapshot';

// The background's side of the overlay on 12306 pages: it answers the overlay's content scripts and
// tells them whenever what they show may have changed. Content scripts run inside pages, so they
// are only ever sent the summary the overlay displays, never anything else from storage.

/** A stored snapshot, or several (one per ticket-system account), and how to hear of changes. */
export type SnapshotFeed = Pick<ValidatedItem<Snapshot | readonly Snapshot[]>, 'get' | 'watch'>;

export async function currentOverlaySummary(snapshotItems: readonly SnapshotFeed[]): Promise<OverlaySummary> {
  const [snapshots, settings, view] = await Promise.all([
    Promise.all(snapshotItems.map((item) => item.get())).then((all) => all.flat()),
    settingsItem.get(),
    overlayViewItem.get(),
  ]);
  return overlaySummary(snapshots, settings, view);
}

/** A content script of this extension, in a tab showing a 12306 page. */
export function isOverlaySender(sender: Browser.runtime.MessageSender): boolean {
  if (sender.id !== browser.runtime.id || sender.tab === undefined || !sender.url) return false;
  try {
    return new URL(sender.url).origin === OVERLAY_ORIGIN;
  } catch {
    return false;
  }
}

export interface OverlayServiceOptions {
  /** A content script started, so this 12306 page just loaded: its first request says so. */
  onPageStart?: (url: string) => void;
  /** The clock of the toggle's rate limit. */
  now?: () => number;
}

/**
 * How often the overlay may be expanded or collapsed: each time is a storage write and a push to
 * every 12306 tab. The overlay takes only the user's own clicks, but it runs in 12306's page, so the
 * background does not count on that. One bucket for all tabs: a person toggles one overlay at a time.
 */
export const TOGGLE_LIMIT = { capacity: 5, refillMs: 1_000 };

/** `snapshotItems`: every source's stored snapshot; the overlay lists the orders of all of them. */
export function createOverlayService(snapshotItems: readonly SnapshotFeed[], options: OverlayServiceOptions = {}) {
  const summary = () => currentOverlaySummary(snapshotItems);
  // The snapshot is rewritten after every check, mostly unchanged for the overlay: repeating the
  // last push would only re-render every 12306 tab. A background that restarted pushes afresh.
  let lastPushed: string | null = null;
  const toggles = createTokenBucket(TOGGLE_LIMIT, options.now ?? Date.now);

  async function push() {
    const message: OverlayPush = { type: 'overlay.summary', summary: await summary() };
    const text = JSON.stringify(message);
    if (text === lastPushed) return;
    lastPushed = text;
    const tabs = await browser.tabs.query({ url: OVERLAY_MATCH });
    await Promise.all(
      tabs.map(async (tab) => {
        if (tab.id === undefined) return;
        try {
          await browser.tabs.sendMessage(tab.id, message);
        } catch {
          // A tab still loading, or opened before the extension was: it asks by itself once its
          // content script starts.
        }
      }),
    );
  }

  return {
    /** Answers the overlay's requests; undefined (no answer) for everything and everyone else. */
    onMessage(message: unknown, sender: Browser.runtime.MessageSender): Promise<OverlaySummary> | undefined {
      if (!isOverlaySender(sender)) return undefined;
      const request = overlayRequestSchema.safeParse(message);
      if (!request.success) return undefined;
      if (request.data.type === 'overlay.get') {
        // isOverlaySender made sure of the URL.
        options.onPageStart?.(sender.url!);
        return summary();
      }
      // Over the limit, the toggle is dropped and the stored view answered, which puts the overlay back.
      if (!toggles.take()) return summary();
      const collapsed = request.data.collapsed;
      return overlayViewItem.set({ collapsed }).then(summary);
    },

    /** Pushes to every 12306 tab after each change to what the overlay shows; returns the unwatch. */
    watch(): () => void {
      const changed = () =>
        void push().catch((error: unknown) => console.warn('PayClock: could not update the overlays', error));
      const unwatch = [
        ...snapshotItems.map((item) => item.watch(() => changed())),
        settingsItem.watch(changed),
        overlayViewItem.watch(changed),
      ];
      return () => unwatch.forEach((stop) => stop());
    },
  };
}

export type OverlayService = ReturnType<typeof createOverlayService>;
