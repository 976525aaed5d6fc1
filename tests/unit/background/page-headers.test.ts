import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { installPageHeaderRules } from '@/entrypoints/background/page-headers';
import { PAGE_HEADER_RULE_IDS, pageHeaderRules } from '@/lib/sources/12306/page-headers';

// WXT's fake browser has no declarativeNetRequest: each test gives it the one it stands for.

type WithDnr = { declarativeNetRequest?: { updateSessionRules?: unknown } };
const browser = fakeBrowser as unknown as WithDnr;

describe('installing the Origin and Referer rules', () => {
  afterEach(() => {
    delete browser.declarativeNetRequest;
    vi.restoreAllMocks();
  });

  it('replaces its own session rules with the current ones', async () => {
    const updateSessionRules = vi.fn(async () => undefined);
    browser.declarativeNetRequest = { updateSessionRules };
    await expect(installPageHeaderRules()).resolves.toBe(true);
    expect(updateSessionRules).toHaveBeenCalledWith({
      removeRuleIds: PAGE_HEADER_RULE_IDS,
      addRules: pageHeaderRules(),
    });
  });

  it('lets the queries go as before where the browser has no such API', async () => {
    await expect(installPageHeaderRules()).resolves.toBe(false);
  });

  it.each([
    ['refuses the rules', () => Promise.reject(new Error('Rule with id 1306: invalid header'))],
    [
      'throws',
      () => {
        throw new Error('not implemented');
      },
    ],
  ])('lets the queries go as before where the browser %s', async (_, updateSessionRules) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    browser.declarativeNetRequest = { updateSessionRules };
    await expect(installPageHeaderRules()).resolves.toBe(false);
    expect(warn).toHaveBeenCalledOnce();
  });
});
