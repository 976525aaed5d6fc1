import type { Page } from 'puppeteer-core';
import { messages, type Locale } from '@/lib/i18n/messages';
import { accountIdOf, clickButton } from '../../tests/e2e/harness/venue';

// The venue account and its watched order, entered on the settings page as a user does, in either
// language: the e2e harness's helpers check the page's English answers, so the demo, which also
// runs in Chinese, waits for what they lead to instead (the account listed, the order watched).

const FORM = 'form.account-form';

export interface DemoAccount {
  label: string;
  baseUrl: string;
  username: string;
  key: string;
  password: string;
}

/** Adds the account (Add an account, fill in, Save) and returns its id. */
export async function addAccount(options: Page, locale: Locale, account: DemoAccount): Promise<string> {
  await clickButton(options, 'section[aria-labelledby=accounts-heading] > .buttons', messages.acctAdd[locale]);
  await options.waitForSelector(FORM);
  const { label, baseUrl, username, key, password } = account;
  for (const [name, value] of Object.entries({ label, baseUrl, username, key, password })) {
    // Replaces what the field holds (the base URL starts as "https://"), as a user does.
    const field = `${FORM} input[name=${name}]`;
    await options.$eval(field, (input) => (input as HTMLInputElement).select());
    await options.keyboard.press('Backspace');
    await options.type(field, value);
  }
  await options.click(`${FORM} input[type=radio][value=v5]`);
  // A real click: Save asks for access to the venue's site, which needs the user's gesture.
  await options.click(`${FORM} button[type=submit]`);
  return accountIdOf(options, label);
}

/** Pastes the order number in the settings page's watch form and waits for it to be listed. */
export async function watchOrder(options: Page, accountId: string, orderId: string): Promise<void> {
  if (await options.$('.watch-form select')) await options.select('.watch-form select', accountId);
  await options.$eval(
    '.watch-form__ids',
    (area, text) => {
      (area as HTMLTextAreaElement).value = text;
      area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste', data: text }));
    },
    orderId,
  );
  await options.waitForSelector('.watch-form .buttons .button:not(:disabled)');
  await options.$eval('.watch-form .buttons .button', (button) => (button as HTMLButtonElement).click());
  await options.waitForSelector(`.watched__row[data-order-id="${orderId}"]`, { timeout: 10_000 });
}
