import type { Browser } from 'puppeteer-core';

// The store pictures are small HTML scenes rendered by Chromium at exactly the size a store takes:
// a caption on PayClock's colour (its icon's face, the settings' accent) and real screenshots of the
// extension in it, scaled to fit. The popup alone is 380 × 600, no store size.

export interface Size {
  width: number;
  height: number;
}

/** Chrome Web Store and AMO screenshots; Chrome's small promo tile. */
export const SCREENSHOT: Size = { width: 1280, height: 800 };
export const TILE: Size = { width: 440, height: 280 };

// One flat colour: a gradient behind the pictures doubled their PNGs (1.8 MB for the two languages).
const BRAND = '#0f766e';
const FONTS = 'system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';
const CAPTION_BAND = 140;
const MARGIN = 40;
const GAP = 32;

const dataUrl = (png: Uint8Array) => `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
// Captions come from the listing, a file of ours, but are still put in as text, never as markup.
const asText = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const page = (size: Size, css: string, body: string) =>
  `<!doctype html><meta charset="utf-8"><style>
  html, body { margin: 0; width: ${size.width}px; height: ${size.height}px; overflow: hidden; }
  body { background: ${BRAND}; color: #fff; font-family: ${FONTS}; }
  ${css}</style><body>${body}</body>`;

/** A 1280 × 800 screenshot: the caption above, the pictures side by side below it. */
export function screenshotScene(caption: string, pictures: readonly Uint8Array[]): string {
  const height = SCREENSHOT.height - CAPTION_BAND - MARGIN;
  const width = (SCREENSHOT.width - 2 * MARGIN - GAP * (pictures.length - 1)) / pictures.length;
  const css = `
    h1 { height: ${CAPTION_BAND}px; margin: 0; display: flex; align-items: center; justify-content: center;
         padding: 0 ${MARGIN}px; text-align: center; font-size: 40px; font-weight: 700; }
    .pictures { height: ${height}px; display: flex; gap: ${GAP}px; justify-content: center; align-items: flex-start; }
    img { max-width: ${width}px; max-height: ${height}px; border-radius: 12px; background: #fff;
          box-shadow: 0 16px 48px rgb(0 0 0 / 0.35); }`;
  const images = pictures.map((png) => `<img src="${dataUrl(png)}" alt="">`).join('');
  return page(SCREENSHOT, css, `<h1>${asText(caption)}</h1><div class="pictures">${images}</div>`);
}

/** The 440 × 280 promo tile: the icon, the name and one line. */
export function tileScene(caption: string, icon: Uint8Array): string {
  const css = `
    body { display: flex; align-items: center; gap: 24px; padding: 0 32px; box-sizing: border-box; }
    img { width: 112px; height: 112px; flex: none; }
    .name { font-size: 40px; font-weight: 700; margin: 0 0 8px; }
    .line { font-size: 21px; line-height: 1.35; margin: 0; }`;
  const body = `<img src="${dataUrl(icon)}" alt=""><div><p class="name">PayClock</p><p class="line">${asText(caption)}</p></div>`;
  return page(TILE, css, body);
}

/** Renders `html` at exactly `size` CSS pixels (one device pixel each) and saves it as a PNG. */
export async function render(browser: Browser, html: string, size: Size, path: `${string}.png`): Promise<void> {
  const tab = await browser.newPage();
  try {
    await tab.setViewport({ ...size, deviceScaleFactor: 1 });
    await tab.setContent(html, { waitUntil: 'load' });
    await tab.evaluate(() => document.fonts.ready.then(() => undefined));
    await tab.screenshot({ path });
  } finally {
    await tab.close();
  }
}
