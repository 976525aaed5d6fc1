import type { Page } from 'puppeteer-core';
import type { ChromiumSession } from '../../tests/e2e/harness/chromium';
import { inShadowRoot } from '../../tests/e2e/harness/closed-shadow';
import { eventually, logInOn12306, MINUTE, type World } from '../../tests/e2e/harness/world';
import { VENUE_A_HOST } from '../../tests/e2e/fake-ticket-system/server';
import type { Locale } from '@/lib/i18n/messages';
import { addAccount, watchOrder } from './venue-setup';

// What the demo shows, for both `npm run demo` and its store pictures: two unpaid train orders and
// one watched ticket order, all due within half an hour of `now`, and the browser steps a user
// takes to see them (log in on 12306, add the venue's account, open 12306's unpaid-orders page).

const ORDERS_PAGE = 'https://kyfw.12306.cn/otn/view/train_order.html';
const wholeSecond = (instant: number) => Math.floor(instant / 1000) * 1000;

export interface Staged {
  agent: { username: string; key: string; password: string };
  venueOrder: string;
}

export interface DemoPages {
  /** The fake 12306's unpaid-orders page, the overlay on it. */
  site: Page;
  options: Page;
  popup: Page;
}

/** Puts the orders on the fake 12306 and the fake venue. */
export function stageOrders(world: World, now: number): Staged {
  // The first's 5- and 1-minute reminders fall 1 and 5 minutes from now.
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
  // One order awaiting payment; its 10-minute reminder falls a minute from now.
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
  return { agent, venueOrder };
}

/** Takes the user's steps and opens the three pages the demo shows, each with its orders in. */
export async function openDemoPages(
  session: ChromiumSession,
  { agent, venueOrder }: Staged,
  view: { locale: Locale; venueLabel: string; popupScale: number; pageScale: number },
): Promise<DemoPages> {
  // Log in on the fake 12306 as a user would; the extension notices the cookie and checks.
  const site = await session.browser.newPage();
  await site.setViewport({ width: 1280, height: 800, deviceScaleFactor: view.pageScale });
  await logInOn12306(site);
  await eventually(
    async () =>
      ((await session.storage())['snapshot.12306'] as { orders?: unknown[] } | undefined)?.orders?.length === 2,
    20_000,
    'the two 12306 orders in storage',
  );

  // The venue account and its watched order, entered on the settings page.
  const options = await session.openPage('options.html');
  await options.setViewport({ width: 900, height: 900, deviceScaleFactor: view.pageScale });
  const accountId = await addAccount(options, view.locale, {
    label: view.venueLabel,
    baseUrl: `https://${VENUE_A_HOST}`,
    ...agent,
  });
  await watchOrder(options, accountId, venueOrder);

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

  const popup = await session.openPopup({ deviceScaleFactor: view.popupScale });
  await eventually(
    () => popup.evaluate(() => document.querySelectorAll('.order').length >= 3),
    30_000,
    'three orders in the popup',
  ).catch((error) => console.warn(`note: ${String(error)}`));
  return { site, options, popup };
}

/** Opens the overlay's list of every pending order with a real (trusted) click, as the user does. */
export async function expandOverlay(site: Page): Promise<void> {
  const at = await inShadowRoot(
    site,
    'payclock-overlay',
    (root) => {
      const rect = root.querySelector('.toggle')?.getBoundingClientRect();
      return rect ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 } : null;
    },
    null,
  );
  if (!at) throw new Error('the overlay has no expand button');
  await site.mouse.click(at.x, at.y);
  await eventually(
    async () =>
      Boolean(await inShadowRoot(site, 'payclock-overlay', (root) => root.querySelector('.panel') !== null, null)),
    5_000,
    'the overlay expanded',
  );
}
