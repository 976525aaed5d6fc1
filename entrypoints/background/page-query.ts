import { browser, type Browser } from 'wxt/browser';
import { OVERLAY_MATCH } from '@/lib/messaging/overlay';
import type { HttpResult } from '@/lib/sources/12306/classify';
import type { QueryResult } from '@/lib/sources/12306/client';
import type { AskFromPage } from '@/lib/sources/12306/page-fallback';
import type { PageQueryName } from '@/lib/sources/12306/page-queries';
import { readPageReply, type PageQueryRequest } from '@/lib/sources/12306/page-reply';
import { QUERY_TIMEOUT_MS } from '@/lib/sources/12306/post';
import type { Outcome } from '@/lib/sources/outcome';

// Asking a 12306 tab to send one of 12306's queries from its page (the content script on 12306 pages
// answers), for when 12306 refuses the background's own (lib/sources/12306/page-fallback.ts).

/** The tab sends with a timeout of its own; this covers the messages on either side of it. */
const MESSAGE_MARGIN_MS = 5_000;

/** The tab the user is most likely looking at first; a frozen or discarded one would not answer (Chrome only says so). */
export function tabsToAsk(tabs: readonly Browser.tabs.Tab[]): number[] {
  return [...tabs]
    .filter((tab) => tab.id !== undefined && !tab.discarded && !tab.frozen)
    .sort((a, b) => Number(b.active) - Number(a.active) || (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0))
    .map((tab) => tab.id!);
}

const LATE = Symbol('late');

/** The message's answer, or LATE when the tab took too long (it may still be sending). */
function orLate<T>(promise: Promise<T>, ms: number): Promise<T | typeof LATE> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<typeof LATE>((resolve) => {
    timer = setTimeout(() => resolve(LATE), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * Sends `query` from one open 12306 tab and reads its reply with `classify`. Tabs are tried in
 * turn only until one takes the message, so the query is sent once. Null when none did, or its
 * answer was late or not a reply.
 */
export function askFromTab(
  query: PageQueryName,
  classify: (http: HttpResult) => Outcome,
  now: () => number = Date.now,
): AskFromPage {
  const request: PageQueryRequest = { type: '12306.askFromPage', query };
  return async (): Promise<QueryResult | null> => {
    let tabs: Browser.tabs.Tab[];
    try {
      tabs = await browser.tabs.query({ url: OVERLAY_MATCH });
    } catch {
      return null;
    }
    for (const tabId of tabsToAsk(tabs)) {
      const sentAt = now();
      let raw: unknown;
      try {
        raw = await orLate(browser.tabs.sendMessage(tabId, request), QUERY_TIMEOUT_MS + MESSAGE_MARGIN_MS);
      } catch {
        // No content script in that tab (opened before the extension, or still loading): the next.
        continue;
      }
      if (raw === LATE) return null;
      if (raw === undefined) continue;
      const reply = readPageReply(raw, sentAt, now());
      if (!reply) {
        console.warn(`PayClock: a 12306 tab's answer to the ${query} query was not a reply`);
        return null;
      }
      return { outcome: classify(reply.http), clockSample: reply.clockSample };
    }
    return null;
  };
}
