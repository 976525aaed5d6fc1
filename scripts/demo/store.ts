import { mkdirSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { launchChromium } from '../../tests/e2e/harness/chromium';
import { startWorld } from '../../tests/e2e/harness/world';
import {
  captions,
  picturePath,
  readListing,
  STORE_DIR,
  STORE_LOCALES,
  STORE_PICTURES,
  type StoreLocale,
  UI_LOCALE,
} from './listing';
import { expandOverlay, openDemoPages, stageOrders } from './scenario';
import { render, SCREENSHOT, screenshotScene, TILE, tileScene } from './scene';

// `npm run demo -- --store`: the store pictures, in each listing's language, from the demo's own
// orders. A browser in that language (Debian's chromium-l10n) shows the extension in it, as
// tests/e2e/chromium/chinese-ui.test.ts does; Beijing time, as 12306's users live in it.

const BROWSER_LANGUAGE: Record<StoreLocale, string> = { zh_CN: 'zh-CN', en: 'en-US' };
const VENUE_LABEL: Record<StoreLocale, string> = { zh_CN: '黄山风景区', en: 'Huangshan Scenic Area' };

/** The part of the settings page from `first`'s top to `last`'s bottom, with a little margin. */
async function settingsPart(options: Page, first: string, last: string): Promise<Uint8Array> {
  const top = (await (await options.waitForSelector(first))!.boundingBox())!;
  const bottom = (await (await options.waitForSelector(last))!.boundingBox())!;
  const margin = 12;
  return options.screenshot({
    clip: {
      x: top.x - margin,
      y: top.y - margin,
      width: top.width + 2 * margin,
      height: bottom.y + bottom.height - top.y + 2 * margin,
    },
  });
}

/** Refuses to draw a listing's pictures without the ticket order, or with an account in trouble. */
async function showsEverything(popup: Page, options: Page): Promise<void> {
  const orders = await popup.$$eval('.order', (cards) => cards.length);
  if (orders !== 3) throw new Error(`the popup shows ${orders} orders, not the demo's 3`);
  if (await options.$('.account__status--error')) throw new Error('the venue account shows a problem');
}

async function drawLocale(locale: StoreLocale): Promise<void> {
  const caption = captions(readListing(locale));
  const world = await startWorld();
  const session = await launchChromium({
    proxyPort: world.proxy.port,
    language: BROWSER_LANGUAGE[locale],
    timeZone: 'Asia/Shanghai',
  });
  try {
    const staged = stageOrders(world, Date.now());
    const { site, options, popup } = await openDemoPages(session, staged, {
      locale: UI_LOCALE[locale],
      venueLabel: VENUE_LABEL[locale],
      popupScale: 2,
      pageScale: 2,
    });

    await showsEverything(popup, options);
    // The listing shows the light theme, still: whatever the desktop running this prefers.
    for (const page of [popup, site, options])
      await page.emulateMediaFeatures([
        { name: 'prefers-color-scheme', value: 'light' },
        { name: 'prefers-reduced-motion', value: 'reduce' },
      ]);
    await popup.bringToFront();
    const popupShot = await (await popup.waitForSelector('.popup'))!.screenshot();

    // A smaller window than the demo's, so the overlay is near its real size in the picture.
    await site.bringToFront();
    await site.setViewport({ width: 1024, height: 640, deviceScaleFactor: 2 });
    await expandOverlay(site);
    const siteShot = await site.screenshot();

    // Tall enough to hold every section unscrolled, so their boxes are the page's own coordinates.
    await options.bringToFront();
    await options.setViewport({ width: 760, height: 2400, deviceScaleFactor: 2 });
    await options.reload();
    await options.waitForSelector('li.account');
    const settingsShots = [
      await settingsPart(options, '.options__header', '[aria-labelledby="notify-heading"]'),
      await settingsPart(options, '[aria-labelledby="accounts-heading"]', '[aria-labelledby="watched-heading"]'),
    ];

    mkdirSync(resolve(STORE_DIR, 'screenshots', locale), { recursive: true });
    const scenes: [string, string][] = [
      ['1-popup', screenshotScene(caption['1-popup']!, [popupShot])],
      ['2-overlay', screenshotScene(caption['2-overlay']!, [siteShot])],
      ['3-settings', screenshotScene(caption['3-settings']!, settingsShots)],
      ['tile', tileScene(caption.tile!, readFileSync(resolve('public/icon/128.png')))],
    ];
    for (const [picture, html] of scenes) {
      const path = picturePath(locale, picture);
      await render(session.browser, html, picture === 'tile' ? TILE : SCREENSHOT, path);
      console.log(`saved ${relative(process.cwd(), path)}`);
    }
  } finally {
    await session.close().catch(() => {});
    await world.close().catch(() => {});
  }
}

export async function drawStorePictures(): Promise<void> {
  for (const locale of STORE_LOCALES) {
    const missing = STORE_PICTURES.filter((picture) => !captions(readListing(locale))[picture]);
    if (missing.length > 0) throw new Error(`store/listing.${locale}.md has no caption for ${missing.join(', ')}`);
  }
  for (const locale of STORE_LOCALES) await drawLocale(locale);
}
