import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createPushChannelHandlers } from '@/entrypoints/background/push-channels';
import { createBackground } from '@/entrypoints/background/service';
import type { SavePushChannelRequest, TestPushChannelRequest } from '@/lib/messaging/push';
import { DEFAULT_PUSH_KINDS, type ChannelDraft } from '@/lib/push/channel';
import {
  accountsItem,
  pushChannelsItem,
  pushOutboxItem,
  pushSecretsItem,
  pushSentItem,
  pushStatusItem,
} from '@/lib/storage/items';
import { TESTS_PER_MINUTE } from '@/lib/push/outbox';
import { EMPTY_CHANNEL_OUTBOX } from '@/lib/push/outbox-schema';
import { createSerialQueue } from '@/lib/util/serial';
import { account } from '../helpers/accounts';

// The settings page's push requests, answered by the background over WXT's fake browser storage and
// a fake WeCom robot. The one rule above all: a secret goes in, and never comes out.

const KEY = 'wecom-key-0000-SECRET-3f9a';
const OTHER_KEY = 'wecom-key-1111-SECRET-77aa';
const WECOM = 'https://qyapi.weixin.qq.com/*';
const NOW = Date.UTC(2026, 11, 5, 4, 0);

const draft = (change: Partial<ChannelDraft> = {}): ChannelDraft => ({
  label: '群机器人',
  service: 'wecom',
  kinds: DEFAULT_PUSH_KINDS,
  includeAmount: false,
  fields: {},
  ...change,
});
const save = (change: Partial<SavePushChannelRequest> = {}): SavePushChannelRequest => ({
  type: 'push.save',
  id: null,
  draft: draft(),
  secrets: { key: KEY },
  ...change,
});
const testRequest = (change: Partial<TestPushChannelRequest> = {}): TestPushChannelRequest => ({
  type: 'push.test',
  id: null,
  draft: draft(),
  secrets: { key: KEY },
  ...change,
});

function setup(answer: { errcode: number; errmsg: string } = { errcode: 0, errmsg: 'ok' }, now = () => NOW) {
  const granted = new Set([WECOM, 'https://tickets.venue-a.test/*']);
  const hasPermission = vi.fn(async (pattern: string) => granted.has(pattern));
  const releasePermission = vi.fn(async (pattern: string) => void granted.delete(pattern));
  const requests: { url: string; body: string }[] = [];
  /** `gate`: the service holds its answer until it resolves. */
  const reply: { answer: typeof answer; gate?: Promise<void> } = { answer };
  const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    requests.push({ url: String(url), body: String(init?.body) });
    await reply.gate;
    return new Response(JSON.stringify(reply.answer), { status: 200 });
  });
  const afterChange = vi.fn(async () => {});
  let ids = 0;
  const handlers = createPushChannelHandlers({
    serial: createSerialQueue(),
    now,
    locale: 'zh',
    hasPermission,
    releasePermission,
    newId: () => `ch-${++ids}`,
    fetch: fetch as unknown as typeof globalThis.fetch,
    afterChange,
  });
  return { handlers, granted, hasPermission, releasePermission, requests, reply, afterChange };
}

/** Everything in storage (local and sync) but the secrets' own item, as text. */
async function storedOutsideSecrets() {
  const local = await fakeBrowser.storage.local.get(null);
  const sync = await fakeBrowser.storage.sync.get(null);
  delete local['push.secrets'];
  return JSON.stringify([local, sync]);
}

describe('push.save', () => {
  it('stores the channel without its secret, and the secret apart', async () => {
    const { handlers, afterChange } = setup();
    const reply = await handlers.save(save({ draft: draft({ fields: { key: 'smuggled' } }) }));
    expect(reply).toEqual({ ok: true, id: 'ch-1' });
    expect(JSON.stringify(reply)).not.toContain('SECRET');
    const [channel] = await pushChannelsItem.get();
    expect(channel).toMatchObject({ id: 'ch-1', label: '群机器人', originPatterns: [WECOM], secretHint: '…3f9a' });
    // A secret's name in the public fields never reaches plain storage.
    expect(channel!.fields).toEqual({});
    expect(await pushSecretsItem.get()).toEqual({ 'ch-1': { key: KEY } });
    expect(await storedOutsideSecrets()).not.toContain('SECRET');
    expect(await pushStatusItem.get()).toEqual({ 'ch-1': { health: 'ok', last: null } });
    expect(afterChange).toHaveBeenCalledTimes(1);
  });

  it('asks a new channel for its secrets, and checks the fields', async () => {
    const { handlers } = setup();
    expect(await handlers.save(save({ secrets: null }))).toEqual({
      ok: false,
      error: 'needSecret',
      problems: [{ field: 'key', problem: 'missing' }],
    });
    expect(await handlers.save(save({ secrets: { key: 'not a key!' } }))).toEqual({
      ok: false,
      error: 'draft',
      problems: [{ field: 'key', problem: 'invalid' }],
    });
    expect(await handlers.save(save({ draft: draft({ label: '  ' }) }))).toMatchObject({ error: 'draft' });
    expect(await pushChannelsItem.get()).toEqual([]);
    expect(await pushSecretsItem.get()).toEqual({});
  });

  it('saves nothing without the host’s access', async () => {
    const { handlers, granted } = setup();
    granted.delete(WECOM);
    expect(await handlers.save(save())).toEqual({ ok: false, error: 'noPermission', problems: [] });
    expect(await pushChannelsItem.get()).toEqual([]);
  });

  it('keeps the stored secret when editing without one, and replaces it when typed', async () => {
    const { handlers } = setup();
    await handlers.save(save());
    await pushStatusItem.set({ 'ch-1': { health: 'refused', last: null } });
    expect(await handlers.save(save({ id: 'ch-1', draft: draft({ label: '新名字' }), secrets: null }))).toEqual({
      ok: true,
      id: 'ch-1',
    });
    expect(await pushSecretsItem.get()).toEqual({ 'ch-1': { key: KEY } });
    // Only a label changed: the refused key is still refused.
    expect((await pushStatusItem.get())['ch-1']?.health).toBe('refused');
    expect(await handlers.save(save({ id: 'ch-1', secrets: {} }))).toMatchObject({ ok: true });
    expect(await pushSecretsItem.get()).toEqual({ 'ch-1': { key: KEY } });

    await handlers.save(save({ id: 'ch-1', secrets: { key: OTHER_KEY } }));
    expect(await pushSecretsItem.get()).toEqual({ 'ch-1': { key: OTHER_KEY } });
    expect((await pushChannelsItem.get())[0]?.secretHint).toBe('…77aa');
    // A new key: the channel sends again.
    expect(await pushStatusItem.get()).toEqual({ 'ch-1': { health: 'ok', last: null } });
  });

  it('clears a secret typed as empty (a required one is then missing)', async () => {
    const { handlers } = setup();
    await handlers.save(save());
    expect(await handlers.save(save({ id: 'ch-1', secrets: { key: '' } }))).toEqual({
      ok: false,
      error: 'draft',
      problems: [{ field: 'key', problem: 'missing' }],
    });
    expect(await pushSecretsItem.get()).toEqual({ 'ch-1': { key: KEY } });
  });

  it('answers `unknown` for a channel that is not there', async () => {
    const { handlers } = setup();
    expect(await handlers.save(save({ id: 'gone' }))).toEqual({ ok: false, error: 'unknown', problems: [] });
  });
});

describe('push.remove', () => {
  it('drops the channel, its secrets, outbox, sent log and status, and gives the host back', async () => {
    const { handlers, releasePermission, afterChange } = setup();
    await handlers.save(save());
    await pushOutboxItem.set({ 'ch-1': EMPTY_CHANNEL_OUTBOX });
    await pushSentItem.set({ 'ch-1': {} });
    await handlers.remove('ch-1');
    expect(await pushChannelsItem.get()).toEqual([]);
    expect(await pushSecretsItem.get()).toEqual({});
    expect(await pushOutboxItem.get()).toEqual({});
    expect(await pushSentItem.get()).toEqual({});
    expect(await pushStatusItem.get()).toEqual({});
    expect(releasePermission).toHaveBeenCalledWith(WECOM);
    expect(afterChange).toHaveBeenCalledTimes(2);
  });

  it('keeps a host another channel or a venue account still uses, and never 12306', async () => {
    const { handlers, releasePermission, granted } = setup();
    await handlers.save(save());
    await handlers.save(save({ draft: draft({ label: '第二个' }), secrets: { key: OTHER_KEY } }));
    await handlers.remove('ch-1');
    expect(releasePermission).not.toHaveBeenCalled();

    // A channel on a venue's host (as a webhook could be), and one on 12306's.
    await accountsItem.set([account()]);
    granted.add('https://kyfw.12306.cn/*');
    const channels = await pushChannelsItem.get();
    await pushChannelsItem.set([
      ...channels,
      { ...channels[0]!, id: 'ch-v', originPatterns: ['https://tickets.venue-a.test/*', 'https://kyfw.12306.cn/*'] },
    ]);
    await handlers.remove('ch-v');
    expect(releasePermission).not.toHaveBeenCalled();
    await handlers.remove('ch-2');
    expect(releasePermission.mock.calls).toEqual([[WECOM]]);
  });
});

describe('push.test', () => {
  it('sends the test message and answers with what the service said', async () => {
    const { handlers, requests } = setup();
    const result = await handlers.test(testRequest());
    expect(result).toEqual({
      kind: 'answered',
      result: { at: NOW, outcome: 'sent', httpStatus: 200, detail: expect.any(String) },
    });
    expect(requests).toHaveLength(1);
    expect(requests[0]!.url).toBe(`https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${KEY}`);
    expect(requests[0]!.body).toContain('PayClock 测试消息');
    expect(requests[0]!.body).toContain('https://kyfw.12306.cn/otn/view/train_order.html');
    expect(JSON.stringify(result)).not.toContain('SECRET');
    // A test of an unsaved channel stores nothing.
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('says why nothing was sent: secrets, fields, access', async () => {
    const { handlers, granted, requests } = setup();
    expect(await handlers.test(testRequest({ secrets: null }))).toEqual({ kind: 'needSecret' });
    expect(await handlers.test(testRequest({ secrets: { key: '?' } }))).toEqual({
      kind: 'draft',
      problems: [{ field: 'key', problem: 'invalid' }],
    });
    granted.delete(WECOM);
    expect(await handlers.test(testRequest())).toEqual({ kind: 'noPermission', origin: WECOM });
    expect(requests).toEqual([]);
  });

  it('uses the stored secret for a saved channel; a refusal marks it, a success restores it', async () => {
    const { handlers, requests, reply } = setup();
    await handlers.save(save());
    reply.answer = { errcode: 93000, errmsg: 'invalid webhook url, hint: [1] from ip: 1.2.3.4' };
    const refused = await handlers.test(testRequest({ id: 'ch-1', secrets: null }));
    expect(refused).toMatchObject({
      kind: 'answered',
      result: { outcome: 'refused', detail: '93000: invalid webhook url' },
    });
    expect(requests[0]!.url).toContain(KEY);
    expect((await pushStatusItem.get())['ch-1']).toMatchObject({ health: 'refused', last: { outcome: 'refused' } });

    // Another key typed into the form and refused says nothing about the stored one...
    await pushStatusItem.set({ 'ch-1': { health: 'ok', last: null } });
    await handlers.test(testRequest({ id: 'ch-1', secrets: { key: OTHER_KEY } }));
    expect(requests[1]!.url).toContain(OTHER_KEY);
    expect((await pushStatusItem.get())['ch-1']).toEqual({ health: 'ok', last: null });

    // ...and a success of the saved channel restores a refused one.
    await pushStatusItem.set({ 'ch-1': { health: 'refused', last: null } });
    reply.answer = { errcode: 0, errmsg: 'ok' };
    await handlers.test(testRequest({ id: 'ch-1', secrets: null }));
    expect((await pushStatusItem.get())['ch-1']).toMatchObject({ health: 'ok', last: { outcome: 'sent' } });
  });
});

describe('push.test of a channel saved anew while the test was out', () => {
  it("leaves the new key's fresh status alone when the old key is refused", async () => {
    const { handlers, reply, requests } = setup();
    await handlers.save(save());
    reply.answer = { errcode: 93000, errmsg: 'invalid webhook url' };
    let answer!: () => void;
    reply.gate = new Promise((resolve) => (answer = resolve));
    const testing = handlers.test(testRequest({ id: 'ch-1', secrets: null }));
    await vi.waitFor(() => expect(requests).toHaveLength(1));
    await handlers.save(save({ id: 'ch-1', secrets: { key: OTHER_KEY } }));
    answer();
    expect(await testing).toMatchObject({ kind: 'answered', result: { outcome: 'refused' } });
    expect((await pushStatusItem.get())['ch-1']).toEqual({ health: 'ok', last: null });
  });
});

describe('push.test, clicked again and again', () => {
  it(`sends at most ${TESTS_PER_MINUTE} tests a minute to a channel not saved yet, and says how long to wait`, async () => {
    const clock = { now: NOW };
    const { handlers, requests } = setup(undefined, () => clock.now);
    for (let n = 0; n < TESTS_PER_MINUTE; n++) {
      clock.now = NOW + n * 10_000;
      expect(await handlers.test(testRequest())).toMatchObject({ kind: 'answered' });
    }
    clock.now = NOW + 30_000;
    expect(await handlers.test(testRequest())).toEqual({ kind: 'limited', waitSeconds: 30 });
    expect(requests).toHaveLength(TESTS_PER_MINUTE);
    clock.now = NOW + 60_000;
    expect(await handlers.test(testRequest())).toMatchObject({ kind: 'answered' });
    expect(requests).toHaveLength(TESTS_PER_MINUTE + 1);
    // Still nothing stored for a channel that is not saved.
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it('counts a saved channel’s tests with its alerts, in storage, across a restart', async () => {
    const clock = { now: NOW };
    const first = setup(undefined, () => clock.now);
    await first.handlers.save(save());
    // Two alerts went out a moment ago: one test fits before the tests' share of the minute is used.
    await pushOutboxItem.set({ 'ch-1': { ...EMPTY_CHANNEL_OUTBOX, requestTimes: [NOW - 20_000, NOW - 5_000] } });
    expect(await first.handlers.test(testRequest({ id: 'ch-1', secrets: null }))).toMatchObject({ kind: 'answered' });
    expect((await pushOutboxItem.get())['ch-1']!.requestTimes).toEqual([NOW - 20_000, NOW - 5_000, NOW]);

    // A background started afresh knows it too, whatever key the form holds.
    const restarted = setup(undefined, () => clock.now);
    clock.now = NOW + 1000;
    expect(await restarted.handlers.test(testRequest({ id: 'ch-1', secrets: { key: OTHER_KEY } }))).toEqual({
      kind: 'limited',
      waitSeconds: 39,
    });
    expect(restarted.requests).toEqual([]);
  });
});

describe('the background', () => {
  it('routes the settings page’s push requests to the handlers', async () => {
    const background = createBackground({
      sources: async () => [],
      now: () => NOW,
      locale: 'en',
      push: { hasPermission: async () => true, newId: () => 'ch-x' },
    });
    const own = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') };
    expect(await background.onMessage(save(), own)).toEqual({ ok: true, id: 'ch-x' });
    expect(await background.onMessage({ type: 'push.remove', id: 'ch-x' }, own)).toEqual({ ok: true });
    expect(await pushChannelsItem.get()).toEqual([]);
  });
});
