import type { ElementHandle, Page } from 'puppeteer-core';
import type { ExtensionSession } from './session';
import { eventually } from './world';

// What a user does with ticket-system accounts and watched orders, on the settings page and in the
// popup, and what the popup shows for one account. Selectors come from entrypoints/options/Accounts.tsx,
// entrypoints/options/AccountForm.tsx, components/WatchForm.tsx, components/WatchedList.tsx and
// entrypoints/popup/TicketSections.tsx.

export interface VenueAccountForm {
  label: string;
  baseUrl: string;
  flavour?: 'v5' | 'v3';
  /** Left as the form has it (the flavour's default) unless given. */
  pathTemplate?: string;
  username: string;
  hawkId?: string;
  key: string;
  password: string;
  personalId?: string;
}

const FORM = 'form.account-form';

/** Replaces a field's text the way a user does: select it all, delete, type. */
async function fill(page: Page, selector: string, value: string): Promise<void> {
  const field = (await page.waitForSelector(selector)) as ElementHandle<HTMLInputElement>;
  await field.evaluate((input) => {
    input.focus();
    input.select();
  });
  await page.keyboard.press('Backspace');
  if (value !== '') await field.type(value);
}

/**
 * Clicks the button whose text is `text` (trimmed) inside `scope`. A DOM click: a mouse click at
 * the button's place can miss while the page's layout is still moving (a form closing above it).
 * Buttons that must be a user gesture (Save, Test: they ask for site access) are clicked with the mouse.
 */
export async function clickButton(page: Page, scope: string, text: string): Promise<void> {
  const button = await eventually(
    async () => {
      for (const candidate of await page.$$(`${scope} button`)) {
        if ((await candidate.evaluate((element) => element.textContent?.trim())) === text) return candidate;
      }
      return null;
    },
    10_000,
    `a "${text}" button in ${scope}`,
  );
  await button.evaluate((element) => (element as HTMLButtonElement).click());
}

const formStatus = (page: Page) =>
  page.$eval(`${FORM} > p.status`, (element) => element.textContent?.trim() ?? '').catch(() => '');

async function saveForm(page: Page): Promise<void> {
  await page.click(`${FORM} button[type=submit]`);
  const status = await eventually(
    async () => {
      const text = await formStatus(page);
      return text && text !== 'Saving…' ? text : null;
    },
    10_000,
    'the account form to say how saving went',
  );
  if (status !== 'Account saved') throw new Error(`saving the account said: ${status}`);
}

/**
 * The id (the `idAttribute` of the `items` element) of the item of a settings list whose label
 * reads `label`: accounts and push channels are listed alike.
 */
export function listedIdOf(page: Page, items: string, idAttribute: string, label: string): Promise<string> {
  return eventually(
    () =>
      page.$$eval(
        items,
        (found, [wanted, attribute]) =>
          found
            .find((item) => item.querySelector('.account__label')?.textContent === wanted)
            ?.getAttribute(attribute!) ?? null,
        [label, idAttribute],
      ),
    10_000,
    `"${label}" in the list (${items})`,
  );
}

/** The id of the listed account with this label. */
export const accountIdOf = (page: Page, label: string): Promise<string> =>
  listedIdOf(page, 'li.account', 'data-account-id', label);

/** Closes an open account form (its Cancel), if there is one. */
async function closeForm(page: Page): Promise<void> {
  if (await page.$(FORM)) {
    await clickButton(page, `${FORM} .buttons`, 'Cancel');
    await page.waitForFunction((form) => !document.querySelector(form), {}, FORM);
  }
}

/** Opens a new account's form and fills it in, the way a user does. */
async function fillNewAccount(page: Page, account: VenueAccountForm): Promise<void> {
  await page.bringToFront();
  await closeForm(page);
  await clickButton(page, 'section[aria-labelledby=accounts-heading] > .buttons', 'Add an account');
  await page.waitForSelector(FORM);
  await fill(page, `${FORM} input[name=label]`, account.label);
  await fill(page, `${FORM} input[name=baseUrl]`, account.baseUrl);
  if (account.flavour) await page.click(`${FORM} input[type=radio][value=${account.flavour}]`);
  if (account.pathTemplate !== undefined) await fill(page, `${FORM} input[name=pathTemplate]`, account.pathTemplate);
  await fill(page, `${FORM} input[name=username]`, account.username);
  if (account.hawkId !== undefined) await fill(page, `${FORM} input[name=hawkId]`, account.hawkId);
  await fill(page, `${FORM} input[name=key]`, account.key);
  await fill(page, `${FORM} input[name=password]`, account.password);
  if (account.personalId !== undefined) await fill(page, `${FORM} input[name=personalId]`, account.personalId);
}

/** Fills a new account's form and clicks Save, without waiting for it to be saved; gives the form's text. */
export async function trySavingVenueAccount(page: Page, account: VenueAccountForm): Promise<string> {
  await fillNewAccount(page, account);
  await page.click(`${FORM} button[type=submit]`);
  return eventually(async () => (await formStatus(page)) || null, 10_000, 'the form to answer').then(() =>
    page.$eval(FORM, (form) => (form as HTMLElement).innerText),
  );
}

/**
 * Adds an account on the settings page (Add an account, fill in, Save; the site-permission prompt
 * is accepted by the harness) and returns its id. The form stays open, now editing the account.
 */
export async function addVenueAccount(page: Page, account: VenueAccountForm): Promise<string> {
  await fillNewAccount(page, account);
  await saveForm(page);
  return accountIdOf(page, account.label);
}

/** Opens the listed account's form (Edit), enters a new KEY and password, and saves. */
export async function replaceVenueKey(
  page: Page,
  accountId: string,
  secret: { key: string; password: string },
): Promise<void> {
  await page.bringToFront();
  await closeForm(page);
  await clickButton(page, `li.account[data-account-id="${accountId}"] .buttons`, 'Edit');
  await page.waitForSelector(FORM);
  await fill(page, `${FORM} input[name=key]`, secret.key);
  await fill(page, `${FORM} input[name=password]`, secret.password);
  await saveForm(page);
}

/** Removes the listed account (Remove, then Remove it). */
export async function removeVenueAccount(page: Page, accountId: string): Promise<void> {
  await page.bringToFront();
  const item = `li.account[data-account-id="${accountId}"]`;
  await clickButton(page, `${item} .buttons`, 'Remove');
  await clickButton(page, `${item} .confirm`, 'Remove it');
  await page.waitForFunction((selector) => !document.querySelector(selector), {}, item);
}

export interface TestOutcome {
  kind: string;
  text: string;
}

/** Runs the open account form's Test connection with this order number. */
export async function testConnection(page: Page, orderId: string): Promise<TestOutcome> {
  await page.bringToFront();
  await fill(page, `${FORM} fieldset.test input`, orderId);
  await page.click(`${FORM} fieldset.test button`);
  const result = await page.waitForSelector(`${FORM} .test-result`, { timeout: 30_000 });
  return result!.evaluate((element) => ({
    kind: element.getAttribute('data-kind') ?? '',
    text: (element as HTMLElement).innerText,
  }));
}

/**
 * Pastes order numbers in a watch form (the settings page's, or the popup's open one) for the
 * account, clicks Watch, and waits for the form to say they were added.
 */
export async function watchOrders(page: Page, accountId: string, orderIds: readonly string[]): Promise<string> {
  await page.bringToFront();
  const form = await page.waitForSelector('.watch-form');
  if (await form!.$('select')) await page.select('.watch-form select', accountId);
  const ids = await form!.$('.watch-form__ids');
  // A paste: the whole text arrives in one input event.
  await ids!.evaluate((textarea, text) => {
    const area = textarea as HTMLTextAreaElement;
    area.focus();
    area.value = text;
    area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste', data: text }));
  }, orderIds.join('\n'));
  await page.waitForFunction(() => {
    const button = document.querySelector<HTMLButtonElement>('.watch-form .buttons .button');
    return button && !button.disabled;
  });
  await page.$eval('.watch-form .buttons .button', (button) => (button as HTMLButtonElement).click());
  return eventually(
    () =>
      page.$eval('.watch-form p.status', (element) => {
        const text = element.textContent?.trim() ?? '';
        return text.startsWith('Added') || text.startsWith('Could not') ? text : null;
      }),
    10_000,
    'the watch form to say what it added',
  );
}

// The popup.

const section = (accountId: string) => `.venue[data-account-id="${accountId}"]`;

export interface VenueView {
  /** The account's SourceLine status (`ok`, `authFailed`…), or null when it has no section. */
  status: string | null;
  statusText: string;
  /** Orders awaiting payment, with their countdowns. */
  orders: { id: string; countdown: string; deadlineLine: string }[];
  /** Other watched orders: status names, problems, and whether they wait to be dismissed. */
  others: { id: string; status: string; problem: string; final: boolean }[];
}

export async function venueView(popup: Page, accountId: string): Promise<VenueView> {
  return popup.evaluate((selector) => {
    const root = document.querySelector(selector);
    const source = root?.querySelector('.source');
    return {
      status: source?.getAttribute('data-status') ?? null,
      statusText: (source as HTMLElement | null | undefined)?.innerText ?? '',
      orders: [...(root?.querySelectorAll('.order') ?? [])].map((item) => ({
        id: item.getAttribute('data-order-id') ?? '',
        countdown: item.querySelector('.countdown')?.textContent ?? '',
        deadlineLine: item.querySelector('.order__deadline')?.textContent ?? '',
      })),
      others: [...(root?.querySelectorAll('.watched__row') ?? [])].map((row) => ({
        id: row.getAttribute('data-order-id') ?? '',
        status: row.querySelector('.watched__status')?.textContent ?? '',
        problem: row.querySelector('.watched__problem')?.textContent ?? '',
        final: row.classList.contains('watched__row--final'),
      })),
    };
  }, section(accountId));
}

/** Waits until the account's section in the popup satisfies `test`, and returns it. */
export function waitForVenue(
  popup: Page,
  accountId: string,
  test: (view: VenueView) => boolean,
  what: string,
  timeoutMs = 15_000,
): Promise<VenueView> {
  return eventually(
    async () => {
      const view = await venueView(popup, accountId);
      return test(view) ? view : null;
    },
    timeoutMs,
    what,
  );
}

/**
 * Clicks the popup's Refresh and waits until the round it asked for is over (the button is busy,
 * then not), whichever sources that round asked. Busy is `aria-disabled`, not `disabled`, which would
 * drop the keyboard's focus.
 */
export async function refreshRound(popup: Page): Promise<void> {
  await popup.bringToFront();
  await popup.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const button = document.querySelector<HTMLButtonElement>('.refresh');
        if (!button) return reject(new Error('no refresh button'));
        let busy = false;
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error('the refresh did not finish in 30 s'));
        }, 30_000);
        const observer = new MutationObserver(() => {
          if (button.getAttribute('aria-disabled') === 'true') busy = true;
          else if (busy) {
            clearTimeout(timer);
            observer.disconnect();
            resolve();
          }
        });
        observer.observe(button, { attributes: true });
        button.click();
      }),
  );
}

/** The extension's `storage.sync`, read from one of its pages. */
export async function syncStorage(session: ExtensionSession): Promise<Record<string, unknown>> {
  const page = await session.openPage('popup.html');
  try {
    return await page.evaluate(() => {
      const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
      return api.storage.sync.get(null);
    });
  } finally {
    await page.close();
  }
}

/** Whether the extension may reach a site now (`permissions.contains`), asked from one of its pages. */
export async function hasSiteAccess(session: ExtensionSession, originPattern: string): Promise<boolean> {
  const page = await session.openPage('popup.html');
  try {
    return await page.evaluate((pattern) => {
      const api = (globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome;
      return api.permissions.contains({ origins: [pattern] });
    }, originPattern);
  } finally {
    await page.close();
  }
}
