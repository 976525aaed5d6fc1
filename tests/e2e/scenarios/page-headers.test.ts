import { describe, expect, it } from 'vitest';
import { KYFW } from '../fake-12306/plans';
import { STRICT_MODES, type StrictMode } from '../fake-12306/server';
import { BROWSERS } from '../harness/browsers';
import { refresh, sourceLine, waitForOrders } from '../harness/popup';
import { eventually, logInOn12306, MINUTE, useWorldAndBrowser } from '../harness/world';

// Issue 14: 12306's two queries leave the background with the Origin and Referer of the site's own
// pages, so a 12306 (or a firewall before it) that refuses anything else still answers; and the
// user's own requests from a 12306 tab are left exactly as the page sent them. Whether the real site
// checks is not known: the fake's strict mode refuses in each way a firewall plausibly would.

const PAY_PAGE = `${KYFW}/otn/view/train_order.html`;
const LINEUP_PAGE = `${KYFW}/otn/view/lineUp_order.html`;
const HOME_PAGE = `${KYFW}/otn/view/index.html`;

describe.concurrent.each(BROWSERS)('%s: 12306 asked as its own pages ask', (_name, launch) => {
  const env = useWorldAndBrowser(launch);

  it.sequential.each(STRICT_MODES)(
    'orders arrive from a 12306 that refuses requests unlike its own page’s (%s)',
    async (mode: StrictMode) => {
      const { world, session } = env;
      world.fake.setStrict(mode);
      try {
        const deadline = Date.now() + 20 * MINUTE;
        world.fake.setReply({ kind: 'orders', orders: [{ sequenceNo: 'E700000001', payLimit: deadline }] });
        world.fake.setWaitlistReply({ kind: 'prepay', order: { reserveNo: 'EH700000009' }, loseTime: deadline });
        const page = await session.browser.newPage();
        await logInOn12306(page);
        await page.close();
        const popup = await session.openPopup();
        const from = world.fake.orderQueries().length;
        const waitlistFrom = world.fake.waitlistQueries().length;
        await refresh(popup);
        await waitForOrders(popup, 2, 15_000);
        expect((await sourceLine(popup)).status).toBe('ok');

        const query = world.fake.orderQueries().slice(from).at(-1)!;
        expect(query.headers.origin).toBe(KYFW);
        expect(query.headers.referer).toBe(PAY_PAGE);
        const waitlist = world.fake.waitlistQueries().slice(waitlistFrom).at(-1)!;
        expect(waitlist.headers.origin).toBe(KYFW);
        expect(waitlist.headers.referer).toBe(LINEUP_PAGE);
        await popup.close();
      } finally {
        world.fake.setStrict(null);
      }
    },
  );

  it.sequential('leaves a request from the user’s own 12306 tab exactly as the page sent it', async () => {
    const { world, session } = env;
    const page = await session.browser.newPage();
    await page.goto(HOME_PAGE);
    const from = world.fake.requests.length;
    const status = await page.evaluate(async () => {
      const response = await fetch('/otn/queryOrder/queryMyOrderNoComplete', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8', 'X-Page-Own': 'yes' },
        body: '_json_att=',
      });
      return response.status;
    });
    expect(status).toBe(200);
    const own = await eventually(
      async () => world.fake.requests.slice(from).find((request) => request.headers['x-page-own'] === 'yes'),
      5_000,
      'the page’s own query',
    );
    // The page's own address, not the one the extension's rule would set.
    expect(own.headers.referer).toBe(HOME_PAGE);
    expect(own.headers.origin).toBe(KYFW);
    await page.close();
  });
});
