import { describe, expect, it } from 'vitest';
import { LINEUP_PAGE_URL, WAITLIST_QUEUE_URL } from '@/lib/sources/12306/waitlist/endpoints';
import { ORIGIN, PAY_PAGE_URL, UNFINISHED_ORDERS_URL } from '@/lib/sources/12306/endpoints';
import { PAGE_HEADER_RULE_IDS, pageHeaderRules } from '@/lib/sources/12306/page-headers';

describe('the Origin and Referer rules of the 12306 queries', () => {
  const rules = pageHeaderRules();

  it('give each query the origin of the site and the page of its own that sends it', () => {
    const headersOf = (url: string) => rules.find((rule) => rule.condition.urlFilter === `|${url}|`)?.action;
    expect(headersOf(UNFINISHED_ORDERS_URL)?.requestHeaders).toEqual([
      { header: 'origin', operation: 'set', value: ORIGIN },
      { header: 'referer', operation: 'set', value: PAY_PAGE_URL },
    ]);
    expect(headersOf(WAITLIST_QUEUE_URL)?.requestHeaders).toEqual([
      { header: 'origin', operation: 'set', value: ORIGIN },
      { header: 'referer', operation: 'set', value: LINEUP_PAGE_URL },
    ]);
    expect(rules).toHaveLength(2);
  });

  it('touch only the extension’s own POSTs to exactly those addresses, never a tab’s request', () => {
    for (const rule of rules) {
      // Anchored at both ends: no other path, no query string.
      expect(rule.condition.urlFilter).toMatch(/^\|https:\/\/kyfw\.12306\.cn\/otn\/[A-Za-z/]+\|$/);
      expect(rule.condition.tabIds).toEqual([-1]);
      expect(rule.condition.requestMethods).toEqual(['post']);
      expect(rule.condition.resourceTypes).toEqual(['xmlhttprequest']);
    }
  });

  it('have ids of their own, the same every time, so installing again replaces them', () => {
    expect(rules.map((rule) => rule.id)).toEqual(PAGE_HEADER_RULE_IDS);
    expect(pageHeaderRules()).toEqual(rules);
    expect(new Set(PAGE_HEADER_RULE_IDS).size).toBe(PAGE_HEADER_RULE_IDS.length);
  });
});
