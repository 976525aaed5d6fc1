import { browser } from 'wxt/browser';
import { locale } from '@/lib/i18n';
import { classifyReply } from '@/lib/sources/12306/classify';
import { queryUnfinishedOrders } from '@/lib/sources/12306/client';
import { createPageFallback } from '@/lib/sources/12306/page-fallback';
import { classifyWaitlistReply } from '@/lib/sources/12306-waitlist/classify';
import { queryWaitlist } from '@/lib/sources/12306-waitlist/client';
import { settingsItem, snapshot12306Item, snapshotWaitlistItem, ticketSnapshotsItem } from '@/lib/storage/items';
import { createKeyedLimiter } from '@/lib/util/limiter';
import type { WatchedSource } from '@/lib/sources/source';
import { createOverlayService } from './overlay';
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
    // The main query first: its status stands for the 12306 login that both share.
    const twelve306: WatchedSource[] = [
      {
        id: '12306',
        item: snapshot12306Item,
        query: () => headerRules.then(() => fallback(() => queryUnfinishedOrders(), fromTabs.orders)),
        browserSession: true,
      },
      {
        id: '12306-waitlist',
        item: snapshotWaitlistItem,
        query: () => headerRules.then(() => fallback(() => queryWaitlist(), fromTabs.waitlist)),
        browserSession: true,
      },
    ];
    const hasPermission = (originPattern: string) =>
      browser.permissions.contains({ origins: [originPattern] }).catch(() => false);
    const ticket: TicketSourceDeps = { hasPermission, limiter: createKeyedLimiter(VENUE_CONCURRENCY) };
    const background = createBackground({
      sources: async () => [...twelve306, ...(await ticketSources(ticket))],
      now: Date.now,
      locale,
      settingsUrl: browser.runtime.getURL('/options.html'),
      accounts: {
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
      [
        snapshot12306Item,
        snapshotWaitlistItem,
        {
          get: async () => Object.values(await ticketSnapshotsItem.get()),
          watch: (changed) => ticketSnapshotsItem.watch(() => changed([])),
        },
      ],
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
