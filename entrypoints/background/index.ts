import { browser } from 'wxt/browser';
import { locale } from '@/lib/i18n/locale';
import { classifyReply } from '@/lib/sources/12306/classify';
import { queryUnfinishedOrders } from '@/lib/sources/12306/client';
import { createPageFallback } from '@/lib/sources/12306/page-fallback';
import { classifyWaitlistReply } from '@/lib/sources/12306/waitlist/classify';
import { queryWaitlist } from '@/lib/sources/12306/waitlist/client';
import { SOURCE_DESCRIPTIONS, type AccountSourceId, type SingleSourceId } from '@/lib/sources/descriptions';
import { settingsItem, sourceSnapshotItems } from '@/lib/storage/items';
import { createKeyedLimiter } from '@/lib/util/limiter';
import type { WatchedSource } from '@/lib/sources/source';
import { createOverlayService, type SnapshotFeed } from './overlay';
import { installPageHeaderRules } from './page-headers';
import { askFromTab } from './page-query';
import { createBackground } from './service';
import { closeLocalStorageToContentScripts } from './storage-access';
import { ticketSources, VENUE_CONCURRENCY, type TicketSourceDeps } from './ticket-system';

// Firefox (MV2) gets an event page that unloads when idle, like Chrome's service worker, so both
// browsers run the same stop-and-restart-safe code.
export default defineBackground({
  persistent: false,
  main() {
    // Before the first query to 12306, its Origin and Referer are made the site's own.
    const headerRules = installPageHeaderRules();
    // Refused even so: sent again from an open 12306 tab, whose page 12306 does not refuse.
    const fallback = createPageFallback();
    const fromTabs = {
      orders: askFromTab('orders', classifyReply),
      waitlist: askFromTab('waitlist', classifyWaitlistReply),
    };
    const hasPermission = (originPattern: string) =>
      browser.permissions.contains({ origins: [originPattern] }).catch(() => false);
    const ticket: TicketSourceDeps = { hasPermission, limiter: createKeyedLimiter(VENUE_CONCURRENCY) };
    // Each described source's query, which only the background holds (the descriptions are plain
    // data, read by the popup and the content script too). Both 12306 queries use the user's 12306
    // browser session.
    const single = {
      '12306': {
        query: () => headerRules.then(() => fallback(() => queryUnfinishedOrders(), fromTabs.orders)),
        browserSession: true,
      },
      '12306-waitlist': {
        query: () => headerRules.then(() => fallback(() => queryWaitlist(), fromTabs.waitlist)),
        browserSession: true,
      },
    } satisfies Record<SingleSourceId, Pick<Extract<WatchedSource, { query: unknown }>, 'query' | 'browserSession'>>;
    /** A source per account, read afresh for every check (accounts come and go). */
    const perAccount = {
      'ticket-system': () => ticketSources(ticket),
    } satisfies Record<AccountSourceId, () => Promise<WatchedSource[]>>;
    // In the descriptions' order: the main 12306 query first, its status standing for the login.
    const watched = SOURCE_DESCRIPTIONS.map((source): (() => Promise<readonly WatchedSource[]>) => {
      if (source.byAccount) return perAccount[source.id];
      const one: readonly WatchedSource[] = [
        { id: source.id, item: sourceSnapshotItems[source.id], ...single[source.id] },
      ];
      return async () => one;
    });
    const background = createBackground({
      sources: async () => (await Promise.all(watched.map((sources) => sources()))).flat(),
      now: Date.now,
      locale,
      settingsUrl: browser.runtime.getURL('/options.html'),
      accounts: {
        hasPermission,
        releasePermission: async (originPattern) =>
          void (await browser.permissions.remove({ origins: [originPattern] })),
        newId: () => crypto.randomUUID(),
      },
      push: {
        hasPermission,
        releasePermission: async (originPattern) =>
          void (await browser.permissions.remove({ origins: [originPattern] })),
        newId: () => crypto.randomUUID(),
      },
    });

    // Listeners are registered synchronously, first thing: a service worker woken by an event only
    // receives it if its listener exists when the script's first run ends.
    browser.alarms.onAlarm.addListener((alarm) => void background.onAlarm(alarm));
    browser.cookies.onChanged.addListener((change) => void background.onCookieChanged(change));
    browser.notifications.onClicked.addListener((id) => void background.onNotificationClicked(id));
    // Chrome only: Firefox notifications have no buttons.
    browser.notifications.onButtonClicked?.addListener(
      (id, buttonIndex) => void background.onNotificationButtonClicked(id, buttonIndex),
    );
    settingsItem.watch(() => void background.onSettingsChanged());
    browser.runtime.onMessage.addListener((message, sender) => background.onMessage(message, sender));
    // A venue's site granted (from the settings page, or the browser's own extension page): an
    // account waiting for it can be polled again.
    browser.permissions.onAdded.addListener(() => void background.onPermissionsAdded());
    // The overlay on 12306 pages: its requests, and a push to its tabs whenever what it shows changes.
    // Its first request as it starts says a 12306 page loaded: a chance to notice a login.
    const overlay = createOverlayService(
      SOURCE_DESCRIPTIONS.map((source): SnapshotFeed => {
        if (!source.byAccount) return sourceSnapshotItems[source.id];
        const byAccount = sourceSnapshotItems[source.id];
        return {
          get: async () => Object.values(await byAccount.get()),
          watch: (changed) => byAccount.watch(() => changed([])),
        };
      }),
      { onPageStart: (url) => void background.onPageLoaded(url) },
    );
    browser.runtime.onMessage.addListener((message, sender) => overlay.onMessage(message, sender));
    overlay.watch();
    // A login that happened while the extension was not running left no cookie event behind: look
    // once when the browser starts and when the extension is installed or updated (and whenever a
    // 12306 page loads while logged out, above).
    browser.runtime.onStartup.addListener(() => void background.check());
    browser.runtime.onInstalled.addListener(() => void background.check());

    // After the listeners: they must exist when the first run ends. It never throws.
    void closeLocalStorageToContentScripts();
    void background.wake();
  },
});
