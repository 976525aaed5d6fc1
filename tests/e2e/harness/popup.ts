import type { Page } from 'puppeteer-core';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';

// What the user reads in the popup, taken from the rendered page.

export interface ShownOrder {
  id: string;
  state: string;
  train: string;
  route: string;
  details: string;
  deadlineLine: string;
  countdown: string;
  countdownClass: string;
}

export async function shownOrders(popup: Page): Promise<ShownOrder[]> {
  return popup.$$eval('.order', (items) =>
    items.map((item) => ({
      id: item.getAttribute('data-order-id') ?? '',
      state: item.classList.contains('order--queuing') ? 'queuing' : 'unpaid',
      train: item.querySelector('.order__train')?.textContent ?? '',
      route: item.querySelector('.order__route')?.textContent ?? '',
      details: item.querySelector('.order__details')?.textContent ?? '',
      deadlineLine: item.querySelector('.order__deadline')?.textContent ?? '',
      countdown: item.querySelector('.countdown')?.textContent ?? '',
      countdownClass: item.querySelector('.countdown')?.className ?? '',
    })),
  );
}

/** Waits until the popup lists `count` orders, and returns them. */
export async function waitForOrders(popup: Page, count: number, timeoutMs = 10_000): Promise<ShownOrder[]> {
  const until = Date.now() + timeoutMs;
  let shown = await shownOrders(popup);
  while (shown.length !== count && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    shown = await shownOrders(popup);
  }
  if (shown.length !== count)
    throw new Error(`the popup lists ${shown.length} orders after ${timeoutMs} ms, not ${count}`);
  return shown;
}

export async function sourceLine(popup: Page): Promise<{ status: string; text: string }> {
  return popup.$eval('.source', (section) => ({
    status: section.getAttribute('data-status') ?? '',
    text: (section as HTMLElement).innerText,
  }));
}

/** Seconds a `mm:ss` or `h:mm:ss` countdown shows. */
export function countdownSeconds(text: string): number {
  return text.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}

/**
 * Waits until a countdown read by `read` shows at least two seconds less than `first`, then checks it
 * agrees with the wall clock (to within 2 s: the server clock is learnt from whole-second `Date`
 * headers). A frozen countdown fails; a tick late on a loaded machine does not.
 */
export async function expectCountingDown(
  read: () => Promise<string | undefined>,
  first: string,
  deadline: number,
  timeoutMs = 5_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  let shown = countdownSeconds(first);
  while (countdownSeconds(first) - shown < 2) {
    if (Date.now() > until)
      throw new Error(`the countdown went from ${first} to ${shown} s in ${timeoutMs} ms, not down by 2 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const text = await read();
    if (text !== undefined) shown = countdownSeconds(text);
  }
  const expected = Math.ceil((deadline - Date.now()) / 1000);
  if (Math.abs(shown - expected) > 2) throw new Error(`the countdown shows ${shown} s, the clock says ${expected} s`);
}

const checkedAt = (popup: Page) => popup.$eval('.source', (section) => section.getAttribute('data-checked-at'));

/** Clicks the popup's refresh button and waits until the popup shows the check it started. */
export async function refresh(popup: Page): Promise<void> {
  const before = await checkedAt(popup);
  // A tab in the background gets no animation frames, and puppeteer's click waits for one.
  await popup.bringToFront();
  await popup.click('.refresh');
  await popup.waitForFunction(
    (previous) => document.querySelector('.source')?.getAttribute('data-checked-at') !== previous,
    { timeout: 30_000, polling: 100 },
    before,
  );
}

/** Screenshots go where the README's picture can be refreshed from (not committed). */
export const SCREENSHOT_DIR = resolve('test-results/screenshots');

export async function screenshot(popup: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  // The toolbar popup is as tall as its content; so is the picture.
  const main = await popup.waitForSelector('.popup');
  await main!.screenshot({ path: resolve(SCREENSHOT_DIR, `${name}.png`) as `${string}.png` });
}
