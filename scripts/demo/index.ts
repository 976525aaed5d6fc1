import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { launchChromium } from '../../tests/e2e/harness/chromium';
import { startWorld } from '../../tests/e2e/harness/world';
import { VENUE_A_HOST } from '../../tests/e2e/fake-ticket-system/server';
import { openDemoPages, stageOrders } from './scenario';
import { drawStorePictures } from './store';

// `npm run demo`: PayClock working without a 12306 or venue account. The end-to-end tests' fake
// 12306 and fake ticket-system venue, with a few orders due in minutes, and Debian's Chromium with
// the built extension (.output/chrome-mv3) reaching them through the same local proxy. Headed when
// DISPLAY is set; otherwise headless, and it says how to see it.
//
//   npm run demo                      runs until Ctrl-C
//   npm run demo -- --screenshot DIR  saves popup.png, overlay.png and options.png in DIR, then exits
//   npm run demo -- --store           draws the store pictures (store/screenshots/<locale>/), then exits

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

  const world = await startWorld();
  const staged = stageOrders(world, Date.now());
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
    const { site, options, popup } = await openDemoPages(session, staged, {
      locale: 'en',
      venueLabel: 'Demo venue (黄山)',
      popupScale: shots ? 2 : 1,
      pageScale: 1,
    });

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

if (process.argv.includes('--store')) {
  await drawStorePictures().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
} else await main();
