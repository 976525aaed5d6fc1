import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS } from '../harness/browsers';
import type { ExtensionSession } from '../harness/session';
import { waitForOrders } from '../harness/popup';
import { logInOn12306, MINUTE, startWorld, type World } from '../harness/world';

// Scenario 7: text from 12306 is shown as text. Markup in a station or passenger name must neither
// render nor run.

export const HOSTILE = '<img src=x onerror="document.title=\'pwned\'">';

describe.each(BROWSERS)('%s: hostile server text', (_name, launch) => {
  let world: World;
  let session: ExtensionSession;

  beforeAll(async () => {
    world = await startWorld();
    session = await launch({ proxyPort: world.proxy.port });
  });
  afterAll(async () => {
    await session?.close();
    await world?.close();
  });

  it('shows markup in station and passenger names as literal text and runs nothing', async () => {
    world.fake.setReply({
      kind: 'orders',
      orders: [{ sequenceNo: 'E300000001', from: HOSTILE, passengers: [HOSTILE], payLimit: Date.now() + 20 * MINUTE }],
    });
    const page = await session.browser.newPage();
    await logInOn12306(page);
    const popup = await session.openPopup();
    const [order] = await waitForOrders(popup, 1);
    expect(order!.route).toBe(`${HOSTILE} → 上海虹桥`);
    expect(order!.details).toContain(HOSTILE);
    expect(await popup.$$('img')).toHaveLength(0);
    expect(await popup.title()).toBe('PayClock');
  });
});
