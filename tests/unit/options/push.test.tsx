// @vitest-environment happy-dom
import { cleanup, fireEvent, render, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { spaced } from '@/entrypoints/options/push-words';
import { PushSection } from '@/entrypoints/options/PushSection';
import { translate } from '@/lib/i18n/translate';
import type { Request } from '@/lib/messaging/pages';
import type { PushChannel } from '@/lib/push/channel';
import { DEFAULT_SETTINGS } from '@/lib/settings/defaults';
import { pushChannelsItem, pushStatusItem } from '@/lib/storage/items';

// The settings page's "Push to phone" (English: the fake browser has no i18n API). The background is
// a fake `sendMessage`; the browser's permission prompt a fake `permissions.request`.

const hostile = '<img src=x onerror="window.__pwned=1">';
const KEY = 'wecom-key-0000-SECRET-3f9a';
const WECOM = 'https://qyapi.weixin.qq.com/*';
const SETTINGS = { ...DEFAULT_SETTINGS, reminderMinutes: [15, 5, 1] };

const CHANNEL: PushChannel = {
  id: 'ch-1',
  label: 'My group',
  service: 'wecom',
  kinds: { remind: [5], due: true, loginExpired: false, found: false, gone: false },
  includeAmount: false,
  fields: {},
  originPatterns: [WECOM],
  secretHint: '…3f9a',
};

const originalSendMessage = fakeBrowser.runtime.sendMessage;
let calls: string[];
let sent: Request[];
let reply: (request: Request) => unknown;
let permission: ReturnType<typeof vi.fn>;

beforeEach(() => {
  calls = [];
  sent = [];
  reply = (request) => (request.type === 'push.save' ? { ok: true, id: request.id ?? 'ch-9' } : { ok: true });
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  fakeBrowser.runtime.sendMessage = vi.fn(async (request: Request) => {
    calls.push(`send ${request.type}`);
    sent.push(request);
    return reply(request);
  }) as unknown as typeof fakeBrowser.runtime.sendMessage;
  permission = vi.fn(async () => {
    calls.push('permission');
    return true;
  });
  fakeBrowser.permissions.request = permission as unknown as typeof fakeBrowser.permissions.request;
});

afterEach(() => {
  cleanup();
  fakeBrowser.runtime.sendMessage = originalSendMessage;
  vi.restoreAllMocks();
});

function type(field: HTMLElement, value: string) {
  fireEvent.input(field, { target: { value } });
  fireEvent.blur(field);
}

async function openAddForm(service = 'wecom') {
  const view = render(<PushSection settings={SETTINGS} />);
  fireEvent.click(await view.findByRole('button', { name: 'Add a channel' }));
  const form = within(view.getByRole('form', { name: 'Add a channel' }));
  fireEvent.change(form.getByLabelText('Service'), { target: { value: service } });
  return { view, form };
}

/** What a screen reader reads after the box's name: the texts its aria-describedby names, present. */
const description = (input: HTMLElement) =>
  (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
    .filter(Boolean)
    .join(' ');

describe('adding a channel', () => {
  it('asks for the host first, then sends the draft and the typed key, and forgets the key', async () => {
    const { view, form } = await openAddForm();
    type(form.getByLabelText('Name'), 'My group');
    type(form.getByLabelText('Key'), KEY);
    expect(form.getByLabelText('Key').getAttribute('type')).toBe('password');
    expect(form.getByLabelText('Key').getAttribute('autocomplete')).toBe('off');
    // Kinds: one box per reminder time of the user's, the 5- and 1-minute ones ticked.
    const kinds = within(form.getByRole('group', { name: 'What to forward' }));
    expect((kinds.getByLabelText('15 min before the deadline') as HTMLInputElement).checked).toBe(false);
    expect((kinds.getByLabelText('5 min before the deadline') as HTMLInputElement).checked).toBe(true);
    fireEvent.click(kinds.getByLabelText('New order to pay found'));
    expect(form.getByTestId('push-disclosure').textContent).toBe(
      'Alerts (train or ticket, route, departure, minutes left, deadline in Beijing time, pay link) are sent to 企业微信 WeCom (qyapi.weixin.qq.com).',
    );
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(calls).toEqual(['permission', 'send push.save']);
    expect(permission).toHaveBeenCalledWith({ origins: [WECOM] });
    expect(sent[0]).toEqual({
      type: 'push.save',
      id: null,
      draft: {
        label: 'My group',
        service: 'wecom',
        kinds: { remind: [5, 1], due: true, loginExpired: true, found: true, gone: false },
        includeAmount: false,
        fields: {},
      },
      secrets: { key: KEY },
    });
    expect(await form.findByText('Saved.')).toBeTruthy();
    expect((form.getByLabelText('Key') as HTMLInputElement).value).toBe('');
    expect(view.container.innerHTML).not.toContain('SECRET');
  });

  it("tests a channel just saved with its stored secret URL, asking for that URL's host", async () => {
    const { view, form } = await openAddForm();
    fireEvent.change(form.getByLabelText('Service'), { target: { value: 'webhook' } });
    type(form.getByLabelText('Name'), 'My server');
    type(
      view.container.querySelector<HTMLInputElement>('input[name=url]')!,
      'https://hooks.example.com/payclock/SECRET-token',
    );
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    expect(await form.findByText('Saved.')).toBeTruthy();
    reply = () => ({ kind: 'answered', result: { at: 1, outcome: 'sent', httpStatus: 204, detail: '' } });
    fireEvent.click(form.getByRole('button', { name: 'Send test' }));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(permission).toHaveBeenLastCalledWith({ origins: ['https://hooks.example.com/*'] });
    expect(sent[1]).toMatchObject({ type: 'push.test', id: 'ch-9', secrets: null });
  });

  it('becomes the edit of the channel it added, saying so, so a second save cannot pass for an add', async () => {
    const { view, form } = await openAddForm();
    type(form.getByLabelText('Name'), 'My group');
    type(form.getByLabelText('Key'), KEY);
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    expect(await form.findByText('Saved.')).toBeTruthy();
    const edit = view.getByRole('form', { name: 'Edit “My group”' });
    expect(within(edit).getByRole('heading').textContent).toBe('Edit “My group”');
    expect(view.queryByRole('form', { name: 'Add a channel' })).toBeNull();
    // The heading keeps the saved name until the next save.
    type(within(edit).getByLabelText('Name'), 'Other');
    expect(view.getByRole('form', { name: 'Edit “My group”' })).toBe(edit);
    fireEvent.click(within(edit).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]).toMatchObject({ type: 'push.save', id: 'ch-9', draft: { label: 'Other' } });
    expect(await view.findByRole('form', { name: 'Edit “Other”' })).toBe(edit);
  });

  it('clears a test result and the last message once the form is edited or saved', async () => {
    const { form } = await openAddForm();
    type(form.getByLabelText('Name'), 'My group');
    type(form.getByLabelText('Key'), KEY);
    reply = (request) =>
      request.type === 'push.save'
        ? { ok: true, id: 'ch-9' }
        : { kind: 'answered', result: { at: 1, outcome: 'refused', httpStatus: 200, detail: '93000' } };
    fireEvent.click(form.getByRole('button', { name: 'Send test' }));
    expect(await form.findByTestId('push-test-result')).toBeTruthy();
    type(form.getByLabelText('Key'), `${KEY}0`);
    expect(form.queryByTestId('push-test-result')).toBeNull();

    fireEvent.click(form.getByRole('button', { name: 'Send test' }));
    expect(await form.findByTestId('push-test-result')).toBeTruthy();
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    expect(await form.findByText('Saved.')).toBeTruthy();
    expect(form.queryByTestId('push-test-result')).toBeNull();
    fireEvent.click(form.getByLabelText('Include the amount to pay'));
    expect(form.queryByText('Saved.')).toBeNull();
  });

  it('saves nothing when the browser refuses access, and says why', async () => {
    permission.mockResolvedValue(false);
    const { form } = await openAddForm();
    type(form.getByLabelText('Name'), 'My group');
    type(form.getByLabelText('Key'), KEY);
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    expect(
      await form.findByText(
        'PayClock needs access to qyapi.weixin.qq.com to push; the browser refused it, so nothing was saved. Click Save again and choose Allow.',
      ),
    ).toBeTruthy();
    expect(sent).toEqual([]);
  });

  it('words each field’s problem, and sends nothing while there are any', async () => {
    const { form } = await openAddForm();
    type(form.getByLabelText('Key'), 'not a key!');
    expect(await form.findByText('This key is not valid')).toBeTruthy();
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    expect(await form.findByText('Please correct the fields marked.')).toBeTruthy();
    expect(form.getByText('Enter the name')).toBeTruthy();
    expect(form.getByLabelText('Name').getAttribute('aria-invalid')).toBe('true');
    expect(permission).not.toHaveBeenCalled();
    expect(sent).toEqual([]);

    // The background's own findings are shown at their field too.
    reply = () => ({ ok: false, error: 'draft', problems: [{ field: 'key', problem: 'wrongHost' }] });
    type(form.getByLabelText('Name'), 'My group');
    type(form.getByLabelText('Key'), KEY);
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    expect(await form.findByText('The key is not this service’s address')).toBeTruthy();
    expect(translate('zh', 'pushProblemNotHttps', { field: '服务器地址' })).toBe('服务器地址只支持 https');
    expect(translate('zh', 'pushProblemWrongHost', { field: 'Webhook 地址' })).toBe('Webhook 地址不是该服务的地址');
  });
});

describe('the form’s problem words', () => {
  it('says a pasted Bark or ntfy address is on another server than the Server address field', async () => {
    const { form } = await openAddForm('bark');
    type(form.getByLabelText('Server address'), 'https://bark.example.org');
    type(form.getByLabelText('Device key'), 'https://api.day.app/ynJ5Ft4atkMkWeo2PAvFhF/');
    expect(
      await form.findByText('The pasted address is on another server than the one in “Server address”'),
    ).toBeTruthy();
    fireEvent.change(form.getByLabelText('Service'), { target: { value: 'ntfy' } });
    type(form.getByLabelText('Server address'), 'https://ntfy.example.org');
    type(form.getByLabelText('Topic'), 'https://ntfy.sh/payclock-x7q2');
    expect(
      await form.findByText('The pasted address is on another server than the one in “Server address”'),
    ).toBeTruthy();
    expect(translate('zh', 'pushProblemOtherServer', { server: '服务器地址' })).toBe(
      '粘贴的地址所在的服务器与“服务器地址”中的不同',
    );
  });

  it('lower-cases a field’s name in an English sentence, but not a service’s own word', async () => {
    const { form } = await openAddForm('serverchan');
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    expect(await form.findByText('Enter the name')).toBeTruthy();
    expect(form.getByText('Enter the SendKey')).toBeTruthy();
  });

  it('spaces Chinese from a Latin field name', () => {
    expect(spaced(translate('zh', 'pushProblemMissing', { field: 'SendKey' }))).toBe('请填写 SendKey');
    expect(spaced(translate('zh', 'pushProblemInvalid', { field: 'Token' }))).toBe('Token 的格式不对');
    expect(spaced(translate('zh', 'pushProblemInvalid', { field: '机器人 Token' }))).toBe('机器人 Token 的格式不对');
    expect(spaced(translate('zh', 'pushProblemMissing', { field: '名称' }))).toBe('请填写名称');
    expect(spaced(translate('zh', 'pushProblemInvalid', { field: '主题（topic）' }))).toBe('主题（topic）的格式不对');
  });
});

describe('the form’s guidance', () => {
  it('marks DingTalk’s optional fields, hints at each one and steers away from the IP option', async () => {
    const { form } = await openAddForm('dingtalk');
    const webhook = form.getByLabelText('Webhook URL');
    const secret = form.getByLabelText('Signing secret (optional)');
    const keyword = form.getByLabelText('Custom keyword (optional)');
    expect(description(webhook)).toBe(
      'Group settings → Bots → Custom → Webhook URL (https://oapi.dingtalk.com/robot/send?access_token=…). Kept by the extension’s background, never shown again.',
    );
    expect(description(secret)).toContain('The string starting SEC shown under “Sign” (加签)');
    expect(description(keyword)).toBe(
      'One of the custom keywords in the robot’s security settings; PayClock adds it to every message.',
    );
    expect(form.getByTestId('push-service-note').textContent).toContain('“IP address (range)” cannot work');
    // Before any address is typed, the disclosure names DingTalk's own host; then the pasted one's.
    expect(form.getByTestId('push-disclosure').textContent).toContain('are sent to 钉钉 DingTalk (oapi.dingtalk.com).');
    type(webhook, 'https://oapi.dingtalk.io/robot/send?access_token=abcdef123456');
    expect(form.getByTestId('push-disclosure').textContent).toContain('are sent to 钉钉 DingTalk (oapi.dingtalk.io).');

    // Another service: its own fields and hints, no DingTalk note.
    fireEvent.change(form.getByLabelText('Service'), { target: { value: 'ntfy' } });
    expect(form.queryByTestId('push-service-note')).toBeNull();
    expect(description(form.getByLabelText('Topic'))).toContain(
      'The topic you subscribe to in the ntfy app; make it as hard to guess as a password.',
    );
    expect(form.getByLabelText('Token (optional)')).toBeTruthy();
    expect(description(form.getByLabelText('Server address'))).toBe(
      'https://ntfy.sh, or the address of your own ntfy server.',
    );
  });

  it('says the login-expired box also covers a refused venue key', async () => {
    const { form } = await openAddForm();
    const kinds = within(form.getByRole('group', { name: 'What to forward' }));
    expect((kinds.getByLabelText('12306 login expired or a venue key refused') as HTMLInputElement).checked).toBe(true);
    expect(translate('zh', 'pushKindLoginExpired')).toBe('12306 登录失效或景区密钥被拒');
  });
});

describe('a saved channel', () => {
  beforeEach(async () => {
    await pushChannelsItem.set([CHANNEL]);
  });

  it('is edited with empty secret fields; only a typed secret is sent', async () => {
    const view = render(<PushSection settings={SETTINGS} />);
    fireEvent.click(await view.findByRole('button', { name: 'Edit' }));
    const form = within(view.getByRole('form', { name: 'Edit “My group”' }));
    const key = form.getByLabelText('Key') as HTMLInputElement;
    expect(key.value).toBe('');
    // The saved key's hint follows the field's own: both are read out with the box.
    expect(description(key)).toBe(
      'The group robot’s webhook URL (消息推送 in newer clients), or the part after key=. Saved (…3f9a); leave empty to keep it',
    );
    type(form.getByLabelText('Name'), 'Renamed');
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(permission).toHaveBeenCalledWith({ origins: [WECOM] });
    expect(sent[0]).toMatchObject({ type: 'push.save', id: 'ch-1', draft: { label: 'Renamed' }, secrets: null });

    type(key, 'wecom-key-new-7777');
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]).toMatchObject({ id: 'ch-1', secrets: { key: 'wecom-key-new-7777' } });
  });

  it.each([
    ['bark', 'Bark', 'https://api.day.app/*', 'https://bark.example.org'],
    ['ntfy', 'ntfy', 'https://ntfy.sh/*', 'https://ntfy.example.org'],
  ] as const)('asks only for the new server of a %s channel moved to another', async (service, name, old, server) => {
    await pushChannelsItem.set([
      { ...CHANNEL, service, fields: { baseUrl: old.replace('/*', '') }, originPatterns: [old] },
    ]);
    const view = render(<PushSection settings={SETTINGS} />);
    fireEvent.click(await view.findByRole('button', { name: 'Edit' }));
    const form = within(view.getByRole('form', { name: 'Edit “My group”' }));
    type(form.getByLabelText('Server address'), server);
    const moved = `${server}/*`;
    expect(form.getByTestId('push-disclosure').textContent).toContain(`to ${name} (${server.slice(8)}).`);
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(permission).toHaveBeenLastCalledWith({ origins: [moved] });
    await form.findByText('Saved.');
    reply = () => ({ kind: 'answered', result: { at: 1, outcome: 'sent', httpStatus: 200, detail: '' } });
    fireEvent.click(form.getByRole('button', { name: 'Send test' }));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(permission).toHaveBeenLastCalledWith({ origins: [moved] });
    expect(form.getByTestId('push-disclosure').textContent).toContain(`to ${name} (${server.slice(8)}).`);
  });

  it('clears its row’s test result once it is saved again', async () => {
    reply = (request) =>
      request.type === 'push.save'
        ? { ok: true, id: 'ch-1' }
        : { kind: 'answered', result: { at: 1, outcome: 'refused', httpStatus: 200, detail: '93000' } };
    const view = render(<PushSection settings={SETTINGS} />);
    const row = within(await view.findByTestId('push-channel'));
    fireEvent.click(row.getByRole('button', { name: 'Send test' }));
    expect(await row.findByTestId('push-test-result')).toBeTruthy();
    fireEvent.click(row.getByRole('button', { name: 'Edit' }));
    const form = within(view.getByRole('form', { name: 'Edit “My group”' }));
    type(form.getByLabelText('Key'), 'wecom-key-new-7777');
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    expect(await form.findByText('Saved.')).toBeTruthy();
    expect(row.queryByTestId('push-test-result')).toBeNull();
  });

  it('unticks “clear” for an optional secret once a new one is typed, and saves what was typed', async () => {
    const DINGTALK = 'https://oapi.dingtalk.com/*';
    await pushChannelsItem.set([{ ...CHANNEL, service: 'dingtalk', originPatterns: [DINGTALK] }]);
    const view = render(<PushSection settings={SETTINGS} />);
    fireEvent.click(await view.findByRole('button', { name: 'Edit' }));
    const form = within(view.getByRole('form', { name: 'Edit “My group”' }));
    const clear = form.getByLabelText('Clear the saved signing secret') as HTMLInputElement;
    const secret = form.getByLabelText('Signing secret (optional)') as HTMLInputElement;
    fireEvent.click(clear);
    expect(clear.checked).toBe(true);
    type(secret, 'SEC-new-secret');
    expect(secret.value).toBe('SEC-new-secret');
    expect(clear.checked).toBe(false);
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ type: 'push.save', id: 'ch-1', secrets: { signSecret: 'SEC-new-secret' } });

    // Ticked again, the typed value goes: clearing sends '' and nothing typed comes back.
    type(secret, 'SEC-other');
    fireEvent.click(clear);
    expect(secret.value).toBe('');
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]).toMatchObject({ secrets: { signSecret: '' } });
  });

  it('shows exactly what the service answered to a test, as text', async () => {
    reply = () => ({
      kind: 'answered',
      result: { at: Date.now(), outcome: 'rejected', httpStatus: 400, detail: `40008: ${hostile}` },
    });
    const view = render(<PushSection settings={SETTINGS} />);
    const channel = within(await view.findByTestId('push-channel'));
    fireEvent.click(channel.getByRole('button', { name: 'Send test' }));
    const result = await channel.findByTestId('push-test-result');
    expect(calls).toEqual(['permission', 'send push.test']);
    expect(sent[0]).toEqual({
      type: 'push.test',
      id: 'ch-1',
      draft: { label: 'My group', service: 'wecom', kinds: CHANNEL.kinds, includeAmount: false, fields: {} },
      secrets: null,
    });
    expect(result.textContent).toContain('Test message not delivered (the service rejected the message)');
    expect(result.textContent).toContain('HTTP 400');
    expect(result.textContent).toContain(`40008: ${hostile}`);
    expect(view.container.querySelector('img')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('does not promise a retry for a test that failed: a test is sent once', async () => {
    reply = () => ({ kind: 'answered', result: { at: Date.now(), outcome: 'retry', httpStatus: 503, detail: '' } });
    const view = render(<PushSection settings={SETTINGS} />);
    const channel = within(await view.findByTestId('push-channel'));
    fireEvent.click(channel.getByRole('button', { name: 'Send test' }));
    const result = await channel.findByTestId('push-test-result');
    expect(result.textContent).toContain('Test message not delivered (the service is unavailable or timed out).');
    expect(result.textContent).not.toContain('retry');
    expect(translate('zh', 'pushTestNotSent', { outcome: translate('zh', 'pushTestOutcomeRetry') })).toBe(
      '测试消息没有送达（服务暂时不可用或超时）。服务的回答：',
    );
  });

  it.each([
    ['retry', 'Pushing fails; retrying.'],
    ['rejected', 'The service rejected the last message (its answer is below), so that one was given up;'],
    ['dropped', 'The last alert went stale before it was delivered, so it was given up.'],
  ] as const)('says what became of a failing channel’s last message (%s)', async (outcome, words) => {
    await pushStatusItem.set({
      'ch-1': { health: 'failing', last: { at: Date.now(), outcome, httpStatus: null, detail: '' } },
    });
    const view = render(<PushSection settings={SETTINGS} />);
    const status = await view.findByTestId('push-status');
    await waitFor(() => expect(status.getAttribute('data-health')).toBe('failing'));
    const alarm = status.querySelector('.push-status__alarm')!.textContent!;
    expect(alarm).toContain(words);
    if (outcome !== 'retry') expect(alarm).not.toContain('retrying');
  });

  it('words a failing channel’s line in Chinese by its last outcome', () => {
    expect(translate('zh', 'pushHealthFailing')).toBe('推送失败，正在重试。');
    expect(translate('zh', 'pushHealthRejected')).toContain('服务拒收了上一条消息');
    expect(translate('zh', 'pushHealthDropped')).toBe('上一条提醒在送达前已失效，已放弃。');
  });

  it('says a test was held back, and for how long, when the channel had its share this minute', async () => {
    reply = () => ({ kind: 'limited', waitSeconds: 38 });
    const view = render(<PushSection settings={SETTINGS} />);
    const channel = within(await view.findByTestId('push-channel'));
    fireEvent.click(channel.getByRole('button', { name: 'Send test' }));
    const result = await channel.findByTestId('push-test-result');
    expect(result.dataset.kind).toBe('limited');
    expect(result.className).toContain('test-result--error');
    expect(result.textContent).toBe(translate('en', 'pushTestLimited', { seconds: 38 }));
    expect(result.textContent).toContain('Try again in 38 s');
  });

  it('shows a refused key prominently, with the service’s last answer', async () => {
    await pushStatusItem.set({
      'ch-1': {
        health: 'refused',
        last: {
          at: Date.now() - 3 * 60_000,
          outcome: 'refused',
          httpStatus: 200,
          detail: '93000: invalid webhook url',
        },
      },
    });
    const view = render(<PushSection settings={SETTINGS} />);
    const status = await view.findByTestId('push-status');
    await waitFor(() => expect(status.getAttribute('data-health')).toBe('refused'));
    expect(status.textContent).toContain('企业微信 WeCom refused the key, so this channel has stopped.');
    expect(status.textContent).toContain('3 min ago: key refused · HTTP 200');
    expect(status.textContent).toContain('93000: invalid webhook url');
    expect(
      within(view.getByTestId('push-channel')).getByText('Forwards: 5 min before the deadline, Deadline passed'),
    ).toBeTruthy();
  });

  it('says “Forwards nothing” once for a channel that forwards nothing', async () => {
    const kinds = { remind: [], due: false, loginExpired: false, found: false, gone: false };
    await pushChannelsItem.set([{ ...CHANNEL, kinds }]);
    const view = render(<PushSection settings={SETTINGS} />);
    const row = within(await view.findByTestId('push-channel'));
    expect(row.getByText('Forwards nothing')).toBeTruthy();
    expect(row.queryByText(/Forwards: /)).toBeNull();
  });

  it('is removed after a confirmation', async () => {
    const view = render(<PushSection settings={SETTINGS} />);
    fireEvent.click(await view.findByRole('button', { name: 'Remove' }));
    fireEvent.click(view.getByRole('button', { name: 'Remove it' }));
    await waitFor(() => expect(sent).toEqual([{ type: 'push.remove', id: 'ch-1' }]));
    expect(await view.findByText('Removed “My group”.')).toBeTruthy();
  });
});
