import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession } from 'puppeteer-core';
import { POPUP_ITEMS } from '@/entrypoints/popup/items';
import type { Order } from '@/lib/orders/model';
import type { Snapshot } from '@/lib/watch/snapshot';
import type { FixtureOrder } from '../../tests/fixtures/12306/replies';
import { CHROME_BUILD, launchChromium, type ChromiumSession } from '../../tests/e2e/harness/chromium';
import { eventually, logInOn12306, MINUTE, startWorld, type World } from '../../tests/e2e/harness/world';

// The rows of `npm run bench` measured in Debian's Chromium with the production build, through the
// e2e harness (fake 12306 and venue behind the local proxy, fresh profile per measurement).

export const CHROMIUM = '/usr/bin/chromium';

/** Why the browser rows cannot be measured here, or null when they can. */
export function browserMissing(): string | null {
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install chromium)`;
  if (!existsSync(CHROME_BUILD)) return `no build at ${CHROME_BUILD}`;
  return null;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** `count` unpaid 12306 orders, deadlines from 30 minutes ahead (no reminder falls in a run). */
export function sampleOrders(count: number, now = Date.now()): Order[] {
  return Array.from({ length: count }, (_, index) => {
    const deadline = now + 30 * MINUTE + index * 7_000;
    return {
      source: '12306',
      id: `E${String(900000000 + index)}`,
      state: 'unpaid',
      title: `G${100 + (index % 900)}`,
      route: '北京南 → 上海虹桥',
      departure: deadline + 2 * 24 * 60 * MINUTE,
      passengers: ['杨赟'],
      amountYuan: 553,
      deadline,
      statusText: null,
      payUrl: 'https://kyfw.12306.cn/otn/view/train_order.html',
      queue: null,
    };
  });
}

/**
 * Writes the 12306 snapshot the way the extension's storage item keeps it (WXT: the value under
 * `snapshot.12306`, its version under `snapshot.12306$`), from one of the extension's own pages.
 */
export async function seedSnapshot(session: ChromiumSession, orders: Order[]): Promise<void> {
  const now = Date.now();
  const snapshot: Snapshot = {
    status: 'ok',
    detail: null,
    checkedAt: now,
    goodAt: now,
    orders,
    failures: 0,
    clock: { offsetMs: 0, samples: [] },
  };
  const page = await session.openPage('options.html');
  await page.evaluate(
    (value) => chrome.storage.local.set({ 'snapshot.12306': value, 'snapshot.12306$': { v: 1 } }),
    snapshot as unknown as Record<string, unknown>,
  );
  await page.close();
}

declare global {
  interface Window {
    __payclockShown?: number;
    __payclockAll?: number;
    __payclockHeader?: number;
  }
}

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

export interface ReminderLateness {
  /** Shown minus planned, in ms (positive: late). Null if it never appeared. */
  latenessMs: number | null;
  notification: string;
}

/**
 * One 12306 order due 10 min 20 s from now, found by logging in on the fake 12306: the 10-minute
 * reminder (default reminders 10/5/1) is planned 20 s later, at deadline − 10 min (the fake's clock
 * is this machine's, and 12306 gives deadlines in whole seconds). Notifications are read through
 * the extension's own API every 100 ms; lateness is the first reading that lists it minus the plan.
 */
export async function reminderLateness(): Promise<ReminderLateness> {
  const world: World = await startWorld();
  const session = await launchChromium({ proxyPort: world.proxy.port });
  try {
    const deadline = Math.floor((Date.now() + 10 * MINUTE + 20_000) / 1000) * 1000;
    world.fake.setReply({ kind: 'orders', orders: [{ sequenceNo: 'E100000001', payLimit: deadline }] });
    const page = await session.browser.newPage();
    await logInOn12306(page);
    const notification = `remind|10|${deadline}|12306:E100000001`;
    const planned = deadline - 10 * MINUTE;
    const until = planned + 30_000;
    while (Date.now() < until) {
      if ((await session.notifications()).includes(notification))
        return { latenessMs: Date.now() - planned, notification };
      await sleep(100);
    }
    return { latenessMs: null, notification };
  } finally {
    await session.close();
    await world.close();
  }
}

/** `count` unpaid orders for the fake 12306 to serve, deadlines from 30 minutes ahead like `sampleOrders`. */
function fixtureOrders(count: number, now = Date.now()): FixtureOrder[] {
  const first = Math.floor((now + 30 * MINUTE) / 1000) * 1000; // 12306 times have whole seconds
  return Array.from({ length: count }, (_, index) => ({
    sequenceNo: `E${String(900000000 + index)}`,
    train: `G${100 + (index % 900)}`,
    payLimit: first + index * 7_000,
  }));
}

/**
 * Logs in on the fake 12306, which serves `orders`, and waits until the check that follows has
 * stored them and planned everything (the alarms have stopped changing).
 */
async function logInWithOrders(world: World, session: ChromiumSession, orders: number): Promise<void> {
  world.fake.setReply({ kind: 'orders', orders: fixtureOrders(orders) });
  const page = await session.browser.newPage();
  await logInOn12306(page);
  await page.close();
  const stored = async () => {
    const { 'snapshot.12306': snapshot } = await session.storage(['snapshot.12306']);
    const { status, orders: known } = (snapshot ?? {}) as Partial<Snapshot>;
    return status === 'ok' && known?.length === orders;
  };
  await eventually(stored, 30_000, `${orders} orders stored`);
  await settledAlarms(session);
}

/** The extension's alarms once they have stayed the same for 2 s (after at most 30 s). */
async function settledAlarms(session: ChromiumSession): Promise<string[]> {
  const names = async () => (await session.alarms()).map((alarm) => alarm.name).sort();
  let last = await names();
  let since = Date.now();
  const until = Date.now() + 30_000;
  while (Date.now() - since < 2_000 && Date.now() < until) {
    await sleep(250);
    const now = await names();
    if (now.join('\n') !== last.join('\n')) {
      last = now;
      since = Date.now();
    }
  }
  return last;
}

/**
 * Starts the stopped service worker the way any event does, with a message from one of the
 * extension's pages; the background answers no unknown message, but starting re-plans everything.
 */
async function wakeWorker(session: ChromiumSession): Promise<void> {
  const page = await session.openPage('options.html');
  try {
    await page.evaluate(() => chrome.runtime.sendMessage({ type: 'bench.wake' }).catch(() => undefined));
  } finally {
    await page.close();
  }
}

export interface AlarmsInUse {
  orders: number;
  /** Alarms once the check that found the orders was over. */
  afterCheck: number;
  /** Alarms once the service worker, stopped, was started again and re-planned from storage. */
  afterRestart: number;
  names: string[];
}

/**
 * The alarms the extension holds with `orders` unpaid 12306 orders (Chrome refuses more than 500):
 * after the check that found them, and after a restart of the service worker, which re-plans from
 * what is stored. A fresh profile for each count.
 */
export async function alarmsInUse(counts = [0, 200, 1000]): Promise<AlarmsInUse[]> {
  const results: AlarmsInUse[] = [];
  for (const orders of counts) {
    const world = await startWorld();
    const session = await launchChromium({ proxyPort: world.proxy.port });
    try {
      await logInWithOrders(world, session, orders);
      const afterCheck = (await settledAlarms(session)).length;
      const watch = await session.watchWorker();
      await watch.stop();
      await wakeWorker(session);
      await eventually(
        async () => watch.history.at(-1)?.status === 'running',
        10_000,
        'the service worker running again',
      );
      const names = await settledAlarms(session);
      results.push({ orders, afterCheck, afterRestart: names.length, names });
    } finally {
      await session.close();
      await world.close();
    }
  }
  return results;
}

export interface CheckCpu {
  orders: number;
  /** The service worker's CPU time for one check (non-idle profiler samples), median of the runs. */
  medianMs: number;
  runsMs: number[];
  /** Wall time from the popup's refresh request to its reply, median. */
  wallMedianMs: number;
}

type CpuProfile = {
  nodes: { id: number; callFrame: { functionName: string } }[];
  samples?: number[];
  timeDeltas?: number[];
};

/** ms the profiled thread was busy: the time of every sample that was not idle. */
function busyMs(profile: CpuProfile): number {
  const idle = new Set(profile.nodes.filter((node) => node.callFrame.functionName === '(idle)').map((node) => node.id));
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let busyUs = 0;
  // A sample stands for the interval up to the next one.
  for (let index = 0; index < samples.length - 1; index++) {
    if (!idle.has(samples[index]!)) busyUs += deltas[index + 1] ?? 0;
  }
  return busyUs / 1000;
}

/**
 * One check's CPU time in the background with `orders` unpaid orders, each served by the fake
 * 12306 (a 12306 reply of that size, parsed and validated, folded in, alarms and badge re-planned).
 * The harness never attaches to the service worker (it would hold a restarted worker paused);
 * here it does, only for this measurement, once the worker is running and the orders are known.
 * Each run is a Refresh from an extension page, as the popup's button sends it, under the V8 CPU
 * profiler of the worker; what the profiler saw as idle (waiting for 12306) is not counted.
 */
export async function checkCpu(orders = 1000, runs = 5): Promise<CheckCpu> {
  const world = await startWorld();
  const session = await launchChromium({ proxyPort: world.proxy.port });
  let worker: CDPSession | undefined;
  try {
    await logInWithOrders(world, session, orders);
    const page = await session.openPage('options.html');
    // Wakes the worker if it went idle meanwhile, so that it is there to attach to.
    await page.evaluate(() => chrome.runtime.sendMessage({ type: 'bench.wake' }).catch(() => undefined));
    const browserCdp = await session.browser.target().createCDPSession();
    const { targetInfos } = await browserCdp.send('Target.getTargets');
    const target = targetInfos.find(
      (info) =>
        info.type === 'service_worker' && info.url === `chrome-extension://${session.extensionId}/background.js`,
    );
    if (!target) throw new Error('no running service worker to attach to');
    const { sessionId } = await browserCdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: true });
    worker = browserCdp.connection()?.session(sessionId) ?? undefined;
    if (!worker) throw new Error('could not attach to the service worker');
    await worker.send('Profiler.enable');
    // µs; DevTools' own default: fine enough for a check of a hundred ms or more, at little cost.
    await worker.send('Profiler.setSamplingInterval', { interval: 1000 });
    const runsMs: number[] = [];
    const wallMs: number[] = [];
    for (let run = 0; run < runs; run++) {
      await worker.send('Profiler.start');
      const startedAt = Date.now();
      await page.evaluate(() => chrome.runtime.sendMessage({ type: 'refresh' }));
      wallMs.push(Date.now() - startedAt);
      const { profile } = await worker.send('Profiler.stop');
      runsMs.push(busyMs(profile as CpuProfile));
    }
    await page.close();
    return { orders, medianMs: median(runsMs), runsMs, wallMedianMs: median(wallMs) };
  } finally {
    await worker?.detach().catch(() => undefined);
    await session.close();
    await world.close();
  }
}
