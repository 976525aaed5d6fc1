// @vitest-environment happy-dom
import { cleanup, fireEvent, render, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { AccountsSection, WatchedSection } from '@/entrypoints/options/Accounts';
import type { Request, TestResult } from '@/lib/messaging/pages';
import { DEFAULT_PATH_TEMPLATES, type Account } from '@/lib/sources/ticket-system/account';
import { newWatchedOrder } from '@/lib/sources/ticket-system/watched';
import { accountsItem, ticketSnapshotsItem, watchedOrdersItem } from '@/lib/storage/items';
import { EMPTY_SNAPSHOT } from '@/lib/snapshots/snapshot';
import { account } from '../helpers/accounts';

// The fake browser has no i18n API, so the page renders in English.

const hostile = '<img src=x onerror="window.__pwned=1">';

const ACCOUNT: Account = account({ label: '黄山风景区', baseUrl: 'https://ticket.example.cn/' });

const originalSendMessage = fakeBrowser.runtime.sendMessage;
let sent: Request[];
let reply: (request: Request) => unknown;
let permission: ReturnType<typeof vi.fn>;

beforeEach(() => {
  sent = [];
  reply = () => ({ ok: true });
  vi.spyOn(console, 'warn').mockImplementation(() => {}); // the failures tested below are logged
  fakeBrowser.runtime.sendMessage = vi.fn(async (request: Request) => {
    sent.push(request);
    return reply(request);
  }) as unknown as typeof fakeBrowser.runtime.sendMessage;
  permission = vi.fn(async () => true);
  fakeBrowser.permissions.request = permission as unknown as typeof fakeBrowser.permissions.request;
});

afterEach(() => {
  cleanup();
  fakeBrowser.runtime.sendMessage = originalSendMessage;
  vi.restoreAllMocks();
});

async function openAddForm() {
  const view = render(<AccountsSection />);
  fireEvent.click(await view.findByRole('button', { name: 'Add an account' }));
  const form = view.getByRole('form', { name: 'Add an account' });
  return { ...view, form: within(form), formElement: form };
}

function type(field: HTMLElement, value: string) {
  fireEvent.input(field, { target: { value } });
  fireEvent.blur(field);
}

function fillNew(form: ReturnType<typeof within>, overrides: Partial<Record<string, string>> = {}) {
  const values = {
    'Ticket system address': 'https://ticket.example.cn',
    Username: 'agent01',
    KEY: 'K3Y',
    Password: 'secret-password',
    ...overrides,
  };
  for (const [label, value] of Object.entries(values)) type(form.getByLabelText(label), value!);
}

describe('account form', () => {
  it('says what is wrong, field by field, and sends nothing', async () => {
    const { form } = await openAddForm();
    type(form.getByLabelText('Ticket system address'), 'ftp://ticket.example.cn');
    expect(await form.findByText('The address must start with https://')).toBeTruthy();
    type(form.getByLabelText('Order query path'), 'api/Order/{id}');
    expect(form.getByText('The path may only use {orderid}, {username} and {personalid}')).toBeTruthy();
    type(form.getByLabelText('Personal member id'), 'abc');
    expect(form.getByText('The personal member id must be a number')).toBeTruthy();
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    expect(await form.findByText('Please correct the fields marked.')).toBeTruthy();
    expect(form.getByText('Enter the username')).toBeTruthy();
    expect(form.getByText('A new account needs its KEY')).toBeTruthy();
    expect(form.getByText('A new account needs its password')).toBeTruthy();
    expect(form.getByLabelText('Username').getAttribute('aria-invalid')).toBe('true');
    expect(permission).not.toHaveBeenCalled();
    expect(sent).toEqual([]);
  });

  it('switches the path template with the API version unless it was edited', async () => {
    const { form } = await openAddForm();
    const path = form.getByLabelText('Order query path') as HTMLInputElement;
    expect(path.value).toBe(DEFAULT_PATH_TEMPLATES.v5);
    fireEvent.click(form.getByLabelText('V3'));
    expect(path.value).toBe(DEFAULT_PATH_TEMPLATES.v3);
    type(path, 'api/WebInterface/V3/{username}/{orderid}');
    fireEvent.click(form.getByLabelText('V5'));
    expect(path.value).toBe('api/WebInterface/V3/{username}/{orderid}');
  });

  it('refuses plain http until the warning is accepted', async () => {
    const { form } = await openAddForm();
    fillNew(form, { 'Ticket system address': 'http://10.0.0.5:8080/ticket' });
    expect(form.getByText(/use https, or tick the warning below/)).toBeTruthy();
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    await form.findByText('Please correct the fields marked.');
    expect(sent).toEqual([]);
    fireEvent.click(form.getByLabelText(/keys and orders would cross the network unencrypted/));
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(permission).toHaveBeenCalledWith({ origins: ['http://10.0.0.5/*'] });
    expect(sent[0]).toMatchObject({
      type: 'account.save',
      draft: { allowHttp: true, baseUrl: 'http://10.0.0.5:8080/ticket' },
    });
  });

  it('does not save when the browser refuses access, and says how to fix it', async () => {
    permission.mockResolvedValue(false);
    const { form } = await openAddForm();
    fillNew(form);
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    expect(
      await form.findByText(
        'PayClock needs access to ticket.example.cn to check orders; the browser refused it. Click Save again and choose Allow.',
      ),
    ).toBeTruthy();
    expect(permission).toHaveBeenCalledWith({ origins: ['https://ticket.example.cn/*'] });
    expect(sent).toEqual([]);
    expect((form.getByLabelText('KEY') as HTMLInputElement).value).toBe('K3Y'); // nothing lost
  });

  it('asks for access during the click itself, before anything else is awaited', async () => {
    const { form } = await openAddForm();
    fillNew(form);
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    expect(permission).toHaveBeenCalledTimes(1); // synchronously, inside the user gesture
  });

  it('saves a new account with its secret, then clears the secret fields', async () => {
    reply = () => ({ ok: true, id: 'acc-new' });
    const { form, ...view } = await openAddForm();
    fillNew(form, { Name: '黄山' });
    const key = form.getByLabelText('KEY') as HTMLInputElement;
    const password = form.getByLabelText('Password') as HTMLInputElement;
    expect(key.type).toBe('password');
    expect(password.type).toBe('password');
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    expect(await form.findByText('Account saved')).toBeTruthy();
    expect(sent).toEqual([
      {
        type: 'account.save',
        id: null,
        draft: {
          label: '黄山',
          baseUrl: 'https://ticket.example.cn',
          flavour: 'v5',
          pathTemplate: DEFAULT_PATH_TEMPLATES.v5,
          username: 'agent01',
          hawkId: '',
          personalId: '0',
          allowHttp: false,
        },
        secret: { key: 'K3Y', password: 'secret-password' },
      },
    ]);
    expect(key.value).toBe('');
    expect(password.value).toBe('');
    expect(form.getByText(/A key is saved; enter KEY and password only to replace it/)).toBeTruthy();
    expect(view.getByRole('form', { name: 'Edit “黄山”' })).toBeTruthy(); // now an existing account
  });

  it('edits an account without touching its key (secret null)', async () => {
    await accountsItem.set([ACCOUNT]);
    reply = () => ({ ok: true, id: ACCOUNT.id });
    const view = render(<AccountsSection />);
    fireEvent.click(await view.findByRole('button', { name: 'Edit' }));
    const form = within(view.getByRole('form', { name: 'Edit “黄山风景区”' }));
    expect(form.getByText(/A key is saved; enter KEY and password only to replace it/)).toBeTruthy();
    expect((form.getByLabelText('KEY') as HTMLInputElement).value).toBe('');
    expect((form.getByLabelText('Hawk id') as HTMLInputElement).placeholder).toBe('same as username');
    type(form.getByLabelText('Hawk id'), 'hawk-agent');
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    await form.findByText('Account saved');
    expect(sent).toEqual([
      expect.objectContaining({
        type: 'account.save',
        id: 'acc-1',
        secret: null,
        draft: expect.objectContaining({ hawkId: 'hawk-agent' }),
      }),
    ]);
  });

  it('wants both KEY and password to replace a key', async () => {
    await accountsItem.set([ACCOUNT]);
    const view = render(<AccountsSection />);
    fireEvent.click(await view.findByRole('button', { name: 'Edit' }));
    const form = within(view.getByRole('form'));
    type(form.getByLabelText('KEY'), 'NEWKEY');
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    expect(await form.findByText('To replace the key, enter both the KEY and the password')).toBeTruthy();
    expect(sent).toEqual([]);
  });

  it('wants the KEY and password again when the address moves to another site', async () => {
    await accountsItem.set([ACCOUNT]);
    reply = () => ({ ok: true, id: ACCOUNT.id });
    const view = render(<AccountsSection />);
    fireEvent.click(await view.findByRole('button', { name: 'Edit' }));
    const form = within(view.getByRole('form'));
    type(form.getByLabelText('Ticket system address'), 'https://evil.example');
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    expect(await form.findByText(/The address is on another site now: enter the KEY again/)).toBeTruthy();
    expect(form.getByText('The address is on another site now: enter the password again')).toBeTruthy();
    expect(permission).not.toHaveBeenCalled();
    expect(sent).toEqual([]);
    fireEvent.click(form.getByRole('button', { name: 'Test' }));
    expect(sent).toEqual([]);
    // A new path on the same site keeps the saved key.
    type(form.getByLabelText('Ticket system address'), 'https://ticket.example.cn/v2/');
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    await form.findByText('Account saved');
    expect(sent).toEqual([expect.objectContaining({ type: 'account.save', secret: null })]);
  });

  it('refuses a path template that leads away from the address, and asks no access', async () => {
    const { form } = await openAddForm();
    fillNew(form, { 'Order query path': '\\\\evil.example/{orderid}' });
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    expect(await form.findByText(/The path leads away from the address/)).toBeTruthy();
    expect(permission).not.toHaveBeenCalled();
    expect(sent).toEqual([]);
  });

  it('keeps the form when the background does not answer properly', async () => {
    reply = () => ({ nonsense: true });
    const { form } = await openAddForm();
    fillNew(form);
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    expect(await form.findByText(/did not answer properly; nothing was changed/)).toBeTruthy();
    expect((form.getByLabelText('Password') as HTMLInputElement).value).toBe('secret-password');
    expect((form.getByLabelText('Username') as HTMLInputElement).value).toBe('agent01');
  });

  it('shows the background’s own field problems', async () => {
    reply = () => ({ ok: false, error: 'draft', problems: [{ field: 'username', problem: 'invalid' }] });
    const { form } = await openAddForm();
    fillNew(form);
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    expect(await form.findByText(/The username has characters that cannot be used/)).toBeTruthy();
  });
});

describe('test connection', () => {
  const deadline = Date.UTC(2026, 2, 24, 6, 57, 9); // 03-24 14:57:09 Beijing time

  const cases: [TestResult, string[]][] = [
    [
      { kind: 'ok', statusZh: '预定中', statusEn: 'Awaiting payment', title: `门票 ${hostile}`, deadline },
      ['Connection works: order Awaiting payment', `门票 ${hostile}`, 'pay by 03-24 14:57:09 (Beijing time)'],
    ],
    [
      { kind: 'badCredentials', detail: 'Bad mac' },
      ['The venue refused the signature: check KEY, password and Hawk id.', 'Bad mac'],
    ],
    [{ kind: 'clockSkew' }, ['the venue says the signature is stale']],
    [
      { kind: 'notFound', detail: '' },
      ['Signed correctly, but the venue has no such order for this account (or a personal member id is needed).'],
    ],
    [{ kind: 'noRoute', detail: 'No HTTP resource' }, ['The venue does not serve this path: check the path template.']],
    [
      { kind: 'noPermission', origin: 'https://ticket.example.cn/*' },
      ['does not let PayClock reach https://ticket.example.cn/*'],
    ],
    [
      { kind: 'offline', detail: 'net::ERR_NAME_NOT_RESOLVED' },
      ['Cannot reach the ticket system', 'net::ERR_NAME_NOT_RESOLVED'],
    ],
    [{ kind: 'timeout' }, ['The ticket system did not answer in time.']],
    [{ kind: 'venueError', status: 500, message: hostile }, ['The venue replied with an error (HTTP 500):', hostile]],
    [{ kind: 'httpError', status: 502, detail: 'Bad Gateway' }, ['The venue answered HTTP 502.', 'Bad Gateway']],
    [{ kind: 'unexpected', detail: '<html>' }, ['The venue sent a reply PayClock cannot read:', '<html>']],
    [{ kind: 'needSecret' }, ['Enter the KEY and the password to test.']],
    [{ kind: 'needOrderId' }, ['Enter an order number.']],
    [
      { kind: 'draft', problems: [{ field: 'pathTemplate', problem: 'noOrderId' }] },
      ['The path must contain {orderid}'],
    ],
  ];

  it.each(cases)('shows a %j result', async (result, texts) => {
    await accountsItem.set([ACCOUNT]);
    reply = () => result;
    const view = render(<AccountsSection />);
    fireEvent.click(await view.findByRole('button', { name: 'Test connection' }));
    const form = within(view.getByRole('form'));
    const orderField = form.getByPlaceholderText('A real order number');
    expect(document.activeElement).toBe(orderField);
    type(orderField, ' 2026032400001 ');
    fireEvent.click(form.getByRole('button', { name: 'Test' }));
    await waitFor(() => expect(view.container.querySelector('.test-result')).not.toBeNull());
    const shown = view.container.querySelector('.test-result')!;
    for (const text of texts) expect(shown.textContent).toContain(text);
    expect(shown.querySelector('img')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    expect(sent).toEqual([
      expect.objectContaining({ type: 'account.test', id: 'acc-1', secret: null, orderId: '2026032400001' }),
    ]);
    expect(permission).toHaveBeenCalledWith({ origins: ['https://ticket.example.cn/*'] });
  });

  it('sends the typed secret of a new account, and needs an order number first', async () => {
    reply = () => ({ kind: 'timeout' });
    const { form } = await openAddForm();
    fillNew(form);
    fireEvent.click(form.getByRole('button', { name: 'Test' }));
    expect(await form.findByText('Enter an order number.')).toBeTruthy();
    expect(sent).toEqual([]);
    type(form.getByPlaceholderText('A real order number'), 'A1');
    fireEvent.click(form.getByRole('button', { name: 'Test' }));
    await form.findByText('The ticket system did not answer in time.');
    expect(sent[0]).toMatchObject({
      type: 'account.test',
      id: null,
      secret: { key: 'K3Y', password: 'secret-password' },
    });
  });

  it('does not test when access is refused', async () => {
    permission.mockResolvedValue(false);
    await accountsItem.set([ACCOUNT]);
    const view = render(<AccountsSection />);
    fireEvent.click(await view.findByRole('button', { name: 'Test connection' }));
    const form = within(view.getByRole('form'));
    type(form.getByPlaceholderText('A real order number'), 'A1');
    fireEvent.click(form.getByRole('button', { name: 'Test' }));
    expect(await form.findByText(/needs access to ticket.example.cn to test; the browser refused it/)).toBeTruthy();
    expect(sent).toEqual([]);
  });
});

describe('account list', () => {
  it('shows each account with its status and what to do about it', async () => {
    await accountsItem.set([ACCOUNT, { ...ACCOUNT, id: 'acc-2', label: hostile, flavour: 'v3' }]);
    await ticketSnapshotsItem.set({
      'acc-1': { ...EMPTY_SNAPSHOT, status: 'authFailed', detail: 'Bad mac' },
      'acc-2': { ...EMPTY_SNAPSHOT, status: 'noPermission' },
    });
    await watchedOrdersItem.set([newWatchedOrder('acc-1', 'A1', 1), newWatchedOrder('acc-1', 'A2', 1)]);
    const view = render(<AccountsSection />);
    await view.findByText('黄山风景区');
    const [first, second] = view.getAllByRole('listitem');
    expect(first!.textContent).toContain('https://ticket.example.cn/');
    expect(first!.textContent).toContain('user agent01');
    expect(first!.textContent).toContain('V5');
    expect(first!.textContent).toContain('2 watched orders');
    expect(first!.textContent).toContain('Authentication failed; checks stopped');
    expect(first!.textContent).toContain('enter the KEY and password again');
    expect(first!.textContent).toContain('Bad mac');
    expect(second!.textContent).toContain(hostile);
    expect(second!.textContent).toContain('No access to the site; checks stopped');
    expect(view.container.querySelector('img')).toBeNull();
    fireEvent.click(within(second!).getByRole('button', { name: 'Allow access' }));
    expect(permission).toHaveBeenCalledWith({ origins: ['https://ticket.example.cn/*'] });
    expect(await view.findByText('Access to ticket.example.cn allowed; checks resume shortly.')).toBeTruthy();
  });

  it('removes an account only after confirming', async () => {
    await accountsItem.set([ACCOUNT]);
    const view = render(<AccountsSection />);
    fireEvent.click(await view.findByRole('button', { name: 'Remove' }));
    expect(sent).toEqual([]);
    expect(view.getByText(/Remove “黄山风景区”\? Its key and its 0 watched orders/)).toBeTruthy();
    fireEvent.click(view.getByRole('button', { name: 'Cancel' }));
    expect(view.queryByText(/Remove “黄山风景区”\?/)).toBeNull();
    fireEvent.click(view.getByRole('button', { name: 'Remove' }));
    fireEvent.click(view.getByRole('button', { name: 'Remove it' }));
    expect(await view.findByText('Removed “黄山风景区”')).toBeTruthy();
    expect(sent).toEqual([{ type: 'account.remove', id: 'acc-1' }]);
  });

  it('asks by keyboard: the focus on Cancel, Escape cancels and gives the focus back to Remove', async () => {
    await accountsItem.set([ACCOUNT]);
    const view = render(<AccountsSection />);
    const remove = await view.findByRole('button', { name: 'Remove' });
    remove.focus();
    fireEvent.click(remove);
    expect(document.activeElement).toBe(view.getByRole('button', { name: 'Cancel' }));
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(view.queryByText(/Remove “黄山风景区”\?/)).toBeNull();
    expect(document.activeElement).toBe(view.getByRole('button', { name: 'Remove' }));
    expect(sent).toEqual([]);
  });
});

describe('watched orders on the settings page', () => {
  it('adds many pasted order numbers at once and says what happened', async () => {
    await accountsItem.set([ACCOUNT, { ...ACCOUNT, id: 'acc-2', label: '泰山' }]);
    reply = () => ({ ok: true, added: 2, already: 1 });
    const view = render(<WatchedSection />);
    const box = await view.findByLabelText('Order numbers (paste many at once)');
    fireEvent.change(view.getByLabelText('Account'), { target: { value: 'acc-2' } });
    fireEvent.input(box, { target: { value: 'A1\nA2, A3；A1\nbad/id  ' } });
    expect(view.getByText('3 order numbers read · Not order numbers: bad/id')).toBeTruthy();
    fireEvent.click(view.getByRole('button', { name: 'Watch' }));
    expect(await view.findByText('Added 2, 1 already watched. Not order numbers: bad/id')).toBeTruthy();
    expect(sent).toEqual([{ type: 'watch.add', accountId: 'acc-2', orderIds: ['A1', 'A2', 'A3'] }]);
    expect((box as HTMLTextAreaElement).value).toBe('bad/id'); // left to correct
  });

  it('keeps the pasted numbers when adding fails', async () => {
    await accountsItem.set([ACCOUNT]);
    reply = () => {
      throw new Error('Could not establish connection');
    };
    const view = render(<WatchedSection />);
    const box = (await view.findByLabelText('Order numbers (paste many at once)')) as HTMLTextAreaElement;
    expect(view.queryByLabelText('Account')).toBeNull(); // one account: nothing to choose
    fireEvent.input(box, { target: { value: 'A1 A2' } });
    fireEvent.click(view.getByRole('button', { name: 'Watch' }));
    expect(await view.findByText(/Could not add them; the numbers are still in the box/)).toBeTruthy();
    expect(box.value).toBe('A1 A2');
  });

  it('lists the watched orders of each account', async () => {
    await accountsItem.set([ACCOUNT]);
    await watchedOrdersItem.set([
      {
        ...newWatchedOrder('acc-1', 'A1', 1),
        status: { code: '3', zh: '已交割', en: 'Completed', awaitingPayment: false, final: true },
        finalAt: 5,
      },
      { ...newWatchedOrder('acc-1', 'A2', 1), problem: { kind: 'notFound', detail: hostile } },
    ]);
    const view = render(<WatchedSection />);
    expect(await view.findByText('Completed (已交割)')).toBeTruthy();
    expect(view.getByText(`The venue has no such order: ${hostile}`)).toBeTruthy();
    expect(view.container.querySelector('img')).toBeNull();
  });
});
