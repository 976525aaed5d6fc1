import { describe, expect, it } from 'vitest';
import { BROWSERS } from '../harness/browsers';
import { eventually, logInOn12306, MINUTE, useWorldAndBrowser } from '../harness/world';

// The settings page drives the background: a reminder time the user adds produces its reminder.

describe.each(BROWSERS)('%s: settings', (_name, launch) => {
  const env = useWorldAndBrowser(launch);

  it('a reminder time added on the settings page produces its reminder', async () => {
    // 3 minutes and a bit left: the default 10 and 5 minute reminders have passed already.
    const deadline = Math.floor((Date.now() + 3 * MINUTE + 12_000) / 1000) * 1000;
    env.world.fake.setReply({ kind: 'orders', orders: [{ sequenceNo: 'E500000001', payLimit: deadline }] });
    const page = await env.session.browser.newPage();
    await logInOn12306(page);
    await page.close();
    const key = '12306:E500000001';
    await eventually(async () => (await env.session.notifications()).includes(`found|${key}`), 10_000, 'found');

    const options = await env.session.openPage('options.html');
    await options.bringToFront();
    const field = await options.waitForSelector('#reminder-minutes');
    await field!.click({ count: 3 });
    await options.keyboard.press('Backspace');
    await field!.type('3、1');
    await options.keyboard.press('Tab');
    await eventually(
      async () => JSON.stringify((await env.session.storage()).settings).includes('"reminderMinutes":[3,1]'),
      5_000,
      'the new reminder times stored',
    );

    const reminder = `remind|3|${deadline}|${key}`;
    await eventually(async () => (await env.session.notifications()).includes(reminder), 20_000, reminder);
    const { 'alerts.sent': sent } = (await env.session.storage()) as { 'alerts.sent': Record<string, number> };
    expect(Math.abs(sent[reminder]! - (deadline - 3 * MINUTE))).toBeLessThan(2_500);
    // The passed default reminders were not announced late.
    expect((await env.session.notifications()).filter((id) => id.startsWith('remind|'))).toEqual([reminder]);
  });

  it('refuses bad reminder times with a message and keeps the stored ones', async () => {
    const options = await env.session.openPage('options.html');
    await options.bringToFront();
    const field = await options.waitForSelector('#reminder-minutes');
    await field!.click({ count: 3 });
    await options.keyboard.press('Backspace');
    // The page's own type, not the small one Chrome gives extension pages by default.
    expect(await options.$eval('.field__label', (label) => getComputedStyle(label).fontSize)).toBe('14px');
    await field!.type('3, 500');
    await options.waitForFunction(() => document.querySelector('#reminder-minutes-error')?.textContent?.trim());
    await options.keyboard.press('Tab');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(JSON.stringify((await env.session.storage()).settings)).toContain('"reminderMinutes":[3,1]');
  });

  it('links the privacy policy, a page of the extension in both languages', async () => {
    const options = await env.session.openPage('options.html');
    const link = await options.waitForSelector('.options__footer a');
    const [href, origin] = await link!.evaluate((a) => [(a as HTMLAnchorElement).href, location.origin]);
    expect(href).toBe(`${origin}/privacy.html`);
    const privacy = await env.session.openPage('privacy.html');
    await privacy.waitForSelector('section[lang="en"]');
    const langs = await privacy.$$eval('section', (sections) => sections.map((section) => section.lang));
    expect(langs).toEqual(['zh-CN', 'en']);
    expect(await privacy.$eval('section[lang="en"] h2', (heading) => heading.textContent)).toBe('English');
  });
});

describe.each(BROWSERS)('%s: silencing one order', (_name, launch) => {
  const env = useWorldAndBrowser(launch);

  it('snoozes and mutes reminders from the popup, and turns them back on', async () => {
    env.world.fake.setReply({
      kind: 'orders',
      orders: [{ sequenceNo: 'E600000001', payLimit: Date.now() + 20 * MINUTE }],
    });
    const page = await env.session.browser.newPage();
    await logInOn12306(page);
    await page.close();
    const popup = await env.session.openPopup();
    await popup.bringToFront();
    const key = '12306:E600000001';
    const quiet = async () =>
      (await env.session.storage())['alerts.quiet'] as Record<string, { kind: string }> | undefined;
    const clickButton = async (text: string) => {
      const buttons = await popup.waitForSelector('.silence');
      expect(buttons).not.toBeNull();
      await popup.$$eval(
        '.silence__button',
        (elements, wanted) =>
          (elements.find((element) => element.textContent?.startsWith(wanted)) as HTMLElement | undefined)?.click(),
        text,
      );
    };

    await clickButton('Remind me in 5 min');
    await eventually(async () => (await quiet())?.[key]?.kind === 'snoozed', 5_000, 'snoozed');
    await popup.waitForFunction(() => document.querySelector('.silence__state')?.textContent?.includes('paused until'));

    await clickButton('Turn reminders back on');
    await eventually(async () => !(await quiet())?.[key], 5_000, 'back on');
    await clickButton('No more reminders');
    await eventually(async () => (await quiet())?.[key]?.kind === 'muted', 5_000, 'muted');
    expect(await popup.$eval('.silence__state', (element) => element.textContent)).toBe('Reminders off for this order');
  });
});
