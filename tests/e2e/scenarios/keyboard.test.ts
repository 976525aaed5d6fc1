import type { Page } from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { VENUE_A_HOST } from '../fake-ticket-system/server';
import { BROWSERS } from '../harness/browsers';
import { inShadowRoot } from '../harness/closed-shadow';
import { addVenueAccount, watchOrders } from '../harness/venue';
import { eventually, logInOn12306, MINUTE, useWorldAndBrowser } from '../harness/world';

// Issue 16, keyboard only: the popup walked with Tab alone (every action reached, in reading order,
// each with a visible focus ring), its actions done with Enter and Space, and the overlay on a
// 12306 page reached with Tab, opened with Enter and closed with Escape, the focus going back to
// its toggle. One browser per engine; the steps run in order on one popup and one page.

const ORDERS_PAGE = 'https://kyfw.12306.cn/otn/view/train_order.html';
const HOST = 'payclock-overlay';
const FINAL_ORDER = '202405019999';
/** More Tab presses than either page has stops: a walk that needs more has lost its way. */
const MAX_TABS = 40;

interface Focused {
  /** What it is, as the user reads it: its text, or its label when it has one. */
  name: string;
  cls: string;
  /** An outline or a shadow is drawn around it. */
  ring: boolean;
}

/** The popup's focused element, or null when the focus is on no element of the page. */
const focused = (page: Page): Promise<Focused | null> =>
  page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    return {
      name: (element.getAttribute('aria-label') ?? element.textContent ?? '').trim(),
      cls: element.className,
      ring: outline || style.boxShadow !== 'none',
    };
  });

/** Presses Tab until the focus is on an element named `name` (a prefix); the names met on the way. */
async function tabTo(page: Page, name: string): Promise<string[]> {
  const met: string[] = [];
  for (let presses = 0; presses < MAX_TABS; presses++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (now?.name.startsWith(name)) return met;
    if (now) met.push(now.name);
  }
  throw new Error(`Tab never reached "${name}"; met ${met.join(' | ')}`);
}

/**
 * Puts the focus on the popup's first control, as a fresh popup has it after one Tab. Not by
 * blurring: Firefox would go on from where the focus was, and past the last control into its toolbar.
 */
async function fromTheTop(page: Page): Promise<void> {
  await page.bringToFront();
  await page.focus('.settings');
}

const text = (page: Page, selector: string) =>
  page.$eval(selector, (element) => (element as HTMLElement).innerText).catch(() => '');

/** The overlay as the keyboard sees it: its view, and where the focus is inside it. */
const overlayFocus = (page: Page) =>
  inShadowRoot(
    page,
    HOST,
    (root, host) => {
      const active = root.activeElement as HTMLElement | null;
      const style = active ? getComputedStyle(active) : null;
      return {
        hostFocused: document.activeElement === document.querySelector(host),
        view: root.querySelector('.panel') ? 'panel' : root.querySelector('.pill') ? 'pill' : 'none',
        active: active ? `${active.tagName.toLowerCase()}.${active.className}` : null,
        expanded: active?.getAttribute('aria-expanded') ?? null,
        ring: style !== null && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
      };
    },
    HOST,
  );

describe.each(BROWSERS)('%s: keyboard only', (_name, launch) => {
  const env = useWorldAndBrowser(launch);
  let popup: Page;

  beforeAll(async () => {
    const { world, session } = env;
    // A venue order already final: its row waits in the popup to be dismissed.
    const agent = { username: 'agent-keys', key: 'K3Y-keys', password: 'pa55word-keys' };
    world.venue.addAccount(agent);
    world.venue.setOrder(agent.username, {
      orderid: FINAL_ORDER,
      status: '3',
      orderedAt: Date.now() - 30 * MINUTE,
      payTimeoutMinutes: 15,
      paymentEndTime: null,
    });
    const options = await session.openPage('options.html');
    const accountId = await addVenueAccount(options, {
      label: 'Venue K',
      baseUrl: `https://${VENUE_A_HOST}`,
      flavour: 'v5',
      username: agent.username,
      key: agent.key,
      password: agent.password,
    });
    await watchOrders(options, accountId, [FINAL_ORDER]);
    await options.close();

    world.fake.setReply({ kind: 'orders', orders: [{ sequenceNo: 'E700000001', payLimit: Date.now() + 20 * MINUTE }] });
    const login = await session.browser.newPage();
    await logInOn12306(login);
    await login.close();
    popup = await session.openPopup();
    await popup.waitForSelector('.order[data-order-id="E700000001"]', { timeout: 15_000 });
    await popup.waitForSelector('.watched__dismiss', { timeout: 15_000 });
  }, 60_000);

  it('Tab alone reaches every action in reading order, each with a visible focus ring', async () => {
    await popup.bringToFront();
    const order = ['Settings', 'Refresh', 'Remind me in', 'No more reminders', 'Pay', 'Dismiss', 'Watch'];
    const walk: Focused[] = [];
    // Up to the last action: past it Firefox moves the focus out of the page, into its own toolbar.
    for (let presses = 0; presses < MAX_TABS && !walk.at(-1)?.name.startsWith(order.at(-1)!); presses++) {
      await popup.keyboard.press('Tab');
      const now = await focused(popup);
      if (!now) break;
      walk.push(now);
    }
    const names = walk.map((stop) => stop.name);
    const at = order.map((name) => names.findIndex((seen) => seen.startsWith(name)));
    expect(at, names.join(' | ')).not.toContain(-1);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(walk.filter((stop) => !stop.ring)).toEqual([]);
  });

  // Each action from the top of the popup: Tab to it, press the key, see what the user sees.
  it.each([
    ['Refresh', 'Enter'],
    ['Remind me in', ' '],
    ['No more reminders', 'Enter'],
  ] as const)('%s, pressed with %j, does its job and keeps the focus', async (name, key) => {
    await fromTheTop(popup);
    await tabTo(popup, name);
    const card = '.order[data-order-id="E700000001"]';
    const queries = env.world.fake.orderQueries().length;
    await popup.keyboard.press(key);
    if (name === 'Refresh') {
      await eventually(async () => env.world.fake.orderQueries().length > queries, 10_000, 'a new check');
      await eventually(async () => (await text(popup, '.refresh')) === 'Refresh', 10_000, 'the refresh done');
      expect((await focused(popup))?.cls).toContain('refresh');
      return;
    }
    const state = name === 'Remind me in' ? 'Reminders paused until' : 'Reminders off for this order';
    await eventually(async () => (await text(popup, card)).includes(state), 5_000, state);
    // The focus moved to the control that replaced the one pressed; Enter there turns reminders back on.
    expect((await focused(popup))?.name).toBe('Turn reminders back on');
    await popup.keyboard.press('Enter');
    await eventually(async () => (await focused(popup))?.name.startsWith('Remind me in'), 5_000, 'reminders on again');
    expect(await text(popup, card)).not.toContain('Reminders');
  });

  it('Dismiss, pressed with Enter, takes the final order away', async () => {
    await fromTheTop(popup);
    await tabTo(popup, 'Dismiss');
    await popup.keyboard.press('Enter');
    await eventually(async () => (await popup.$('.watched__dismiss')) === null, 5_000, 'the row gone');
  });

  it('the overlay: reached with Tab, opened with Enter, closed with Escape, focus back on its toggle', async () => {
    const page = await env.session.browser.newPage();
    await page.goto(ORDERS_PAGE);
    await eventually(async () => (await overlayFocus(page))?.view === 'pill', 10_000, 'the overlay');
    // After the page's own controls, the overlay's: its pay link, then its toggle.
    let inside = null;
    for (let presses = 0; presses < MAX_TABS && !inside?.hostFocused; presses++) {
      await page.keyboard.press('Tab');
      inside = await overlayFocus(page);
    }
    expect(inside).toMatchObject({ hostFocused: true, active: 'a.pay', ring: true });
    await page.keyboard.press('Tab');
    expect(await overlayFocus(page)).toMatchObject({ active: 'button.toggle', expanded: 'false', ring: true });

    await page.keyboard.press('Enter');
    await eventually(async () => (await overlayFocus(page))?.view === 'panel', 5_000, 'the list open');
    expect(await overlayFocus(page)).toMatchObject({ active: 'button.toggle', expanded: 'true' });

    await page.keyboard.press('Escape');
    await eventually(async () => (await overlayFocus(page))?.view === 'pill', 5_000, 'the list closed');
    expect(await overlayFocus(page)).toMatchObject({ hostFocused: true, active: 'button.toggle', expanded: 'false' });
    await page.close();
  });
});
