import type { ElementHandle, Page } from 'puppeteer-core';
import type { ChromiumSession } from './chromium';
import type { FirefoxSession } from './firefox';
import type { ExtensionSession } from './session';
import { clickButton, listedIdOf } from './venue';
import { eventually } from './world';

// What a user does with push channels on the settings page, and how the browser stops the
// background. Selectors come from entrypoints/options/PushSection.tsx, PushChannelForm.tsx,
// PushFields.tsx, PushKindsField.tsx, PushTest.tsx and PushResultView.tsx.

const FORM = '[data-testid=push-form]';

export interface PushChannelInput {
  service: string;
  label: string;
  /** Every field by its input's name (the service's field names), secret or not. */
  fields: Record<string, string>;
  /** Reminder minutes to untick (by default a channel forwards the 5- and 1-minute ones). */
  untickRemind?: number[];
}

export interface PushTestView {
  kind: string;
  outcome: string;
  text: string;
}

async function fill(page: Page, selector: string, value: string): Promise<void> {
  const field = (await page.waitForSelector(selector)) as ElementHandle<HTMLInputElement>;
  await field.evaluate((input) => {
    input.focus();
    input.select();
  });
  await page.keyboard.press('Backspace');
  if (value !== '') await field.type(value);
}

const formStatus = (page: Page) =>
  page
    .$eval(`${FORM} [data-testid=push-form-status]`, (element) => (element as HTMLElement).innerText.trim())
    .catch(() => '');

/**
 * Adds a channel the way a user does (Add a channel, pick the service, type, Save: the site
 * permission prompt is accepted by the harness) and returns its id. The form stays open on it.
 */
export async function addPushChannel(page: Page, channel: PushChannelInput): Promise<string> {
  await page.bringToFront();
  if (await page.$(FORM)) {
    await clickButton(page, `${FORM} .buttons`, 'Cancel');
    await page.waitForFunction((form) => !document.querySelector(form), {}, FORM);
  }
  await page.$eval('[data-testid=push-add]', (button) => (button as HTMLButtonElement).click());
  await page.waitForSelector(FORM);
  await page.select(`${FORM} [data-testid=push-service]`, channel.service);
  await fill(page, `${FORM} input[name=label]`, channel.label);
  for (const [name, value] of Object.entries(channel.fields)) await fill(page, `${FORM} input[name="${name}"]`, value);
  for (const minutes of channel.untickRemind ?? []) {
    const box = `${FORM} input[name=remind-${minutes}]`;
    if (await page.$eval(box, (input) => (input as HTMLInputElement).checked)) await page.click(box);
  }
  // A mouse click: Save asks for the service's host, which needs the user's gesture.
  await page.click(`${FORM} [data-testid=push-save]`);
  const status = await eventually(
    async () => {
      const text = await formStatus(page);
      return text && !/Saving/.test(text) ? text : null;
    },
    10_000,
    `the form to say how saving ${channel.label} went`,
  );
  if (status !== 'Saved.') throw new Error(`saving ${channel.label} said: ${status}`);
  return channelIdOf(page, channel.label);
}

/** The id of the listed channel with this label. */
export const channelIdOf = (page: Page, label: string): Promise<string> =>
  listedIdOf(page, 'li[data-testid=push-channel]', 'data-channel-id', label);

/**
 * Clicks a listed channel's Send test (a mouse click: it asks for the host first) and gives what the
 * page shows of the service's answer.
 */
export async function sendTest(page: Page, channelId: string): Promise<PushTestView> {
  await page.bringToFront();
  const item = `li[data-channel-id="${channelId}"]`;
  await page.click(`${item} [data-testid=push-test]`);
  const result = await page.waitForSelector(`${item} [data-testid=push-test-result]`, { timeout: 20_000 });
  return result!.evaluate((element) => ({
    kind: element.getAttribute('data-kind') ?? '',
    outcome: element.getAttribute('data-outcome') ?? '',
    text: (element as HTMLElement).innerText,
  }));
}

/** A listed channel's health (`ok`, `failing`, `refused`) and what the page says of it. */
export function channelHealth(page: Page, channelId: string): Promise<{ health: string; text: string }> {
  return page.$eval(`li[data-channel-id="${channelId}"] [data-testid=push-status]`, (element) => ({
    health: element.getAttribute('data-health') ?? '',
    text: (element as HTMLElement).innerText,
  }));
}

/** Every text an extension page holds: its markup and the values of its fields. */
export function pageTexts(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      document.documentElement.outerHTML +
      [...document.querySelectorAll('input, textarea, select')]
        .map((field) => (field as HTMLInputElement).value)
        .join('\n'),
  );
}

/**
 * Stops the background the way the browser does when it is idle (Chrome stops the service worker,
 * Firefox unloads the event page), and waits until it is stopped.
 */
export async function stopBackground(session: ExtensionSession): Promise<void> {
  if ('stopBackground' in session) return (session as FirefoxSession).stopBackground();
  const watch = await (session as ChromiumSession).watchWorker();
  await watch.stop();
}
