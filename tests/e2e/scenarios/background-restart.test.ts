import { describe, expect, it } from 'vitest';
import { launchChromium } from '../harness/chromium';
import { launchFirefox } from '../harness/firefox';
import type { ExtensionSession } from '../harness/session';
import { eventually, logInOn12306, MINUTE, withWorld, type World } from '../harness/world';

// Scenario 8: the browser stops the background whenever it likes (Chrome stops an idle service
// worker; Firefox unloads an idle event page). Reminders and polling must go on: their alarms start
// the background again, and it carries on from stored state.
//
// Both browsers run at once: each test spends a minute waiting for real alarms, not computing.

const KEY = '12306:E400000001';

/** Logs in with one order whose 1-minute reminder is due 20 s from now; returns its deadline. */
async function logInWithOrderDueSoon(world: World, session: ExtensionSession): Promise<number> {
  const deadline = Math.floor((Date.now() + MINUTE + 20_000) / 1000) * 1000; // 12306 times have whole seconds
  world.fake.setReply({ kind: 'orders', orders: [{ sequenceNo: 'E400000001', payLimit: deadline }] });
  const page = await session.browser.newPage();
  await logInOn12306(page);
  await page.close();
  await eventually(async () => (await session.notifications()).includes(`found|${KEY}`), 10_000, 'found');
  return deadline;
}

/** After the background was stopped: the reminder comes on time, and so does the next poll. */
async function expectRemindingAndPolling(world: World, session: ExtensionSession, deadline: number): Promise<void> {
  const queriesBefore = world.fake.orderQueries().length;
  const reminder = `remind|1|${deadline}|${KEY}`;
  const sentAt = await eventually(
    async () => {
      const { 'alerts.sent': sent } = await session.storage();
      return (sent as Record<string, number> | undefined)?.[reminder];
    },
    25_000,
    `reminder ${reminder}`,
  );
  expect(Math.abs(sentAt - (deadline - MINUTE))).toBeLessThan(2_500);
  // The alert is logged as sent just before its notification is created (at most once, even if the
  // background is stopped in between), so the notification may trail the log by a moment.
  await eventually(async () => (await session.notifications()).includes(reminder), 2_500, `notification ${reminder}`);

  // The next check comes a minute after the last one, logged in.
  await eventually(async () => world.fake.orderQueries().length > queriesBefore, 75_000, 'a poll after the stop');
  expect(world.fake.orderQueries().at(-1)!.cookies.tk).toBeTruthy();
}

// Waits for real alarms: a reminder about a minute away, then the next poll.
const TIMEOUT = 150_000;

describe.concurrent('background stopped mid-way', () => {
  it(
    'Chromium: keeps reminding and polling after the service worker is stopped',
    () =>
      withWorld(
        (proxyPort) => launchChromium({ proxyPort }),
        async (world, chromium) => {
          const deadline = await logInWithOrderDueSoon(world, chromium);
          const watch = await chromium.watchWorker();
          await watch.stop();
          const stoppedAt = Date.now();

          await expectRemindingAndPolling(world, chromium, deadline);
          const restart = watch.history.find((entry) => entry.at > stoppedAt && entry.status === 'running');
          expect(restart, 'the worker was started again by an alarm').toBeDefined();
          expect(restart!.at).toBeGreaterThan(deadline - MINUTE - 2_500);
        },
      ),
    TIMEOUT,
  );

  it(
    'Firefox: keeps reminding and polling after the idle event page is unloaded',
    () =>
      withWorld(
        // Firefox unloads an idle event page after 30 seconds; 2 here.
        (proxyPort) => launchFirefox({ proxyPort, backgroundIdleMs: 2_000 }),
        async (world, firefox) => {
          const deadline = await logInWithOrderDueSoon(world, firefox);
          await firefox.markBackground();
          await new Promise((resolve) => setTimeout(resolve, 6_000));
          expect(await firefox.backgroundReloaded(), 'Firefox unloaded the idle event page').toBe(true);

          await expectRemindingAndPolling(world, firefox, deadline);
        },
      ),
    TIMEOUT,
  );
});
