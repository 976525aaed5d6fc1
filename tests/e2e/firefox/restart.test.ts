import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefox, type FirefoxSession } from '../harness/firefox';
import { eventually, logInOn12306, MINUTE, startWorld, type World } from '../harness/world';

// Scenario 8 in Firefox: the background is an event page that Firefox unloads once idle (here after
// 2 seconds instead of 30). Reminders and polling must go on: their alarms load it again, and it
// carries on from stored state.

describe('Firefox: event page unloaded mid-way', () => {
  let world: World;
  let firefox: FirefoxSession;

  beforeAll(async () => {
    world = await startWorld();
    firefox = await launchFirefox({ proxyPort: world.proxy.port, backgroundIdleMs: 2_000 });
  });
  afterAll(async () => {
    await firefox?.close();
    await world?.close();
  });

  it('keeps reminding and polling after Firefox unloads the idle event page', async () => {
    const deadline = Date.now() + MINUTE + 15_000;
    const deadlineSecond = Math.floor(deadline / 1000) * 1000; // 12306 times have whole seconds
    world.fake.setReply({ kind: 'orders', orders: [{ sequenceNo: 'E400000001', payLimit: deadline }] });
    const page = await firefox.browser.newPage();
    await logInOn12306(page);
    await page.close();
    const key = '12306:E400000001';
    await eventually(async () => (await firefox.notifications()).includes(`found|${key}`), 10_000, 'found');

    await firefox.markBackground();
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(await firefox.backgroundReloaded(), 'Firefox unloaded the idle event page').toBe(true);
    const queriesBefore = world.fake.orderQueries().length;

    // The 1-minute reminder's alarm loads the event page again, which shows it on time.
    const reminder = `remind|1|${deadlineSecond}|${key}`;
    const plannedAt = deadlineSecond - MINUTE;
    const sentAt = await eventually(
      async () => {
        const { 'alerts.sent': sent } = await firefox.storage();
        return (sent as Record<string, number> | undefined)?.[reminder];
      },
      25_000,
      `reminder ${reminder}`,
    );
    expect(Math.abs(sentAt - plannedAt)).toBeLessThan(2_500);
    expect(await firefox.notifications()).toContain(reminder);

    // Polling carries on: the next check comes a minute after the last one, logged in.
    await eventually(async () => world.fake.orderQueries().length > queriesBefore, 75_000, 'a poll after the unload');
    expect(world.fake.orderQueries().at(-1)!.cookies.tk).toBeTruthy();
  }, 150_000); // waits for real alarms: a reminder about a minute away, then the next poll
});
