import type { Outcome } from '../outcome';
import { ERROR_PAGE_DETAIL } from './classify';
import type { QueryResult } from './client';

// 12306 may refuse the background's queries even with its own page's Origin and Referer (Chromium
// still says `Sec-Fetch-Site: none`), or the browser may not let the extension set them at all. Its
// pages are not refused: while a 12306 tab is open, the query is sent once more from that page, and
// its answer is used. Nobody here can try the real site, so this is what keeps trains watched if it
// checks.

/**
 * A reply a firewall sends to a request it refuses: a 403 or a refusal in words, or a redirect to
 * the error page (which 12306 also sends when busy: one query more from a page costs little then).
 */
export function isRefusal(outcome: Outcome): boolean {
  return outcome.kind === 'rejected' || (outcome.kind === 'busy' && outcome.detail === ERROR_PAGE_DETAIL);
}

/** Sends a query from a 12306 tab; null when no tab could (none open, or none answered). */
export type AskFromPage = () => Promise<QueryResult | null>;

/** Whether the page got an answer from 12306: no refusal, and the request did reach it. */
const answered = ({ outcome }: QueryResult) =>
  !isRefusal(outcome) && outcome.kind !== 'timeout' && outcome.kind !== 'offline';

const fromTab = (result: QueryResult): QueryResult => ({ ...result, askedFrom: 'tab' });

/**
 * Asks directly, and from a page when refused. Once a page was answered where the background was
 * refused, the page is asked first (one request a check instead of two), until it is refused too,
 * gets no answer, or no tab is open, when the background is asked again. One instance for both
 * 12306 queries: they pass the same firewall.
 */
export function createPageFallback() {
  let pageFirst = false;

  return async function ask(direct: () => Promise<QueryResult>, fromPage: AskFromPage): Promise<QueryResult> {
    if (pageFirst) {
      const viaPage = await fromPage();
      if (viaPage && answered(viaPage)) return fromTab(viaPage);
      pageFirst = false;
      return direct();
    }
    const result = await direct();
    if (!isRefusal(result.outcome)) return result;
    const viaPage = await fromPage();
    // A page that did not reach 12306 tells nothing: 12306's own refusal is what the user should see.
    if (!viaPage || viaPage.outcome.kind === 'timeout' || viaPage.outcome.kind === 'offline') return result;
    pageFirst = answered(viaPage);
    return fromTab(viaPage);
  };
}
