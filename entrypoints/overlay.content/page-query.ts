import { browser, type Browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { PAGE_QUERIES, readPageQueryRequest } from '@/lib/sources/12306/page-queries';
import { QUERY_TIMEOUT_MS, sendPost, type PostResult } from '@/lib/sources/12306/post';

// When 12306 refuses the background's queries, the background asks an open 12306 tab to send them
// from the page, where they leave as the site's own do (lib/sources/12306/page-fallback.ts). Only
// the two fixed queries, only when the background asks, and only 12306's reply goes back: the page
// learns nothing it did not already have.

/**
 * The page's own fetch. Chromium's content scripts already send as the page does (its origin, its
 * cookies); Firefox's send as the extension unless they use the page's `content.fetch`.
 */
function pageFetch(): (url: string, init: RequestInit) => Promise<Response> {
  if (import.meta.env.FIREFOX) {
    const { content } = globalThis as unknown as { content: { fetch: typeof fetch } };
    return (url, init) => content.fetch(url, init);
  }
  return (url, init) => fetch(url, init);
}

export function answerPageQueries(ctx: ContentScriptContext) {
  const onAsk = (message: unknown, sender: Browser.runtime.MessageSender): Promise<PostResult> | undefined => {
    // Only this extension's background (no tab): never another extension, nor a page of ours in a tab.
    if (sender.id !== browser.runtime.id || sender.tab) return undefined;
    const name = readPageQueryRequest(message);
    if (!name) return undefined;
    const query = PAGE_QUERIES[name];
    // The Referer of the page that sends this query on the site, whichever 12306 page this tab shows.
    return sendPost(query, { fetch: pageFetch(), timeoutMs: QUERY_TIMEOUT_MS, referrer: query.page });
  };
  browser.runtime.onMessage.addListener(onAsk);
  ctx.onInvalidated(() => {
    try {
      browser.runtime.onMessage.removeListener(onAsk);
    } catch {
      // The extension is already gone, and its listener with it.
    }
  });
}
