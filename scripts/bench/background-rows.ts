import type { CDPSession } from 'puppeteer-core';
import type { Snapshot } from '@/lib/snapshots/snapshot';
import type { FixtureOrder } from '../../tests/fixtures/12306/replies';
import { launchChromium, type ChromiumSession } from '../../tests/e2e/harness/chromium';
import { eventually, logInOn12306, MINUTE, startWorld, type World } from '../../tests/e2e/harness/world';
import { median, sleep } from './browser';

// The background's rows of `npm run bench`: reminders on time, alarms in use, and a check's CPU.

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
