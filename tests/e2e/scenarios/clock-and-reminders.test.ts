import { describe, expect, it } from 'vitest';
import { BROWSERS } from '../harness/browsers';
import { countdownSeconds, waitForOrders } from '../harness/popup';
import { eventually, logInOn12306, MINUTE, useWorldAndBrowser } from '../harness/world';

// Scenarios 4 and 5: the countdown follows 12306's clock, not the computer's, and a reminder
// notification appears at its moment, fired by its own alarm rather than by the next poll.

describe.each(BROWSERS)('%s: server clock and reminders', (_name, launch) => {
  const skew = 5 * MINUTE;
  // 12306's clock is 5 minutes ahead of this computer's.
  const env = useWorldAndBrowser(launch, { beforeLaunch: (world) => world.fake.setClockSkew(skew) });

  it('counts down to the deadline on the server clock', async () => {
    // 10 minutes left by 12306's clock (15 by ours). The 1-minute reminder falls 9 minutes from now
    // on the server clock; the 5 and 10 minute ones are covered by the "new order" notice.
    const deadline = Date.now() + skew + 10 * MINUTE;
    env.world.fake.setReply({ kind: 'orders', orders: [{ sequenceNo: 'E100000001', payLimit: deadline }] });
    const page = await env.session.browser.newPage();
    await logInOn12306(page);
    const popup = await env.session.openPopup();
    const [order] = await waitForOrders(popup, 1);
    const expected = Math.ceil((deadline - (Date.now() + skew)) / 1000);
    expect(Math.abs(countdownSeconds(order!.countdown) - expected)).toBeLessThanOrEqual(2);
    expect(countdownSeconds(order!.countdown)).toBeLessThan(10 * 60 + 2);
    await popup.close();
    await page.close();
  });

  it('shows a reminder when its threshold is reached, within a couple of seconds', async () => {
    // A second order whose 1-minute reminder is due 8 seconds from now (server clock).
    const deadline = Date.now() + skew + MINUTE + 8_000;
    env.world.fake.setReply({
      kind: 'orders',
      orders: [
        { sequenceNo: 'E100000001', payLimit: Date.now() + skew + 10 * MINUTE },
        { sequenceNo: 'E100000002', train: 'G7', payLimit: deadline },
      ],
    });
    const popup = await env.session.openPopup();
    await popup.click('.refresh');
    await waitForOrders(popup, 2);
    await popup.close();

    const reminder = `remind|1|${Math.floor(deadline / 1000) * 1000}|12306:E100000002`;
    const plannedAt = Math.floor(deadline / 1000) * 1000 - skew - MINUTE; // local instant
    const shownAt = await eventually(
      async () => ((await env.session.notifications()).includes(reminder) ? Date.now() : undefined),
      20_000,
      `notification ${reminder}`,
    );
    // Polled every 200 ms, and the learned offset is good to well under a second.
    expect(shownAt - plannedAt).toBeLessThan(2_500);
    expect(shownAt - plannedAt).toBeGreaterThan(-1_500);
  });
});
