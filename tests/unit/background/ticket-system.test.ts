import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { DEFAULT_PUSH_KINDS } from '@/lib/push/channel';
import { createBackground } from '@/entrypoints/background/service';
import { ticketSources, ticketSourceKey } from '@/entrypoints/background/ticket-system';
import { LOGIN_NEEDED_COLOR } from '@/lib/badge';
import type { Request } from '@/lib/messaging/pages';
import { EMPTY_DRAFT, type AccountDraft } from '@/lib/sources/ticket-system/account';
import {
  accountKeysItem,
  accountsItem,
  snapshot12306Item,
  ticketSnapshotsItem,
  watchedOrdersItem,
  pushChannelsItem,
} from '@/lib/storage/items';
import type { QueryResult } from '@/lib/sources/12306/client';
import { createKeyedLimiter } from '@/lib/util/limiter';
import { ALERT_ALARM_PREFIX } from '@/lib/schedule/alert-wakeups';
import { toLocalInstant } from '@/lib/time/clock';
import type { FixtureTicketOrder } from '../../fixtures/ticket-system/replies';
import { HAWK_KEY, SECRET } from '../helpers/accounts';
import { fakeVenue, type FakeVenue } from '../helpers/fake-venue';

// The background with ticket-system accounts, inside WXT's fake browser (real storage, alarms,
// notifications and badge semantics) against a venue in a fetch that checks every signature with
// the reference Hawk server. Real time: Hawk timestamps are checked against this machine's clock.

const MINUTE = 60_000;
const ORDER = '20261202000123';
const SETTINGS_URL = 'moz-extension://payclock/options.html';

const own = () => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/options.html') });
const draft = (change: Partial<AccountDraft> = {}): AccountDraft => ({
  ...EMPTY_DRAFT,
  label: '黄山',
  baseUrl: 'https://tickets.venue-a.test',
  username: 'agent01',
  ...change,
});
const notifications = async () => fakeBrowser.notifications.getAll();

/** `twelve306`: a 12306 source beside the accounts, answering with this. */
function setup(orders: Record<string, FixtureTicketOrder>, twelve306?: () => Promise<QueryResult>) {
  const venue: FakeVenue = fakeVenue({ credentials: { agent01: HAWK_KEY }, orders });
  const granted = new Set(['https://tickets.venue-a.test/*']);
  const hasPermission = vi.fn(async (pattern: string) => granted.has(pattern));
  const releasePermission = vi.fn(async (pattern: string) => void granted.delete(pattern));
  let ids = 0;
  const query = { fetch: venue.fetch };
  const background = createBackground({
    sources: async () => [
      ...(twelve306 ? [{ id: '12306' as const, item: snapshot12306Item, query: twelve306, browserSession: true }] : []),
      ...(await ticketSources({ hasPermission, limiter: createKeyedLimiter(4), query })),
    ],
    now: Date.now,
    locale: 'zh',
    settingsUrl: SETTINGS_URL,
    accounts: { hasPermission, releasePermission, newId: () => `acc-${++ids}`, query },
  });
  const ask = (request: Request) => background.onMessage(request, own());
  return { venue, granted, background, ask, releasePermission };
}

/** The round a save or watch.add starts is not awaited by the page: wait for its result. */
const settled = async (accountId: string, status = 'ok') =>
  vi.waitFor(async () => {
    const snapshot = (await ticketSnapshotsItem.get())[accountId];
    if (snapshot?.status !== status) throw new Error(`status ${snapshot?.status}`);
    return snapshot;
  }, 5000);

describe('background with ticket-system accounts', () => {
  // Placed 10 minutes before each test starts (not when the file is collected: a loaded machine
  // can take minutes between the two).
  let placed: number;
  let world: ReturnType<typeof setup>;
  beforeEach(() => {
    placed = Date.now() - 10 * MINUTE;
    world = setup({ [ORDER]: { orderId: ORDER, placed, payTimeoutMinutes: 30, paymentEnd: null } });
  });

  async function addAccountWatching(...orderIds: string[]) {
    await expect(world.ask({ type: 'account.save', id: null, draft: draft(), secret: SECRET })).resolves.toEqual({
      ok: true,
      id: 'acc-1',
    });
    await expect(world.ask({ type: 'watch.add', accountId: 'acc-1', orderIds })).resolves.toEqual({
      ok: true,
      added: orderIds.length,
      already: 0,
    });
    return settled('acc-1');
  }

  it('keeps the derived key, and only the derived key, where no page reads it', async () => {
    await world.ask({ type: 'account.save', id: null, draft: draft(), secret: SECRET });
    expect(await accountKeysItem.get()).toEqual({ 'acc-1': HAWK_KEY });
    const everything = JSON.stringify(await fakeBrowser.storage.local.get());
    expect(everything).not.toContain(SECRET.password);
    expect(JSON.stringify(await accountsItem.get())).not.toContain(SECRET.key);
    expect(await fakeBrowser.storage.sync.get()).toEqual({});
  });

  it('refuses a new account without KEY and password, and a draft with problems', async () => {
    await expect(world.ask({ type: 'account.save', id: null, draft: draft(), secret: null })).resolves.toEqual({
      ok: false,
      error: 'needSecret',
      problems: [],
    });
    await expect(
      world.ask({ type: 'account.save', id: null, draft: draft({ baseUrl: 'http://x.test' }), secret: SECRET }),
    ).resolves.toEqual({
      ok: false,
      error: 'draft',
      problems: [{ field: 'baseUrl', problem: 'insecure' }],
    });
    expect(await accountsItem.get()).toEqual([]);
  });

  it('watches an order: countdown data, found notice, reminders planned and the badge', async () => {
    const snapshot = await addAccountWatching(ORDER);
    const deadline = placed + 30 * MINUTE;
    expect(snapshot.orders).toHaveLength(1);
    expect(snapshot.orders[0]).toMatchObject({ id: ORDER, accountId: 'acc-1', title: '黄山风景区门票2张' });
    expect(Math.abs(snapshot.orders[0]!.deadline! - deadline)).toBeLessThan(1000);
    const key = `ticket-system:acc-1:${ORDER}`;
    expect(Object.keys(await notifications())).toEqual([`found|${key}`]);
    // On the venue's clock, as learnt from its replies.
    const tenMinutesBefore = toLocalInstant(snapshot.clock, snapshot.orders[0]!.deadline! - 10 * MINUTE);
    const alarms = (await fakeBrowser.alarms.getAll()).map((alarm) => alarm.name);
    expect(alarms).toContain(`${ALERT_ALARM_PREFIX}${tenMinutesBefore}`);
    // Minutes left, rounded up: 20 unless this test took long enough to cross a minute.
    expect(['20', '19']).toContain(await fakeBrowser.action.getBadgeText({}));
    expect(world.venue.requests.every((request) => request.authorized)).toBe(true);
  });

  it('asks 12306 alone, never the venues, when a 12306 cookie changes or a 12306 page loads', async () => {
    const loggedOut: QueryResult = { outcome: { kind: 'loggedOut', detail: 'redirected' }, clockSample: null };
    const twelve306 = vi.fn(async () => loggedOut);
    world = setup({ [ORDER]: { orderId: ORDER, placed, payTimeoutMinutes: 30, paymentEnd: null } }, twelve306);
    await addAccountWatching(ORDER);
    await world.background.check();
    expect((await snapshot12306Item.get()).status).toBe('loggedOut');
    const venueRequests = world.venue.requests.length;
    const asked = twelve306.mock.calls.length;

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const tk = { name: 'tk', domain: 'kyfw.12306.cn', path: '/otn', value: 'x' };
      for (let i = 0; i < 3; i++) {
        await world.background.onCookieChanged({ removed: false, cause: 'explicit', cookie: tk as never });
        await vi.advanceTimersByTimeAsync(2_000);
      }
      await world.background.onPageLoaded('https://kyfw.12306.cn/otn/view/index.html');
      await vi.advanceTimersByTimeAsync(2_000);
    } finally {
      vi.useRealTimers();
    }
    expect(twelve306.mock.calls.length).toBeGreaterThan(asked);
    expect(world.venue.requests.length).toBe(venueRequests);
  });

  it('reports a paid order once with the venue’s status name, then stops asking about it', async () => {
    await addAccountWatching(ORDER);
    world.venue.options.orders![ORDER]!.status = '3';
    await world.background.check();
    const notices = await notifications();
    const gone = notices[`gone|ticket-system:acc-1:${ORDER}`];
    expect(gone?.title).toContain('已交割');
    expect(gone?.message).toContain(ORDER);
    expect((await watchedOrdersItem.get())[0]).toMatchObject({ status: { code: '3', final: true } });
    expect((await ticketSnapshotsItem.get())['acc-1']!.orders).toEqual([]);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');

    const asked = world.venue.requests.length;
    await world.background.check();
    expect(world.venue.requests.length).toBe(asked);
  });

  it('reports a paid order gone while another order of the account has a deadline past the end of time', async () => {
    const other = '20261202000456';
    world.venue.options.orders![other] = { orderId: other, placed, payTimeoutMinutes: 30, paymentEnd: null };
    await addAccountWatching(ORDER, other);
    world.venue.options.orders![other]!.payTimeoutMinutes = 1e305;
    world.venue.options.orders![ORDER]!.status = '3';
    let checkedAt = 0;
    for (let round = 0; round < 2; round++) {
      await world.background.check();
      const snapshot = (await ticketSnapshotsItem.get())['acc-1']!;
      // Stored every round, not refused; the first had a readable reply, the second only the other.
      expect(snapshot.status).toBe(round === 0 ? 'ok' : 'unexpected');
      expect(snapshot.checkedAt).toBeGreaterThan(checkedAt);
      checkedAt = snapshot.checkedAt!;
      // The unreadable order keeps what was last learnt of it; the paid one is gone.
      expect(snapshot.orders.map((order) => order.id)).toEqual([other]);
      const watched = await watchedOrdersItem.get();
      expect(watched.find((entry) => entry.orderId === ORDER)).toMatchObject({ status: { final: true } });
      expect(watched.find((entry) => entry.orderId === other)?.problem).toMatchObject({ kind: 'unexpected' });
    }
    expect(Object.keys(await notifications())).toContain(`gone|ticket-system:acc-1:${ORDER}`);
  });

  it('stores a round’s watched list and snapshot in one write, so no stop can split them', async () => {
    await addAccountWatching(ORDER);
    world.venue.options.orders![ORDER]!.status = '3';
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    try {
      await world.background.check();
      const watchedWrites = set.mock.calls.filter(([items]) => 'ticket.watched' in items);
      expect(watchedWrites).toHaveLength(1);
      expect(watchedWrites[0]![0]).toHaveProperty('snapshot.ticket-system');
    } finally {
      set.mockRestore();
    }
  });

  it('keeps every good account, key and watched order when one stored element is damaged', async () => {
    const other = '20261202000456';
    const third = '20261202000789';
    for (const id of [other, third])
      world.venue.options.orders![id] = { orderId: id, placed, payTimeoutMinutes: 30, paymentEnd: null };
    await addAccountWatching(ORDER, other);
    const raw = await fakeBrowser.storage.local.get(['ticket.accounts', 'ticket.keys', 'ticket.watched']);
    await fakeBrowser.storage.local.set({
      'ticket.accounts': [...(raw['ticket.accounts'] as unknown[]), { id: 'acc-9', label: 42 }],
      'ticket.keys': { ...(raw['ticket.keys'] as object), 'acc-9': { not: 'a key' } },
      'ticket.watched': [...(raw['ticket.watched'] as unknown[]), { accountId: 'acc-1', orderId: '' }],
    });

    await expect(world.ask({ type: 'watch.add', accountId: 'acc-1', orderIds: [third] })).resolves.toMatchObject({
      ok: true,
      added: 1,
    });
    await vi.waitFor(async () => expect((await ticketSnapshotsItem.get())['acc-1']!.orders).toHaveLength(3), 5000);
    expect((await watchedOrdersItem.get()).map((entry) => entry.orderId)).toEqual([ORDER, other, third]);
    expect((await accountsItem.get()).map((account) => account.id)).toEqual(['acc-1']);
    expect(await accountKeysItem.get()).toEqual({ 'acc-1': HAWK_KEY });
    await world.background.check();
    expect((await ticketSnapshotsItem.get())['acc-1']).toMatchObject({ status: 'ok' });
  });

  it('never drops an order because the venue failed to answer', async () => {
    await addAccountWatching(ORDER);
    world.venue.options.answer = () => new Response('<html>502 Bad Gateway</html>', { status: 502 });
    await world.background.check();
    const snapshot = (await ticketSnapshotsItem.get())['acc-1']!;
    expect(snapshot).toMatchObject({ status: 'busy', failures: 1 });
    expect(snapshot.orders).toHaveLength(1);
    expect(Object.keys(await notifications())).toEqual([`found|ticket-system:acc-1:${ORDER}`]);
  });

  it('stops polling an account whose key is refused, says so once, and resumes with a new key', async () => {
    await addAccountWatching(ORDER);
    world.venue.options.credentials = { agent01: 'another key' };
    await world.background.check();
    expect((await ticketSnapshotsItem.get())['acc-1']).toMatchObject({ status: 'authFailed' });
    const notice = (await notifications())[`loginExpired|ticket-system:acc-1:${ORDER}`];
    expect(notice?.title).toBe('票务系统账户验证失败');
    expect((await fakeBrowser.action.getBadgeBackgroundColor({})) as unknown).toEqual(
      [1, 3, 5].map((at) => parseInt(LOGIN_NEEDED_COLOR.slice(at, at + 2), 16)).concat(255),
    );

    const asked = world.venue.requests.length;
    await world.background.onAlarm({ name: 'poll' });
    await world.background.check({ kind: 'due' });
    // Watching one more order is no reason to try the refused key again.
    await world.ask({ type: 'watch.add', accountId: 'acc-1', orderIds: ['B2'] });
    await world.background.check({ kind: 'named', keys: new Set(['ticket-system:acc-1']) });
    await world.background.check();
    expect(world.venue.requests.length).toBe(asked);

    world.venue.options.credentials = { agent01: HAWK_KEY };
    await world.ask({ type: 'account.save', id: 'acc-1', draft: draft(), secret: SECRET });
    await settled('acc-1');
    expect(world.venue.requests.length).toBeGreaterThan(asked);

    // A key replaced while everything was fine is tried at once, not when the orders are next due.
    await world.ask({ type: 'account.save', id: 'acc-1', draft: draft(), secret: { key: 'OTHER', password: 'x' } });
    await settled('acc-1', 'authFailed');
  });

  it('asks nothing of a venue whose site the browser has not granted', async () => {
    world.granted.clear();
    await world.ask({ type: 'account.save', id: null, draft: draft(), secret: SECRET });
    await world.ask({ type: 'watch.add', accountId: 'acc-1', orderIds: [ORDER] });
    const snapshot = await settled('acc-1', 'noPermission');
    expect(snapshot.detail).toBe('https://tickets.venue-a.test/*');
    expect(world.venue.requests).toEqual([]);

    world.granted.add('https://tickets.venue-a.test/*');
    await world.background.onPermissionsAdded();
    expect((await settled('acc-1')).orders).toHaveLength(1);
  });

  it('answers a connection test precisely, with the form’s values or the saved key', async () => {
    const test = (change: Partial<Extract<Request, { type: 'account.test' }>>) =>
      world.ask({ type: 'account.test', id: null, draft: draft(), secret: SECRET, orderId: ORDER, ...change });
    await expect(test({})).resolves.toMatchObject({ kind: 'ok', statusZh: '预定中', title: '黄山风景区门票2张' });
    await expect(test({ secret: { key: 'WRONG', password: 'x' } })).resolves.toMatchObject({ kind: 'badCredentials' });
    await expect(test({ orderId: '20990101000000' })).resolves.toMatchObject({ kind: 'notFound' });
    await expect(test({ orderId: ' ' })).resolves.toEqual({ kind: 'needOrderId' });
    await expect(test({ secret: null })).resolves.toEqual({ kind: 'needSecret' });
    await expect(test({ draft: draft({ pathTemplate: 'api/Nope/{orderid}' }) })).resolves.toMatchObject({
      kind: 'noRoute',
    });
    await expect(test({ draft: draft({ baseUrl: 'https://other.test' }) })).resolves.toEqual({
      kind: 'noPermission',
      origin: 'https://other.test/*',
    });
    await world.ask({ type: 'account.save', id: null, draft: draft(), secret: SECRET });
    await expect(test({ id: 'acc-1', secret: null })).resolves.toMatchObject({ kind: 'ok' });
    // No answer carries the key.
    expect(JSON.stringify(await test({ id: 'acc-1', secret: null }))).not.toContain(HAWK_KEY);
  });

  it('signs nothing for a path template that leaves the venue’s address', async () => {
    for (const pathTemplate of [
      '\\\\evil.test/{orderid}',
      'ht\ttps://evil.test/{orderid}',
      '\x01//evil.test/{orderid}',
    ]) {
      await expect(
        world.ask({ type: 'account.test', id: null, draft: draft({ pathTemplate }), secret: SECRET, orderId: ORDER }),
      ).resolves.toEqual({ kind: 'draft', problems: [{ field: 'pathTemplate', problem: 'leavesBase' }] });
      await expect(
        world.ask({ type: 'account.save', id: null, draft: draft({ pathTemplate }), secret: SECRET }),
      ).resolves.toMatchObject({ ok: false, error: 'draft' });
    }
    expect(world.venue.requests).toEqual([]);
    expect(await accountsItem.get()).toEqual([]);
  });

  it('asks for the KEY and password again when an account moves to another site, and lets the old one go', async () => {
    world.granted.add('https://other.test/*');
    await world.ask({ type: 'account.save', id: null, draft: draft(), secret: SECRET });
    const moved = draft({ baseUrl: 'https://other.test' });
    await expect(world.ask({ type: 'account.save', id: 'acc-1', draft: moved, secret: null })).resolves.toEqual({
      ok: false,
      error: 'needSecret',
      problems: [],
    });
    await expect(
      world.ask({ type: 'account.test', id: 'acc-1', draft: moved, secret: null, orderId: ORDER }),
    ).resolves.toEqual({ kind: 'needSecret' });
    expect((await accountsItem.get())[0]!.baseUrl).toBe('https://tickets.venue-a.test/');
    // Another path on the same site keeps its key.
    await expect(
      world.ask({
        type: 'account.save',
        id: 'acc-1',
        draft: draft({ baseUrl: 'https://tickets.venue-a.test/v2' }),
        secret: null,
      }),
    ).resolves.toEqual({ ok: true, id: 'acc-1' });
    expect(world.releasePermission).not.toHaveBeenCalled();
    await expect(world.ask({ type: 'account.save', id: 'acc-1', draft: moved, secret: SECRET })).resolves.toEqual({
      ok: true,
      id: 'acc-1',
    });
    expect((await accountsItem.get())[0]!.baseUrl).toBe('https://other.test/');
    expect(world.releasePermission).toHaveBeenCalledWith('https://tickets.venue-a.test/*');
  });

  it('writes an account and its key in one storage call, on saving and on removing', async () => {
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    const written = () =>
      set.mock.calls.map(([values]) =>
        Object.keys(values as object)
          // Each item's version marker (`key$`) goes in the same call.
          .filter((k) => k.startsWith('ticket.') && !k.endsWith('$'))
          .sort(),
      );
    await world.ask({ type: 'account.save', id: null, draft: draft(), secret: SECRET });
    expect(written().filter((keys) => keys.length > 0)).toEqual([['ticket.accounts', 'ticket.keys']]);
    await world.ask({ type: 'watch.add', accountId: 'acc-1', orderIds: [ORDER] });
    await settled('acc-1');
    set.mockClear();
    await world.ask({ type: 'account.remove', id: 'acc-1' });
    expect(written().filter((keys) => keys.length > 0)).toEqual([['ticket.accounts', 'ticket.keys', 'ticket.watched']]);
    set.mockRestore();
  });

  it('adds pasted orders once, and forgets an account with everything it had', async () => {
    await addAccountWatching(ORDER);
    await expect(world.ask({ type: 'watch.add', accountId: 'acc-1', orderIds: [ORDER, 'B1'] })).resolves.toEqual({
      ok: true,
      added: 1,
      already: 1,
    });
    await expect(world.ask({ type: 'watch.add', accountId: 'nobody', orderIds: ['B1'] })).resolves.toMatchObject({
      ok: false,
    });
    await world.ask({ type: 'account.remove', id: 'acc-1' });
    expect(await accountsItem.get()).toEqual([]);
    expect(await accountKeysItem.get()).toEqual({});
    expect(await watchedOrdersItem.get()).toEqual([]);
    expect(await ticketSnapshotsItem.get()).toEqual({});
    expect((await fakeBrowser.alarms.getAll()).filter((alarm) => alarm.name.includes('ticket-system'))).toEqual([]);
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    expect(world.releasePermission).toHaveBeenCalledWith('https://tickets.venue-a.test/*');
  });

  it('keeps access to a site another account still uses', async () => {
    await world.ask({ type: 'account.save', id: null, draft: draft(), secret: SECRET });
    await world.ask({
      type: 'account.save',
      id: null,
      draft: draft({ label: '二号', username: 'agent02' }),
      secret: SECRET,
    });
    await world.ask({ type: 'account.remove', id: 'acc-1' });
    expect(world.releasePermission).not.toHaveBeenCalled();
  });

  it('keeps access to a site a push channel still sends to', async () => {
    await world.ask({ type: 'account.save', id: null, draft: draft(), secret: SECRET });
    await pushChannelsItem.set([
      {
        id: 'ch-1',
        label: '自建 ntfy',
        service: 'ntfy',
        kinds: DEFAULT_PUSH_KINDS,
        includeAmount: false,
        fields: { baseUrl: 'https://tickets.venue-a.test' },
        originPatterns: ['https://tickets.venue-a.test/*'],
        secretHint: '…',
      },
    ]);
    await world.ask({ type: 'account.remove', id: 'acc-1' });
    expect(world.releasePermission).not.toHaveBeenCalled();
  });

  it('stops watching a removed order without announcing it as paid', async () => {
    await addAccountWatching(ORDER);
    await world.ask({ type: 'watch.remove', accountId: 'acc-1', orderId: ORDER });
    expect(await watchedOrdersItem.get()).toEqual([]);
    expect((await ticketSnapshotsItem.get())['acc-1']!.orders).toEqual([]);
    expect(Object.keys(await notifications())).toEqual([`found|ticket-system:acc-1:${ORDER}`]);
  });

  it('takes account requests from its own pages only', () => {
    const contentScript = {
      id: fakeBrowser.runtime.id,
      url: 'https://kyfw.12306.cn/otn/view/train_order.html',
      tab: { id: 1 },
    };
    const request = { type: 'account.save', id: null, draft: draft(), secret: SECRET };
    expect(world.background.onMessage(request, contentScript as never)).toBeUndefined();
    expect(world.background.onMessage({ ...request, draft: { ...draft(), flavour: 'v9' } }, own())).toBeUndefined();
  });

  it('opens the settings page from a notice about a refused key', async () => {
    await world.background.onNotificationClicked(`loginExpired|ticket-system:acc-1:${ORDER}`);
    const tabs = await fakeBrowser.tabs.query({});
    expect(tabs.map((tab) => tab.url)).toContain(SETTINGS_URL);
  });
});

describe('ticket sources', () => {
  it('has one source per account with watched orders', async () => {
    await accountsItem.set([
      { ...EMPTY_DRAFT, id: 'a', label: 'a', baseUrl: 'https://a.test/', username: 'u', hawkId: '' },
      { ...EMPTY_DRAFT, id: 'b', label: 'b', baseUrl: 'https://b.test/', username: 'u', hawkId: '' },
    ]);
    await watchedOrdersItem.set([
      {
        accountId: 'b',
        orderId: '1',
        addedAt: 0,
        status: null,
        title: null,
        problem: null,
        checkedAt: null,
        finalAt: null,
      },
    ]);
    const sources = await ticketSources({ hasPermission: async () => true, limiter: createKeyedLimiter(4) });
    expect(sources.map((source) => source.key)).toEqual([ticketSourceKey('b')]);
  });
});
