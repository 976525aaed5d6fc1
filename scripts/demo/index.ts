import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { launchChromium } from '../../tests/e2e/harness/chromium';
import { inShadowRoot } from '../../tests/e2e/harness/closed-shadow';
import { addVenueAccount, watchOrders } from '../../tests/e2e/harness/venue';
import { eventually, logInOn12306, MINUTE, startWorld } from '../../tests/e2e/harness/world';
import { VENUE_A_HOST } from '../../tests/e2e/fake-ticket-system/server';

// `npm run demo`: PayClock working without a 12306 or venue account. The end-to-end tests' fake
// 12306 and fake ticket-system venue, with a few orders due in minutes, and Debian's Chromium with
// the built extension (.output/chrome-mv3) reaching them through the same local proxy. Headed when
// DISPLAY is set; otherwise headless, and it says how to see it.
//
//   npm run demo                      runs until Ctrl-C
//   npm run demo -- --screenshot DIR  saves popup.png, overlay.png and options.png in DIR, then exits

const ORDERS_PAGE = 'https://kyfw.12306.cn/otn/view/train_order.html';
const wholeSecond = (instant: number) => Math.floor(instant / 1000) * 1000;

function screenshotDir(): string | null {
  const at = process.argv.indexOf('--screenshot');
  if (at === -1) return null;
  const dir = process.argv[at + 1];
  if (!dir || dir.startsWith('--')) throw new Error('--screenshot needs a directory');
  return resolve(dir);
}

async function main() {
  const shots = screenshotDir();
  const headless = !process.env.DISPLAY;
  const now = Date.now();

  const world = await startWorld();
  // Two unpaid train orders: the first's 5- and 1-minute reminders fall 1 and 5 minutes from now.
  world.fake.setReply({
    kind: 'orders',
    orders: [
      { sequenceNo: 'E100000001', train: 'G101', payLimit: wholeSecond(now + 6 * MINUTE), passengers: ['杨赟'] },
      {
        sequenceNo: 'E100000002',
        train: 'D312',
        from: '杭州东',
        to: '黄山北',
        payLimit: wholeSecond(now + 25 * MINUTE),
        passengers: ['杨赟', '李雷'],
        priceYuan: 161,
      },
    ],
  });
  // A venue account with one order awaiting payment; its 10-minute reminder falls a minute from now.
  const agent = { username: 'demo-agent', key: 'DEMO-KEY-1234', password: 'demo-password' };
  const venueOrder = '202405010001';
  world.venue.addAccount(agent);
  const venueDeadline = wholeSecond(now + 11 * MINUTE);
  world.venue.setOrder(agent.username, {
    orderid: venueOrder,
    status: '0',
    orderedAt: venueDeadline - 15 * MINUTE,
    payTimeoutMinutes: 15,
    product: '黄山风景区门票',
  });

  const session = await launchChromium({ proxyPort: world.proxy.port, headless });
  let closing = false;
  const close = async (code = 0) => {
    if (closing) return;
    closing = true;
    await session.close().catch(() => {});
    await world.close().catch(() => {});
    process.exit(code);
  };
  process.on('SIGINT', () => void close());
  process.on('SIGTERM', () => void close());

  try {
    // Log in on the fake 12306 as a user would; the extension notices the cookie and checks.
    const site = await session.browser.newPage();
    await site.setViewport({ width: 1280, height: 800 });
    await logInOn12306(site);
    await eventually(
      async () =>
        ((await session.storage())['snapshot.12306'] as { orders?: unknown[] } | undefined)?.orders?.length === 2,
      20_000,
      'the two 12306 orders in storage',
    );

    // The venue account and its watched order, entered on the settings page.
    const options = await session.openPage('options.html');
    await options.setViewport({ width: 900, height: 900 });
    const accountId = await addVenueAccount(options, {
      label: 'Demo venue (黄山)',
      baseUrl: `https://${VENUE_A_HOST}`,
      flavour: 'v5',
      username: agent.username,
      key: agent.key,
      password: agent.password,
    });
    await watchOrders(options, accountId, [venueOrder]);

    // The overlay on 12306's unpaid-orders page.
    await site.bringToFront();
    await site.goto(ORDERS_PAGE);
    await eventually(
      // Its root is closed to the page: read over the browser's protocol, as the e2e tests do.
      async () =>
        Boolean(await inShadowRoot(site, 'payclock-overlay', (root) => root.querySelector('.pc') !== null, null)),
      10_000,
      'the overlay',
    );

    const popup = await session.openPopup({ deviceScaleFactor: shots ? 2 : 1 });
    await eventually(
      () => popup.evaluate(() => document.querySelectorAll('.order').length >= 3),
      30_000,
      'three orders in the popup',
    ).catch((error) => console.warn(`note: ${String(error)}`));

    if (shots) {
      mkdirSync(shots, { recursive: true });
      const save = async (page: Page, name: string, selector?: string) => {
        await page.bringToFront();
        const path = resolve(shots, `${name}.png`) as `${string}.png`;
        if (selector) await (await page.waitForSelector(selector))!.screenshot({ path });
        else await page.screenshot({ path, fullPage: name === 'options' });
        console.log(`saved ${path}`);
      };
      await save(popup, 'popup', '.popup');
      await save(site, 'overlay');
      await options.reload();
      await options.waitForSelector('li.account');
      await save(options, 'options');
      await close(0);
      return;
    }

    console.log(
      [
        'PayClock demo running: fake 12306 (logged in as "traveller", 2 unpaid orders) and a fake venue',
        `(${VENUE_A_HOST}, 1 watched order), reached through the proxy on 127.0.0.1:${world.proxy.port}.`,
        "Reminders: 5-minute one for G101 in about 1 minute, the venue order's 10-minute one in about 1 minute.",
        `Popup: chrome-extension://${session.extensionId}/popup.html (open in a tab, or the toolbar icon)`,
        headless
          ? 'No DISPLAY: Chromium runs headless, so there is nothing to look at. To see it, run with a display\n' +
            '(e.g. `xvfb-run -a npm run demo` under a VNC server, or from a desktop session), or save pictures\n' +
            'with `npm run demo -- --screenshot DIR`.'
          : 'Chromium is open: the popup is in one tab, the overlay on the 12306 tab, the settings in another.',
        'Ctrl-C to stop.',
      ].join('\n'),
    );
    await new Promise(() => {});
  } catch (error) {
    console.error(error);
    await close(1);
  }
}

await main();
