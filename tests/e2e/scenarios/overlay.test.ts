import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KYFW } from '../fake-12306/plans';
import { QUERY_PATH, WAITLIST_PATH, type RecordedRequest } from '../fake-12306/server';
import { VENUE_A_HOST } from '../fake-ticket-system/server';
import { BROWSERS } from '../harness/browsers';
import { inShadowRoot } from '../harness/closed-shadow';
import type { ExtensionSession } from '../harness/session';
import { addVenueAccount, watchOrders } from '../harness/venue';
import { countdownSeconds, expectCountingDown, refresh } from '../harness/popup';
import { eventually, logInOn12306, MINUTE, startWorld, venuesContacted, type World } from '../harness/world';

/** The page of the site's own whose Origin and Referer each of the background's queries carries. */
const PAGE_OF_QUERY_PATH: Record<string, string> = {
  [QUERY_PATH]: `${KYFW}/otn/view/train_order.html`,
  [WAITLIST_PATH]: `${KYFW}/otn/view/lineUp_order.html`,
};

// The countdown overlay on 12306 pages: it shows the nearest deadline as a pill, expands to every
// order, remembers that choice, survives hostile page CSS and the site's in-page navigation, changes
// nothing on the page, keeps venue orders from the page's scripts (a count in a closed root), and
// goes when the order is paid or the extension is reloaded under it.

const ORDERS_PAGE = 'https://kyfw.12306.cn/otn/view/train_order.html';
const HOME_PAGE = 'https://kyfw.12306.cn/otn/view/index.html';
const WAITLIST_PAGE = 'https://kyfw.12306.cn/otn/view/lineUp_order.html';
const HOST = 'payclock-overlay';

// Everything a user could see change, read from inside the shadow root. It is closed, so the page's
// own script cannot reach it; the tests do through the browser's protocol (../harness/closed-shadow).
interface Look {
  width: number;
  height: number;
  color: string;
  background: string;
  fontSize: string;
  fontFamily: string;
}
interface Shown {
  hosts: number;
  kind: 'pill' | 'panel';
  /** Text with every countdown replaced by `<t>`, so two readings a second apart compare equal. */
  text: string;
  countdowns: string[];
  countdownClasses: string[];
  /** Each row's title. */
  rows: string[];
  links: string[];
  /** The root, the pill or panel, title, countdown, pay link and toggle, in that order. */
  looks: Look[];
  /** The element the page finds at the overlay's centre: the host when the overlay is on top. */
  atCentre: string;
  inViewport: boolean;
}

async function overlay(page: Page): Promise<Shown | null> {
  const read = await inShadowRoot(
    page,
    HOST,
    (root, host): Shown | null => {
      const hosts = document.querySelectorAll(host);
      const pc = root.querySelector<HTMLElement>('.pc');
      if (!pc) return null;
      const box = root.querySelector<HTMLElement>('.pill, .panel')!;
      const timers = [...root.querySelectorAll<HTMLElement>('[role="timer"]')];
      const look = (element: Element | null): Look => {
        const style = element ? getComputedStyle(element) : null;
        const rect = element?.getBoundingClientRect();
        return {
          width: Math.round(rect?.width ?? -1),
          height: Math.round(rect?.height ?? -1),
          color: style?.color ?? '',
          background: style?.backgroundColor ?? '',
          fontSize: style?.fontSize ?? '',
          fontFamily: style?.fontFamily ?? '',
        };
      };
      const clone = box.cloneNode(true) as HTMLElement;
      for (const timer of clone.querySelectorAll('[role="timer"]')) timer.textContent = '<t>';
      const rect = box.getBoundingClientRect();
      const centre = document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
      return {
        hosts: hosts.length,
        kind: box.classList.contains('pill') ? 'pill' : 'panel',
        text: clone.textContent ?? '',
        countdowns: timers.map((timer) => timer.textContent ?? ''),
        countdownClasses: timers.map((timer) => timer.className),
        rows: [...root.querySelectorAll('.row')].map((row) => row.querySelector('.title')?.textContent ?? ''),
        links: [...root.querySelectorAll('a')].map((link) => link.href),
        looks: [
          pc,
          box,
          root.querySelector('.title'),
          timers[0] ?? null,
          root.querySelector('.pay'),
          root.querySelector('.toggle'),
        ].map(look),
        atCentre: centre?.tagName.toLowerCase() ?? '',
        inViewport: rect.top >= 0 && rect.left >= 0 && rect.bottom <= innerHeight && rect.right <= innerWidth,
      } satisfies Shown;
    },
    HOST,
  );
  return read ?? null;
}

const shown = (page: Page, what = 'the overlay', timeoutMs = 10_000) =>
  eventually(() => overlay(page), timeoutMs, what);

/** Where the overlay's expand/collapse button is in the page, by its centre. */
const toggleAt = (page: Page) =>
  inShadowRoot(
    page,
    HOST,
    (root) => {
      const rect = root.querySelector('.toggle')!.getBoundingClientRect();
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    },
    null,
  );

/** Clicks the overlay's expand/collapse button with the mouse, as the user does: a trusted click. */
async function toggle(page: Page): Promise<void> {
  const at = await toggleAt(page);
  if (!at) throw new Error('no overlay to toggle');
  await page.mouse.click(at.x, at.y);
}

/** Position, size and style of the page's own elements, and what its document holds. */
async function pageState(page: Page) {
  return page.evaluate((host) => {
    const selectors = ['body', '#header', '#J-nav', '.content', '.order-item', '.btn-pay', '.footer'];
    return {
      scroll: [document.documentElement.scrollWidth, document.documentElement.scrollHeight],
      styleSheets: document.styleSheets.length,
      elements: [...document.querySelectorAll('*')].filter((element) => element.tagName.toLowerCase() !== host).length,
      bodyChildren: [...document.body.children]
        .map((child) => child.tagName.toLowerCase())
        .filter((tag) => tag !== host),
      looks: selectors.flatMap((selector) =>
        [...document.querySelectorAll(selector)].map((element) => {
          const rect = element.getBoundingClientRect();
          const style = getComputedStyle(element);
          return [selector, rect.x, rect.y, rect.width, rect.height, style.color, style.fontSize, style.display].join(
            ' ',
          );
        }),
      ),
    };
  }, HOST);
}

// Rules a hostile or merely careless page could have: everything the overlay's isolation must hold off.
const HOSTILE_CSS = `
* { display: block !important; color: red !important; font-size: 40px !important; font-family: serif !important;
    --calm: red !important; --accent: red !important; --fg: red !important; }
div, span, a, button, strong, li, ul, html, body { padding: 20px !important; margin: 20px !important;
    border: 5px solid red !important; background: yellow !important; line-height: 3 !important; }
${HOST} { display: none !important; visibility: hidden !important; opacity: 0 !important; position: static !important;
    transform: scale(3) !important; font-size: 80px !important; }
html { font-size: 50px !important; }`;

async function addHostileCss(page: Page): Promise<void> {
  await page.evaluate((css) => {
    const style = document.createElement('style');
    style.id = 'hostile';
    style.textContent = css;
    document.head.append(style);
  }, HOSTILE_CSS);
}

/** The overlay looks exactly as before, text aside from the running countdowns. */
function expectSameLook(after: Shown, before: Shown): void {
  expect(after.looks).toEqual(before.looks);
  expect(after.text).toBe(before.text);
  expect(after.countdownClasses).toEqual(before.countdownClasses);
  expect(after.atCentre).toBe(HOST);
  expect(after.inViewport).toBe(true);
}

describe.each(BROWSERS)('%s: the overlay on 12306 pages', (name, launch) => {
  let world: World;
  let session: ExtensionSession;
  let page: Page;
  let deadline: number;

  beforeAll(async () => {
    world = await startWorld();
    session = await launch({ proxyPort: world.proxy.port });
    deadline = Date.now() + 12 * MINUTE + 34_000;
    world.fake.setReply({
      kind: 'orders',
      orders: [
        { sequenceNo: 'E500000002', train: 'D2281', from: '杭州东', to: '黄山北', payLimit: deadline + 13 * MINUTE },
        { sequenceNo: 'E500000001', payLimit: deadline },
      ],
    });
    // A 候补 order awaiting prepayment: a second source, listed with the others.
    world.fake.setWaitlistReply({
      kind: 'prepay',
      order: { reserveNo: 'EH500000009' },
      loseTime: deadline + 30 * MINUTE,
    });
    page = await session.browser.newPage();
    await logInOn12306(page);
    // The background has the orders before the page that should show them opens.
    const stored = async (key: string) => (await session.storage())[key] as { orders?: unknown[] } | undefined;
    await eventually(
      async () =>
        (await stored('snapshot.12306'))?.orders?.length === 2 &&
        (await stored('snapshot.12306-waitlist'))?.orders?.length === 1,
      15_000,
      'the orders in storage',
    );
  });
  afterAll(async () => {
    await session?.close();
    await world?.close();
  });

  it('shows the nearest deadline as a pill on the unpaid-orders page within 2 s', async () => {
    await page.goto(ORDERS_PAGE);
    const pill = await shown(page, 'the overlay within 2 s', 2_000);
    expect(pill).toMatchObject({ hosts: 1, kind: 'pill', text: 'G101北京南 → 上海虹桥·<t> left·Pay+2▴' });
    expect(pill.countdowns).toHaveLength(1);
    expect(
      Math.abs(countdownSeconds(pill.countdowns[0]!) - Math.ceil((deadline - Date.now()) / 1000)),
    ).toBeLessThanOrEqual(2);
    expect(pill.countdownClasses[0]).toContain('countdown--calm');
    expect(pill.looks[3]!.color).toBe('rgb(21, 128, 61)'); // URGENCY_COLORS.calm
    expect(pill.links).toEqual([ORDERS_PAGE]);
    expect(pill.atCentre).toBe(HOST);
    expect(pill.inViewport).toBe(true);
    // Small: it must never hide much of the page.
    expect(pill.looks[1]!.height).toBeLessThanOrEqual(40);

    // It counts down by itself.
    await expectCountingDown(async () => (await overlay(page))?.countdowns[0], pill.countdowns[0]!, deadline);
  });

  it('changes nothing on the page', async () => {
    const withOverlay = await pageState(page);
    // The fake page's own style sheet and frame, and nothing of the overlay's in the document.
    expect(withOverlay.styleSheets).toBe(1);
    expect(withOverlay.bodyChildren).toEqual(['div', 'div', 'div', 'div']);
    await page.evaluate((host) => document.querySelector(host)!.remove(), HOST);
    expect(await pageState(page)).toEqual(withOverlay);
    await page.reload();
    await shown(page);
  });

  it('looks the same under hostile page CSS', async () => {
    const before = await shown(page);
    await addHostileCss(page);
    // The page did take the rules.
    expect(await page.$eval('.order-item', (element) => getComputedStyle(element).color)).toBe('rgb(255, 0, 0)');
    expectSameLook((await overlay(page))!, before);
    await page.reload();
  });

  it('expands to every order, collapses again, and remembers the choice across pages', async () => {
    await shown(page);
    await toggle(page);
    const panel = await eventually(
      async () => (await overlay(page))?.kind === 'panel' && overlay(page),
      5_000,
      'expanded',
    );
    expect(panel!.rows).toEqual(['G101', 'D2281', 'G3124']);
    expect(panel!.text).toBe(
      'Pending orders: 3Collapse ▾<t>G101北京南 → 上海虹桥Pay<t>D2281杭州东 → 黄山北Pay<t>G3124上海 → 常州Prepay',
    );
    const [first, second, third] = panel!.countdowns.map(countdownSeconds);
    expect(Math.abs(second! - first! - 13 * 60)).toBeLessThanOrEqual(1);
    // The waitlist order counts down on the waitlist query's own learned clock: each clock is read
    // from a Date header of whole seconds, so the two may differ by up to a second more.
    expect(Math.abs(third! - first! - 30 * 60)).toBeLessThanOrEqual(2);
    expect(panel!.links).toEqual([ORDERS_PAGE, ORDERS_PAGE, WAITLIST_PAGE]);
    await eventually(
      async () => JSON.stringify((await session.storage())['overlay.view']) === '{"collapsed":false}',
      5_000,
      'the choice stored',
    );

    // Another 12306 page opens expanded, and stays intact under hostile CSS there too.
    await page.goto(HOME_PAGE);
    const again = await shown(page);
    expect(again.kind).toBe('panel');
    await addHostileCss(page);
    expectSameLook((await overlay(page))!, again);

    await toggle(page);
    await eventually(async () => (await overlay(page))?.kind === 'pill', 5_000, 'collapsed');
    await page.goto(ORDERS_PAGE);
    expect((await shown(page)).kind).toBe('pill');
  });

  it('stays through the site’s in-page navigation, even when the page is rebuilt', async () => {
    await shown(page);
    await page.evaluate(() => history.pushState({}, '', '/otn/view/train_order.html#/next'));
    expect((await overlay(page))?.kind).toBe('pill');
    // A single-page app replacing its whole body, overlay included, then changing the address.
    await page.evaluate(() => {
      document.body.innerHTML = '<div id="rebuilt">车票预订</div>';
      history.pushState({}, '', '/otn/leftTicket/init');
    });
    const back = await shown(page, 'the overlay back after the rebuild', 5_000);
    expect(back).toMatchObject({ hosts: 1, kind: 'pill' });
    await page.goto(ORDERS_PAGE);
  });

  it('goes when the orders are paid', async () => {
    await shown(page);
    world.fake.setReply({ kind: 'none' });
    world.fake.setWaitlistReply({ kind: 'none' });
    const popup = await session.openPopup();
    await refresh(popup);
    await popup.close();
    await page.bringToFront();
    await eventually(async () => (await page.$(HOST)) === null, 5_000, 'the overlay gone');
    await page.reload();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await page.$(HOST)).toBeNull();
  });

  it('asks nothing of the network: all it knows comes from the background', () => {
    // Requests made from a 12306 page (its own script, or a content script, which runs with it) carry
    // the page as referrer or origin. The background's two queries now do too (issue 14: a rule of
    // the extension gives each the Origin and Referer of the site's page that sends it, and Firefox
    // then counts them same-origin), and are known by that pair; the redirects they follow carry
    // neither. Only the page loads may come from the pages.
    const backgroundQuery = (request: RecordedRequest) =>
      request.method === 'POST' &&
      request.headers.origin === KYFW &&
      request.headers.referer === PAGE_OF_QUERY_PATH[request.path.split('?')[0]!];
    const fromPages = world.fake.requests.filter(
      (request) =>
        request.headers['sec-fetch-mode'] !== 'navigate' &&
        request.path !== '/favicon.ico' &&
        (request.headers.referer !== undefined || request.headers.origin === KYFW) &&
        !backgroundQuery(request),
    );
    expect(fromPages).toEqual([]);
    expect(world.proxy.refused.filter((target) => !session.ownTraffic.test(target))).toEqual([]);
    expect(venuesContacted(world)).toEqual([]);
  });

  it('shows venue orders only as a count, in a root no page script can read', async () => {
    const agent = { username: 'agent-overlay', key: 'K3Y-overlay-9c1d', password: 'pa55word-overlay' };
    const orderId = '402405019876';
    world.venue.addAccount(agent);
    const orderedAt = Math.floor((Date.now() + 5 * MINUTE) / 1000) * 1000 - 15 * MINUTE;
    world.venue.setOrder(agent.username, {
      orderid: orderId,
      status: '0',
      orderedAt,
      payTimeoutMinutes: 15,
      paymentEndTime: null,
    });
    const options = await session.openPage('options.html');
    const accountId = await addVenueAccount(options, {
      label: 'Overlay Venue',
      baseUrl: `https://${VENUE_A_HOST}`,
      flavour: 'v5',
      username: agent.username,
      key: agent.key,
      password: agent.password,
    });
    expect(await watchOrders(options, accountId, [orderId])).toBe('Added 1, 0 already watched');
    type Stored = Record<string, { orders: { id: string; title: string; route: string | null; payUrl: string }[] }>;
    const venueOrder = await eventually(
      async () => ((await session.storage())['snapshot.ticket-system'] as Stored | undefined)?.[accountId]?.orders[0],
      15_000,
      'the venue order in storage',
    );
    await options.close();

    await page.bringToFront();
    await page.reload();
    // The 12306 orders are paid: the pill counts the venue's down, by number alone.
    const pill = await shown(page, 'the overlay with the venue order');
    expect(pill).toMatchObject({ hosts: 1, kind: 'pill', text: 'Scenic-area orders: 1·<t> left▴' });
    expect(pill.links).toEqual([]);
    await toggle(page);
    const panel = await eventually(
      async () => (await overlay(page))?.kind === 'panel' && overlay(page),
      5_000,
      'expanded',
    );
    expect(panel!.rows).toEqual(['Scenic-area orders: 1']);

    // What the page's own script finds: the host element, no root, and nothing of the venue anywhere.
    const seen = await page.evaluate((host) => {
      const element = document.querySelector(host);
      return {
        host: element !== null,
        root: element?.shadowRoot === null ? null : 'readable',
        html: document.documentElement.outerHTML,
        attributes: [...document.querySelectorAll('*')].flatMap((each) =>
          [...each.attributes].map((attribute) => `${attribute.name}=${attribute.value}`),
        ),
        hostText: element?.textContent ?? '',
      };
    }, HOST);
    expect(seen.host).toBe(true);
    expect(seen.root).toBeNull();
    expect(seen.hostText).toBe('');
    expect(seen.attributes.filter((attribute) => attribute.startsWith('data-key'))).toEqual([]);
    const secrets = [
      venueOrder.title,
      venueOrder.route,
      venueOrder.id,
      venueOrder.payUrl,
      accountId,
      agent.username,
      agent.key,
      VENUE_A_HOST,
      'Overlay Venue',
      'Scenic-area',
    ].filter((secret): secret is string => !!secret);
    for (const secret of secrets) {
      expect(seen.html, secret).not.toContain(secret);
      expect(seen.attributes.join('\n'), secret).not.toContain(secret);
    }

    // Nor can it toggle the overlay: its clicks on the host reach no button.
    await page.evaluate((host) => (document.querySelector(host) as HTMLElement).click(), HOST);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await overlay(page))?.kind).toBe('panel');
    await toggle(page);
    await eventually(async () => (await overlay(page))?.kind === 'pill', 5_000, 'collapsed');
  });

  it('takes itself out of the page when the extension is reloaded under it', async () => {
    world.fake.setReply({ kind: 'orders', orders: [{ sequenceNo: 'E500000003', payLimit: Date.now() + 20 * MINUTE }] });
    const popup = await session.openPopup();
    await refresh(popup);
    await page.bringToFront();
    await shown(page, 'the overlay for a new order');
    await page.evaluate((host) => document.querySelector(host)!.setAttribute('data-before-reload', ''), HOST);
    // The popup page reloads the extension; the page's content script is left without one.
    await popup.evaluate(() => {
      setTimeout(() => (globalThis as unknown as { chrome: typeof chrome }).chrome.runtime.reload(), 100);
    });
    // Chromium leaves the old script running, orphaned: it notices on its next tick and removes its
    // UI. Firefox ends the old script and starts the new version's in the open tab, which clears
    // what the old one left and shows the overlay afresh. Never two overlays, never a dead one.
    await eventually(
      async () => (await page.$(`${HOST}[data-before-reload]`)) === null,
      10_000,
      'the old overlay gone',
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const now = await overlay(page);
    if (name === 'Chromium') expect(now).toBeNull();
    else expect(now).toMatchObject({ hosts: 1, kind: 'pill', countdowns: [expect.stringMatching(/^\d\d:\d\d$/)] });
  });
});
