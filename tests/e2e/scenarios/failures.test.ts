import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { BROWSERS } from '../harness/browsers';
import { refresh, shownOrders, sourceLine, waitForOrders } from '../harness/popup';
import { eventually, logInOn12306, MINUTE, useWorldAndBrowser } from '../harness/world';
import type { ReplyPlan } from '../fake-12306/server';

// Scenario 6: an order leaves the list only on a good reply that no longer has it. Busy, failed,
// malformed and HTML replies keep it on screen, marked as not confirmed, with no "no longer
// pending" notification.

describe.each(BROWSERS)('%s: paid orders and failed replies', (_name, launch) => {
  const env = useWorldAndBrowser(launch);
  let popup: Page;

  beforeAll(async () => {
    env.world.fake.setReply({
      kind: 'orders',
      orders: [{ sequenceNo: 'E200000001', payLimit: Date.now() + 20 * MINUTE }],
    });
    const page = await env.session.browser.newPage();
    await logInOn12306(page);
    popup = await env.session.openPopup();
    await waitForOrders(popup, 1);
  });

  it('a paid order leaves the list and "no longer pending" is notified', async () => {
    env.world.fake.setReply({ kind: 'none' });
    await refresh(popup);
    expect(await shownOrders(popup)).toEqual([]);
    expect(await popup.$eval('.empty', (element) => (element as HTMLElement).innerText)).toContain(
      'No orders waiting for payment',
    );
    expect(await eventually(async () => (await env.session.notifications()).includes('gone|12306:E200000001'))).toBe(
      true,
    );
  });

  const failures: [string, ReplyPlan, string][] = [
    ['busy JSON', { kind: 'busyJson', message: '网络繁忙' }, 'busy'],
    ['a redirect to the error page', { kind: 'busyRedirect', to: 'www' }, 'busy'],
    ['HTTP 500', { kind: 'status', status: 500 }, 'busy'],
    ['malformed JSON', { kind: 'malformed' }, 'unexpected'],
    ['an HTML page', { kind: 'html' }, 'loggedOut'],
    // Past the extension's 20-second timeout, with a reply that would have said the order was paid.
    ['a reply too slow to wait for', { kind: 'slow', delayMs: 25_000, then: { kind: 'none' } }, 'timeout'],
  ];

  it.each(failures)('after %s the order stays, marked as not confirmed', async (_name, plan, status) => {
    env.world.fake.setReply({
      kind: 'orders',
      orders: [{ sequenceNo: 'E200000002', payLimit: Date.now() + 20 * MINUTE }],
    });
    await refresh(popup);
    await eventually(async () => (await sourceLine(popup)).status === 'ok', 10_000, 'a good check');
    expect((await shownOrders(popup)).map((order) => order.id)).toEqual(['E200000002']);

    env.world.fake.setReply(plan);
    await refresh(popup);
    expect((await sourceLine(popup)).status).toBe(status);
    expect((await shownOrders(popup)).map((order) => order.id)).toEqual(['E200000002']);
    expect((await sourceLine(popup)).text).toContain('not yet confirmed');
    expect(await env.session.notifications()).not.toContain('gone|12306:E200000002');
    // The server's own words, as text.
    if (plan.kind === 'busyJson') expect((await sourceLine(popup)).text).toContain('网络繁忙');
    if (plan.kind === 'slow') expect((await sourceLine(popup)).text).toContain('12306 did not answer in time');
  });
});
