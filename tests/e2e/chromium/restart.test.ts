import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type ChromiumSession } from '../harness/chromium';
import { eventually, logInOn12306, MINUTE, startWorld, type World } from '../harness/world';

// Scenario 8: Chrome stops an idle service worker whenever it likes. Reminders and polling must go
// on: their alarms wake the stopped worker, which carries on from stored state.

describe('Chromium: background stopped mid-way', () => {
  let world: World;
  let chromium: ChromiumSession;

  beforeAll(async () => {
    world = await startWorld();
    chromium = await launchChromium({ proxyPort: world.proxy.port });
  });
  afterAll(async () => {
    await chromium?.close();
    await world?.close();
  });

  it('keeps reminding and polling after the service worker is stopped', async () => {
    const deadline = Date.now() + MINUTE + 12_000;
    const deadlineSecond = Math.floor(deadline / 1000) * 1000; // 12306 times have whole seconds
    world.fake.setReply({ kind: 'orders', orders: [{ sequenceNo: 'E400000001', payLimit: deadline }] });
    const page = await chromium.browser.newPage();
    await logInOn12306(page);
    await page.close();
    const key = '12306:E400000001';
    await eventually(async () => (await chromium.notifications()).includes(`found|${key}`), 10_000, 'found');
    const queriesBefore = world.fake.orderQueries().length;

    const watch = await chromium.watchWorker();
    await watch.stop();
    const stoppedAt = Date.now();

    // The 1-minute reminder's alarm wakes the worker, which shows it on time.
    const reminder = `remind|1|${deadlineSecond}|${key}`;
    const plannedAt = deadlineSecond - MINUTE;
    const sentAt = await eventually(
      async () => {
        const { 'alerts.sent': sent } = await chromium.storage();
        return (sent as Record<string, number> | undefined)?.[reminder];
      },
      25_000,
      `reminder ${reminder}`,
    );
    expect(Math.abs(sentAt - plannedAt)).toBeLessThan(2_500);
    const restart = watch.history.find((entry) => entry.at > stoppedAt && entry.status === 'running');
    expect(restart, 'the worker was started again by an alarm').toBeDefined();
    expect(restart!.at).toBeGreaterThan(plannedAt - 2_500);

    // Polling carries on: the next check comes a minute after the last one, logged in.
    await eventually(async () => world.fake.orderQueries().length > queriesBefore, 75_000, 'a poll after the stop');
    expect(world.fake.orderQueries().at(-1)!.cookies.tk).toBeTruthy();
  }, 150_000); // waits for real alarms: a reminder about a minute away, then the next poll
});
