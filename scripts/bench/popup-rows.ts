import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession } from 'puppeteer-core';
import { POPUP_ITEMS } from '@/entrypoints/popup/items';
import { CHROME_BUILD, launchChromium, type ChromiumSession } from '../../tests/e2e/harness/chromium';
import { startWorld } from '../../tests/e2e/harness/world';
import { median, sampleOrders, seedSnapshot, sleep } from './browser';

// The popup's rows of `npm run bench`: how soon its first render fills the view, and what it costs
// while open.

interface RenderTiming {
  /** The orders the popup's view has room for are in the page (or the empty state, for 0). */
  shownMs: number;
  /** Every one of the orders is in the page. */
  allMs: number;
  /** The popup's first render (its header, before storage has answered). */
  headerMs: number;
}

/**
 * Opens the popup in a fresh 380 × 600 tab and returns performance.now() (ms since the tab's
 * navigation start, i.e. `performance.timeOrigin`) at the first DOM mutation after which the popup
 * shows what storage holds. "Shows" is what a user sees: the cards fill the popup's view, or all of
 * them are there when fewer fit (the empty state for 0). The popup draws the nearest dozen first
 * and the rest after that frame is painted (components/OrderList.tsx), so the time until every
 * card is in the page is measured too. A MutationObserver is installed before any of the page's
 * scripts run (evaluateOnNewDocument) and checks after every batch of mutations; the figure is when
 * Preact committed that render, just before the frame that paints it. Checking whether the view is
 * full lays the page out, which that frame would have done anyway.
 */
async function timeFirstRender(session: ChromiumSession, count: number): Promise<RenderTiming> {
  const page = await session.browser.newPage();
  try {
    await page.setViewport({ width: 380, height: 600 });
    await page.evaluateOnNewDocument((wanted: number) => {
      const viewFull = (cards: NodeListOf<Element>) =>
        cards.length > 0 && cards[cards.length - 1]!.getBoundingClientRect().bottom >= window.innerHeight;
      const observer = new MutationObserver(() => {
        if (window.__payclockHeader === undefined && document.querySelector('.popup__header'))
          window.__payclockHeader = performance.now();
        const cards = document.querySelectorAll('.order');
        const all = wanted === 0 ? document.querySelector('.empty') !== null : cards.length === wanted;
        if (window.__payclockShown === undefined && (all || viewFull(cards)))
          window.__payclockShown = performance.now();
        if (all) {
          window.__payclockAll = performance.now();
          observer.disconnect();
        }
      });
      observer.observe(document, { childList: true, subtree: true });
    }, count);
    await page.goto(`chrome-extension://${session.extensionId}/popup.html`);
    await page.waitForFunction(() => window.__payclockAll, { timeout: 10_000, polling: 20 });
    return await page.evaluate(() => ({
      shownMs: window.__payclockShown!,
      allMs: window.__payclockAll!,
      headerMs: window.__payclockHeader ?? NaN,
    }));
  } finally {
    await page.close();
  }
}

export interface FirstRender {
  orders: number;
  medianMs: number;
  runsMs: number[];
  /** The very first open in the profile (cold caches), not in the median. */
  coldMs: number;
  /** Medians of the same runs: every card in the page, the first render (header only). */
  allMedianMs: number;
  /** Median for the empty page that reads the same storage (see buildWithEmptyPage). */
  emptyPageMedianMs: number;
  headerMedianMs: number;
}

/**
 * A copy of the Chrome build with one page added, `bench-empty.html`: no CSS, no UI, a one-line
 * script that reads the same stored items as the popup, in one call. When its read has answered is
 * the least any page of this extension could take to show what is stored: Chromium's share of the
 * popup's first render, which no change to the popup can reduce.
 */
function buildWithEmptyPage(): string {
  const dir = mkdtempSync(join(tmpdir(), 'payclock-bench-'));
  cpSync(CHROME_BUILD, dir, { recursive: true });
  const names = POPUP_ITEMS.flatMap((item) => {
    const name = item.key.slice(item.key.indexOf(':') + 1);
    return [name, `${name}$`];
  });
  writeFileSync(
    join(dir, 'bench-empty.html'),
    '<!DOCTYPE html><html><head><meta charset="UTF-8"><script type="module" src="/bench-empty.js"></script></head><body></body></html>',
  );
  writeFileSync(
    join(dir, 'bench-empty.js'),
    `chrome.storage.local.get(${JSON.stringify(names)}).then(() => { window.__payclockRead = performance.now(); });`,
  );
  return dir;
}

/** ms from navigation start until the empty page's storage read has answered. */
async function timeEmptyPage(session: ChromiumSession): Promise<number> {
  const page = await session.browser.newPage();
  try {
    await page.setViewport({ width: 380, height: 600 });
    await page.goto(`chrome-extension://${session.extensionId}/bench-empty.html`);
    return await page
      .waitForFunction(() => (window as { __payclockRead?: number }).__payclockRead, {
        timeout: 10_000,
        polling: 20,
      })
      .then((handle) => handle.jsonValue() as Promise<number>);
  } finally {
    await page.close();
  }
}

/**
 * Popup first render with 0, 10, 200 and 1,000 orders in storage: median of `runs` after one cold open,
 * each run followed by one of the empty page (so both see the same load on the machine). The
 * build is loaded from a copy that has the empty page too; the popup's files are the same.
 */
export async function popupFirstRender(runs = 7, counts = [0, 10, 200, 1000]): Promise<FirstRender[]> {
  const results: FirstRender[] = [];
  const world = await startWorld();
  const extensionDir = buildWithEmptyPage();
  const session = await launchChromium({ proxyPort: world.proxy.port, extensionDir });
  try {
    for (const count of counts) {
      await seedSnapshot(session, sampleOrders(count));
      const cold = await timeFirstRender(session, count);
      const timings: RenderTiming[] = [];
      const emptyPageMs: number[] = [];
      for (let run = 0; run < runs; run++) {
        timings.push(await timeFirstRender(session, count));
        emptyPageMs.push(await timeEmptyPage(session));
      }
      const runsMs = timings.map((timing) => timing.shownMs);
      results.push({
        orders: count,
        medianMs: median(runsMs),
        runsMs,
        coldMs: cold.shownMs,
        allMedianMs: median(timings.map((timing) => timing.allMs)),
        emptyPageMedianMs: median(emptyPageMs),
        headerMedianMs: median(timings.map((timing) => timing.headerMs)),
      });
    }
  } finally {
    await session.close();
    await world.close();
    rmSync(extensionDir, { recursive: true, force: true });
  }
  return results;
}

async function metricsOf(cdp: CDPSession) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const read = (name: string) => metrics.find((metric) => metric.name === name)?.value ?? 0;
  return {
    task: read('TaskDuration'),
    script: read('ScriptDuration'),
    layout: read('LayoutDuration'),
    layouts: read('LayoutCount'),
  };
}

export interface PopupCpu {
  orders: number;
  seconds: number;
  /** Main-thread busy time (CDP TaskDuration) per second of wall time, in ms. */
  taskMsPerS: number;
  scriptMsPerS: number;
  layoutMsPerS: number;
  layoutsPerS: number;
}

/**
 * The popup's renderer main thread over `seconds` of open countdowns: CDP Performance.getMetrics
 * TaskDuration (all main-thread tasks: script, style, layout, paint) and ScriptDuration, the
 * difference between a reading 2 s after the 200 orders are shown and one `seconds` later.
 */
export async function popupCpu(seconds = 60, orders = 200): Promise<PopupCpu> {
  const world = await startWorld();
  const session = await launchChromium({ proxyPort: world.proxy.port });
  try {
    await seedSnapshot(session, sampleOrders(orders));
    const popup = await session.openPopup();
    await popup.bringToFront();
    await popup.waitForFunction((wanted) => document.querySelectorAll('.order').length === wanted, {}, orders);
    const cdp = await popup.createCDPSession();
    await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
    await sleep(2_000);
    const before = await metricsOf(cdp);
    const startedAt = Date.now();
    await sleep(seconds * 1000);
    const after = await metricsOf(cdp);
    const wall = (Date.now() - startedAt) / 1000;
    return {
      orders,
      seconds: wall,
      taskMsPerS: ((after.task - before.task) * 1000) / wall,
      scriptMsPerS: ((after.script - before.script) * 1000) / wall,
      layoutMsPerS: ((after.layout - before.layout) * 1000) / wall,
      layoutsPerS: (after.layouts - before.layouts) / wall,
    };
  } finally {
    await session.close();
    await world.close();
  }
}
