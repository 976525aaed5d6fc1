import { describe, expect, it } from 'vitest';
import { launchChromium } from '../harness/chromium';
import { screenshot, sourceLine, waitForOrders } from '../harness/popup';
import { logInOn12306, MINUTE, useWorldAndBrowser } from '../harness/world';

// Chinese is the first language of the interface: a browser in Chinese gets it without any setting.
// This run also takes the README's picture (test-results/screenshots/popup.png → docs/popup.png).

describe('Chromium in Chinese', () => {
  const env = useWorldAndBrowser(launchChromium, { timeZone: 'Asia/Shanghai', language: 'zh-CN' });

  it('shows the popup in Chinese', async () => {
    env.world.fake.setReply({
      kind: 'orders',
      orders: [
        { sequenceNo: 'E849708636', payLimit: Date.now() + 3 * MINUTE + 30_000, passengers: ['杨赟'], priceYuan: 553 },
        {
          sequenceNo: 'E912345678',
          train: 'D2281',
          from: '杭州东',
          to: '黄山北',
          payLimit: Date.now() + 24 * MINUTE + 30_000,
          passengers: ['李明', '王芳'],
          priceYuan: 156.5,
        },
      ],
    });
    const page = await env.session.browser.newPage();
    await logInOn12306(page);
    const popup = await env.session.openPopup({ deviceScaleFactor: 2 });
    const [urgent, calm] = await waitForOrders(popup, 2);

    expect(await popup.$eval('html', (html) => html.lang)).toBe('zh-CN');
    expect((await sourceLine(popup)).text).toContain('已登录');
    expect(urgent!.deadlineLine).toMatch(/^\d\d:\d\d:\d\d 前支付（北京时间）$/);
    expect(urgent!.countdownClass).toContain('countdown--urgent');
    expect(calm!.countdownClass).toContain('countdown--calm');
    expect(await popup.$$eval('.order__pay', (buttons) => buttons.map((button) => button.textContent))).toEqual([
      '去支付',
      '去支付',
    ]);
    await screenshot(popup, 'popup');
  });
});
