import { describe, expect, it } from 'vitest';
import { BROWSERS } from '../harness/browsers';
import { waitForOrders } from '../harness/popup';
import { logInOn12306, MINUTE, useWorldAndBrowser } from '../harness/world';

// Scenario 7: text from 12306 is shown as text. Markup in a station or passenger name must neither
// render nor run.

export const HOSTILE = '<img src=x onerror="document.title=\'pwned\'">';

describe.each(BROWSERS)('%s: hostile server text', (_name, launch) => {
  const env = useWorldAndBrowser(launch);

  it('shows markup in station and passenger names as literal text and runs nothing', async () => {
    env.world.fake.setReply({
      kind: 'orders',
      orders: [{ sequenceNo: 'E300000001', from: HOSTILE, passengers: [HOSTILE], payLimit: Date.now() + 20 * MINUTE }],
    });
    const page = await env.session.browser.newPage();
    await logInOn12306(page);
    const popup = await env.session.openPopup();
    const [order] = await waitForOrders(popup, 1);
    expect(order!.route).toBe(`${HOSTILE} → 上海虹桥`);
    expect(order!.details).toContain(HOSTILE);
    expect(await popup.$$('img')).toHaveLength(0);
    expect(await popup.title()).toBe('PayClock');
  });
});
