import { browser } from 'wxt/browser';
import { PAGE_HEADER_RULE_IDS, pageHeaderRules } from '@/lib/sources/12306/page-headers';

// Session rules: they last until the browser closes, so every start of the background installs them
// again (replacing its own, by id) before its first 12306 query. Firefox (≥ 113) has the same API in
// its MV2 build. Never throws: without the rules, the queries go as before.

/** Whether the rules are in place. */
export async function installPageHeaderRules(): Promise<boolean> {
  const dnr = (browser as { declarativeNetRequest?: typeof browser.declarativeNetRequest }).declarativeNetRequest;
  if (!dnr?.updateSessionRules) return false;
  try {
    await dnr.updateSessionRules({ removeRuleIds: PAGE_HEADER_RULE_IDS, addRules: pageHeaderRules() });
    return true;
  } catch (error) {
    console.warn('PayClock: could not set the Origin and Referer of the 12306 queries', error);
    return false;
  }
}
