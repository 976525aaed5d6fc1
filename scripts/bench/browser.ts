import { existsSync } from 'node:fs';
import type { Order } from '@/lib/orders/model';
import type { Snapshot } from '@/lib/snapshots/snapshot';
import { CHROME_BUILD, type ChromiumSession } from '../../tests/e2e/harness/chromium';
import { MINUTE } from '../../tests/e2e/harness/world';

// What the browser rows of `npm run bench` share: Debian's Chromium with the production build,
// through the e2e harness (fake 12306 and venue behind the local proxy, fresh profile per
// measurement). The popup's rows are in ./popup-rows.ts, the background's in ./background-rows.ts.

export const CHROMIUM = '/usr/bin/chromium';

/** Why the browser rows cannot be measured here, or null when they can. */
export function browserMissing(): string | null {
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (apt-get install chromium)`;
  if (!existsSync(CHROME_BUILD)) return `no build at ${CHROME_BUILD}`;
  return null;
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
export const median = (values: number[]) => {
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
