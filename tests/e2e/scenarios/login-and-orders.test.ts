import { describe, expect, it } from 'vitest';
import { BROWSERS } from '../harness/browsers';
import {
  countdownSeconds,
  expectCountingDown,
  screenshot,
  shownOrders,
  sourceLine,
  waitForOrders,
} from '../harness/popup';
import { eventually, logInOn12306, MINUTE, useWorldAndBrowser, venuesContacted } from '../harness/world';

// Scenarios 1, 2, 3 and 9 of the end-to-end plan, in each browser, once with the browser in Los Angeles
// and once in Beijing: the countdown must match the Beijing-time deadline either way.

const GREEN = [21, 128, 61, 255]; // URGENCY_COLORS.calm #15803d
const PURPLE = [124, 58, 237, 255]; // LOGIN_NEEDED_COLOR #7c3aed

const CASES = BROWSERS.flatMap(([name, launch]) =>
  ['America/Los_Angeles', 'Asia/Shanghai'].map((timeZone) => [name, timeZone, launch] as const),
);

describe.each(CASES)('%s in %s', (name, timeZone, launch) => {
  const env = useWorldAndBrowser(launch, { timeZone });

  it('logged out: says so with a login link, shows no countdown, and stops asking 12306', async () => {
    await eventually(async () => env.world.fake.orderQueries().length > 0, 15_000, 'the first check');
    const popup = await env.session.openPopup();
    await eventually(async () => (await sourceLine(popup)).status === 'loggedOut', 10_000, 'logged-out status');
    expect((await sourceLine(popup)).text).toContain('Not logged in to 12306');
    expect(await popup.$('.source .link')).not.toBeNull();
    expect(await shownOrders(popup)).toEqual([]);
    expect(await env.session.badge()).toMatchObject({ text: '', title: 'PayClock – pay before it expires' });

    await new Promise((resolve) => setTimeout(resolve, 5_000));
    expect(env.world.fake.orderQueries()).toHaveLength(1);
    await popup.close();
  });

  it('notices a login on 12306 by itself and shows the order with a live countdown', async () => {
    const deadline = Date.now() + 12 * MINUTE + 34_000;
    env.world.fake.setReply({
      kind: 'orders',
      orders: [
        { sequenceNo: 'E849708636', payLimit: deadline, passengers: ['杨赟'], priceYuan: 553 },
        {
          sequenceNo: 'E912345678',
          train: 'D2281',
          from: '杭州东',
          to: '黄山北',
          payLimit: deadline + 13 * MINUTE,
          passengers: ['李明', '王芳'],
          priceYuan: 156.5,
        },
      ],
    });
    const page = await env.session.browser.newPage();
    const loggedInAt = Date.now();
    await logInOn12306(page);

    const query = await eventually(
      async () => env.world.fake.orderQueries().find((sent) => sent.at >= loggedInAt),
      10_000,
      'a query after login',
    );
    expect(query.at - loggedInAt).toBeLessThan(8_000);
    expect(query.cookies.JSESSIONID).toBeTruthy();
    expect(query.cookies.tk).toBeTruthy();
    expect(query.headers['x-requested-with']).toBe('XMLHttpRequest');
    expect(query.body).toBe('_json_att=');

    const popup = await env.session.openPopup();
    const orders = await waitForOrders(popup, 2);
    const [first, second] = orders;
    expect(first).toMatchObject({ id: 'E849708636', train: 'G101', route: '北京南 → 上海虹桥' });
    expect(first!.details).toContain('杨赟');
    expect(first!.details).toContain('¥553');
    expect(second).toMatchObject({ id: 'E912345678', train: 'D2281', route: '杭州东 → 黄山北' });
    expect(second!.details).toContain('李明、王芳');
    expect(second!.details).toContain('¥313'); // two tickets at 156.5

    const expected = Math.ceil((deadline - Date.now()) / 1000);
    expect(Math.abs(countdownSeconds(first!.countdown) - expected)).toBeLessThanOrEqual(2);
    // It counts down by itself.
    await expectCountingDown(async () => (await shownOrders(popup))[0]?.countdown, first!.countdown, deadline);
    await screenshot(popup, `${name.toLowerCase()}-orders-${timeZone.replace('/', '-')}`);
    await popup.close();
    await page.close();
  });

  it('badge shows the minutes to the nearest deadline, then the login-needed mark', async () => {
    const badge = await eventually(
      async () => {
        const current = await env.session.badge();
        return current.text !== '' && current;
      },
      10_000,
      'a badge',
    );
    expect(badge.text).toMatch(/^1[12]$/);
    expect(badge.color).toEqual(GREEN);
    // The button's title says it in words: what the badge counts down to, and that another order waits.
    expect(badge.title).toMatch(/^G101 · pay within 1[12] min \(and 1 more\)$/);

    env.world.fake.expireSessions();
    const popup = await env.session.openPopup();
    await popup.click('.refresh');
    await eventually(async () => (await sourceLine(popup)).status === 'loggedOut', 10_000, 'logged out again');
    const marked = await eventually(
      async () => {
        const current = await env.session.badge();
        return current.text.startsWith('!') && current;
      },
      5_000,
      'the login-needed mark',
    );
    expect(marked.text).toMatch(/^!1[12]$/);
    expect(marked.color).toEqual(PURPLE);
    expect(marked.title).toMatch(/^G101 · pay within 1[12] min \(and 1 more\) · some orders can no longer be checked/);
    // The orders stay on screen, marked as not confirmed.
    expect(await shownOrders(popup)).toHaveLength(2);
    expect((await sourceLine(popup)).text).toContain('not yet confirmed');
    expect((await env.session.notifications()).some((id) => id.startsWith('loginExpired|'))).toBe(true);
    await popup.close();
  });

  it('reaches nothing but 12306', () => {
    // Every connection the browser opened went through the proxy, which refuses and records all
    // targets but the fake 12306 and the fake venues.
    expect(env.world.proxy.refused.filter((target) => !env.session.ownTraffic.test(target))).toEqual([]);
    // The venues are routed, but no venue account was set up: not one connection to them.
    expect(venuesContacted(env.world)).toEqual([]);
    expect(env.world.venue.requests).toEqual([]);
  });
});
