import { ORIGIN } from './endpoints';
import { PAGE_QUERIES } from './page-queries';

// 12306's queries, sent from the background, would carry the extension's own Origin and no Referer;
// the site's own pages send their origin and the page the query is made from. Should 12306 (or the
// firewall before it) refuse what does not look like its own page's request, every query would read
// as refused. The browser will not let a fetch set either header, so a declarativeNetRequest rule
// does, for exactly these two queries and only when the extension itself sends them: the user's own
// browsing of 12306 comes from a tab, and is left as the page sent it.

/** Each query, and the page of the site's own that sends it. */
const PAGE_OF_QUERY: readonly { url: string; page: string }[] = Object.values(PAGE_QUERIES);

/** Session rule ids of ours, stable, so installing again replaces rather than adds. */
export const PAGE_HEADER_RULE_IDS = PAGE_OF_QUERY.map((_query, index) => 1_306 + index);

/** Requests not made from any tab: the background's (declarativeNetRequest's TAB_ID_NONE). */
const NO_TAB = -1;

/** The shape of a declarativeNetRequest rule, as much of it as these rules use. */
export interface HeaderRule {
  id: number;
  priority: number;
  action: {
    type: 'modifyHeaders';
    requestHeaders: { header: string; operation: 'set'; value: string }[];
  };
  condition: {
    /** `|` anchors the filter at both ends: this address, with no query string. */
    urlFilter: string;
    requestMethods: ['post'];
    resourceTypes: ['xmlhttprequest'];
    tabIds: number[];
  };
}

export function pageHeaderRules(): HeaderRule[] {
  return PAGE_OF_QUERY.map(({ url, page }, index) => ({
    id: PAGE_HEADER_RULE_IDS[index]!,
    priority: 1,
    action: {
      type: 'modifyHeaders',
      requestHeaders: [
        { header: 'origin', operation: 'set', value: ORIGIN },
        { header: 'referer', operation: 'set', value: page },
      ],
    },
    condition: {
      urlFilter: `|${url}|`,
      requestMethods: ['post'],
      resourceTypes: ['xmlhttprequest'],
      tabIds: [NO_TAB],
    },
  }));
}
