import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createBackground } from '@/entrypoints/background/service';
import { BADGE_ALARM, POLL_ALARM } from '@/entrypoints/background/alarm-names';
import { LOGIN_NEEDED_COLOR } from '@/lib/badge';
import type { Order } from '@/lib/orders/model';
import type { Outcome } from '@/lib/sources/12306/classify';
import type { QueryResult } from '@/lib/sources/12306/client';
import { LOGIN_PAGE_URL, PAY_PAGE_URL } from '@/lib/sources/12306/endpoints';
import {
  quietOrdersItem,
  sentAlertsItem,
  settingsItem,
  snapshot12306Item,
  snapshotWaitlistItem,
} from '@/lib/storage/items';
import { DEFAULT_SETTINGS } from '@/lib/settings/schema';
import { sampleFromServerMillis } from '@/lib/time/clock';
import { nextPollAt } from '@/lib/schedule/next-poll';

// The background's behaviour end to end inside WXT's fake browser (real storage, alarms,
// notifications, tabs and badge semantics), with 12306 replaced by scripted query results.

const T0 = Date.UTC(2026, 10, 22, 6, 0, 0); // 14:00 Beijing
const MINUTE = 60_000;

function unpaidOrder(id: string, deadline: number): Order {
  return {
    source: '12306',
    id,
    state: 'unpaid',
    title: 'G101',
    route: '北京南 → 上海虹桥',
    departure: deadline + 2 * 24 * 60 * MINUTE,
    passengers: ['杨赟'],
    amountYuan: 553,
    deadline,
    statusText: '待支付',
    payUrl: PAY_PAGE_URL,
    queue: null,
  };
}

function setup() {
  let now = T0;
  const replies: QueryResult[] = [];
  const query = vi.fn(async (): Promise<QueryResult> => {
    const next = replies.shift();
    if (!next) throw new Error('test sent more queries than it scripted');
    return next;
  });
  const sources = [{ id: '12306' as const, item: snapshot12306Item, query }];
  const background = createBackground({ sources, now: () => now, locale: 'zh' });
  return {
    background,
    query,
    reply(outcome: Outcome, clockSample: QueryResult['clockSample'] = null) {
      replies.push({ outcome, clockSample });
    },
    setNow(value: number) {
      now = value;
    },
    restart() {
      return createBackground({ sources, now: () => now, locale: 'zh' });
    },
  };
}

const alarmNames = async () => (await fakeBrowser.alarms.getAll()).map((alarm) => alarm.name).sort();
const alarmTime = async (name: string) => (await fakeBrowser.alarms.get(name))?.scheduledTime;
const notificationIds = async () => Object.keys(await fakeBrowser.notifications.getAll()).sort();
const badgeText = () => fakeBrowser.action.getBadgeText({});
const rgba = (hex: string) => [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)).concat(255);

describe('background', () => {
  const deadline = T0 + 30 * MINUTE;
  const order = unpaidOrder('E849708636', deadline);
  const key = '12306:E849708636';

  let world: ReturnType<typeof setup>;
  beforeEach(() => {
    world = setup();
  });

  it('stores a new unpaid order, announces it, plans each reminder and polls again in a minute', async () => {
    world.reply({ kind: 'unpaid', orders: [order] });
    await world.background.check();

    const snapshot = await snapshot12306Item.get();
    expect(snapshot.status).toBe('ok');
    expect(snapshot.orders).toEqual([order]);
    expect(await notificationIds()).toEqual([`found|${key}`]);
    const found = (await fakeBrowser.notifications.getAll())[`found|${key}`]!;
    expect(found.title).toContain('30 分钟');
    expect(found.message).toContain('G101');
    expect(found.message).not.toContain('杨赟');

    expect(await alarmTime(`remind|10|${deadline}|${key}`)).toBe(deadline - 10 * MINUTE);
    expect(await alarmTime(`remind|5|${deadline}|${key}`)).toBe(deadline - 5 * MINUTE);
    expect(await alarmTime(`remind|1|${deadline}|${key}`)).toBe(deadline - MINUTE);
    expect(await alarmTime(`due|${deadline}|${key}`)).toBe(deadline);
    expect(await alarmTime(POLL_ALARM)).toBe(T0 + MINUTE);
    expect(await badgeText()).toBe('30');
  });

  it('keeps the order through busy, failed and unreadable replies, and backs off', async () => {
    world.reply({ kind: 'unpaid', orders: [order] });
    await world.background.check();

    const failures: Outcome[] = [
      { kind: 'busy', detail: '网络繁忙' },
      { kind: 'timeout' },
      { kind: 'offline', detail: 'Failed to fetch' },
      { kind: 'unexpected', detail: 'not JSON: <html' },
      { kind: 'rejected', detail: 'HTTP 403' },
    ];
    let previousDelay = 0;
    for (const [index, failure] of failures.entries()) {
      world.setNow(T0 + (index + 1) * MINUTE);
      world.reply(failure);
      await world.background.check();
      const snapshot = await snapshot12306Item.get();
      expect(snapshot.orders).toEqual([order]);
      expect(snapshot.status).toBe(failure.kind);
      expect(snapshot.goodAt).toBe(T0);
      const delay = (await alarmTime(POLL_ALARM))! - (T0 + (index + 1) * MINUTE);
      expect(delay).toBeGreaterThan(previousDelay * 0.6);
      expect(delay).toBeLessThanOrEqual(15 * MINUTE);
      previousDelay = delay;
    }
    expect(previousDelay).toBeGreaterThan(5 * MINUTE);
    expect(await notificationIds()).toEqual([`found|${key}`]);
    expect(await alarmNames()).toContain(`remind|10|${deadline}|${key}`);
  });

  it('reports an order no longer pending only after a good reply without it', async () => {
    world.reply({ kind: 'unpaid', orders: [order] });
    await world.background.check();
    world.setNow(T0 + 2 * MINUTE);
    world.reply({ kind: 'none', orders: [] });
    await world.background.check();

    expect(await notificationIds()).toEqual([`found|${key}`, `gone|${key}`]);
    expect(await alarmNames()).toEqual([POLL_ALARM]);
    expect(await alarmTime(POLL_ALARM)).toBe(T0 + 2 * MINUTE + 5 * MINUTE);
    expect(await badgeText()).toBe('');
  });

  it('shows each reminder once when its alarm fires, even if the alarm fires again', async () => {
    world.reply({ kind: 'unpaid', orders: [order] });
    await world.background.check();
    await fakeBrowser.notifications.clear(`found|${key}`);

    const name = `remind|10|${deadline}|${key}`;
    world.setNow(deadline - 10 * MINUTE + 300);
    await world.background.onAlarm({ name });
    const shown = await fakeBrowser.notifications.getAll();
    expect(Object.keys(shown)).toEqual([name]);
    expect(shown[name]!.title).toBe('还剩 10 分钟支付');

    await fakeBrowser.notifications.clear(name);
    await world.restart().onAlarm({ name });
    expect(await notificationIds()).toEqual([]);
  });

  it('does not remind about an order that was paid before the alarm fired', async () => {
    world.reply({ kind: 'unpaid', orders: [order] });
    await world.background.check();
    world.reply({ kind: 'none', orders: [] });
    await world.background.check();
    await fakeBrowser.notifications.clear(`found|${key}`);
    await fakeBrowser.notifications.clear(`gone|${key}`);

    world.setNow(deadline - 5 * MINUTE);
    await world.background.onAlarm({ name: `remind|5|${deadline}|${key}` });
    expect(await notificationIds()).toEqual([]);
  });

  it('re-creates lost alarms on restart and catches up only the latest missed reminder', async () => {
    world.reply({ kind: 'unpaid', orders: [order] });
    await world.background.check();
    await fakeBrowser.notifications.clear(`found|${key}`);

    // The browser was closed from 14:01 to 14:26: Firefox keeps no alarms across that.
    await fakeBrowser.alarms.clearAll();
    world.setNow(deadline - 4 * MINUTE);
    await world.restart().wake();

    expect(await notificationIds()).toEqual([`remind|5|${deadline}|${key}`]);
    expect(await alarmNames()).toEqual(
      [BADGE_ALARM, `due|${deadline}|${key}`, POLL_ALARM, `remind|1|${deadline}|${key}`].sort(),
    );
    const sent = await sentAlertsItem.get();
    expect(Object.keys(sent)).toContain(`remind|10|${deadline}|${key}`);

    // A second restart shows nothing again.
    await fakeBrowser.notifications.clear(`remind|5|${deadline}|${key}`);
    await world.restart().wake();
    expect(await notificationIds()).toEqual([]);
  });

  it('stops polling when logged out, warns once about unpaid orders, and marks the badge', async () => {
    world.reply({ kind: 'unpaid', orders: [order] });
    await world.background.check();
    world.setNow(T0 + MINUTE);
    world.reply({ kind: 'loggedOut', detail: 'redirected to login' });
    await world.background.check();

    expect(await notificationIds()).toEqual([`found|${key}`, `loginExpired|${key}`]);
    expect(await alarmNames()).not.toContain(POLL_ALARM);
    expect(await badgeText()).toBe('!29');
    expect(await fakeBrowser.action.getBadgeBackgroundColor({})).toEqual(rgba(LOGIN_NEEDED_COLOR));
    // Reminders still fire while logged out: the deadline is known.
    expect(await alarmNames()).toContain(`remind|10|${deadline}|${key}`);

    await fakeBrowser.notifications.clear(`loginExpired|${key}`);
    world.reply({ kind: 'loggedOut', detail: 'redirected to login' });
    await world.background.check();
    expect(await notificationIds()).toEqual([`found|${key}`]);
  });

  it('checks shortly after a login cookie appears, and ignores other cookies', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      world.reply({ kind: 'loggedOut', detail: 'redirected to login' });
      await world.background.check();
      expect(world.query).toHaveBeenCalledTimes(1);

      const cookie = (name: string, domain = 'kyfw.12306.cn') =>
        ({
          name,
          domain,
          value: 'x',
          path: '/otn',
          hostOnly: true,
          httpOnly: false,
          secure: true,
          session: true,
          storeId: '0',
        }) as never;
      await world.background.onCookieChanged({ removed: false, cause: 'explicit', cookie: cookie('RAIL_DEVICEID') });
      await world.background.onCookieChanged({
        removed: false,
        cause: 'explicit',
        cookie: cookie('tk', 'example.com'),
      });
      await vi.advanceTimersByTimeAsync(5_000);
      expect(world.query).toHaveBeenCalledTimes(1);

      world.reply({ kind: 'unpaid', orders: [order] });
      await world.background.onCookieChanged({ removed: false, cause: 'explicit', cookie: cookie('JSESSIONID') });
      await world.background.onCookieChanged({ removed: false, cause: 'explicit', cookie: cookie('tk') });
      await vi.advanceTimersByTimeAsync(5_000);
      expect(world.query).toHaveBeenCalledTimes(2);
      expect((await snapshot12306Item.get()).orders).toEqual([order]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('never has two queries in flight', async () => {
    let release!: () => void;
    world.query.mockImplementationOnce(
      () =>
        new Promise<QueryResult>((resolve) => {
          release = () => resolve({ outcome: { kind: 'none', orders: [] }, clockSample: null });
        }),
    );
    const first = world.background.check();
    const second = world.background.check();
    await vi.waitFor(() => expect(world.query).toHaveBeenCalled());
    const third = world.background.check();
    release();
    await third;
    await Promise.all([first, second]);
    expect(world.query).toHaveBeenCalledTimes(1);
  });

  it('plans alarms on the server clock learned from replies', async () => {
    const ahead = 5 * MINUTE;
    // 12306's clock reads T0 + 5 min while ours reads T0.
    world.reply({ kind: 'unpaid', orders: [order] }, sampleFromServerMillis(T0 + ahead, T0, T0));
    await world.background.check();
    expect(await alarmTime(`remind|10|${deadline}|${key}`)).toBe(deadline - 10 * MINUTE - ahead);
    expect(await badgeText()).toBe('25');
  });

  it('answers a refresh only from its own pages', async () => {
    world.reply({ kind: 'none', orders: [] });
    const own = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') };
    const contentScript = {
      id: fakeBrowser.runtime.id,
      url: 'https://kyfw.12306.cn/otn/view/index.html',
      tab: { id: 1 },
    };
    expect(world.background.onMessage({ type: 'refresh' }, contentScript as never)).toBeUndefined();
    expect(world.background.onMessage({ type: 'refresh' }, { id: 'another-extension' })).toBeUndefined();
    expect(world.background.onMessage({ type: 'delete-everything' }, own)).toBeUndefined();
    expect(world.query).not.toHaveBeenCalled();
    await expect(world.background.onMessage({ type: 'refresh' }, own)).resolves.toEqual({ ok: true });
    // The popup page opened in a tab is still the extension's own page.
    world.reply({ kind: 'none', orders: [] });
    await expect(world.background.onMessage({ type: 'refresh' }, { ...own, tab: { id: 2 } } as never)).resolves.toEqual(
      { ok: true },
    );
    expect(world.query).toHaveBeenCalledTimes(2);
  });

  // Focusing an already open page relies on the browser's URL match patterns, which the fake browser
  // does not implement; the end-to-end tests cover that half.
  it('opens the login page from a login notification and the pay page from an order notification', async () => {
    await fakeBrowser.notifications.create(`loginExpired|${key}`, {
      type: 'basic',
      title: 't',
      message: 'm',
      iconUrl: '',
    });
    await world.background.onNotificationClicked(`loginExpired|${key}`);
    expect(await notificationIds()).toEqual([]);
    await world.background.onNotificationClicked(`remind|5|${deadline}|${key}`);
    const urls = (await fakeBrowser.tabs.query({})).map((tab) => tab.url);
    expect(urls).toEqual(expect.arrayContaining([LOGIN_PAGE_URL, PAY_PAGE_URL]));
  });

  describe("with the user's settings", () => {
    const remindAlarms = async () => (await alarmNames()).filter((name) => name.startsWith('remind|'));

    it('plans reminders at the thresholds the user chose, and re-plans when they change', async () => {
      await settingsItem.set({ ...DEFAULT_SETTINGS, reminderMinutes: [15, 3] });
      world.reply({ kind: 'unpaid', orders: [order] });
      await world.background.check();
      expect(await remindAlarms()).toEqual([`remind|15|${deadline}|${key}`, `remind|3|${deadline}|${key}`].sort());

      // 12 minutes left: a new 20-minute threshold has passed already and is not announced late.
      world.setNow(deadline - 12 * MINUTE);
      await settingsItem.set({ ...DEFAULT_SETTINGS, reminderMinutes: [20, 2] });
      await world.background.onSettingsChanged();
      expect(await remindAlarms()).toEqual([`remind|2|${deadline}|${key}`]);
      expect(await alarmTime(`remind|2|${deadline}|${key}`)).toBe(deadline - 2 * MINUTE);
      expect(await notificationIds()).toEqual([`found|${key}`]);
    });

    it('shows only the kinds of notification the user wants, and never later', async () => {
      await settingsItem.set({ ...DEFAULT_SETTINGS, notify: { ...DEFAULT_SETTINGS.notify, found: false } });
      world.reply({ kind: 'unpaid', orders: [order] });
      await world.background.check();
      expect(await notificationIds()).toEqual([]);
      expect(Object.keys(await sentAlertsItem.get())).toContain(`found|${key}`);

      await settingsItem.set(DEFAULT_SETTINGS);
      await world.background.onSettingsChanged();
      expect(await notificationIds()).toEqual([]);
    });

    it('names passengers in notifications only when the user turned masking off', async () => {
      world.reply({ kind: 'unpaid', orders: [order] });
      await world.background.check();
      expect((await fakeBrowser.notifications.getAll())[`found|${key}`]!.message).not.toContain('杨赟');

      await settingsItem.set({ ...DEFAULT_SETTINGS, maskPassengers: false });
      world.setNow(deadline - 10 * MINUTE);
      await world.background.onAlarm({ name: `remind|10|${deadline}|${key}` });
      expect((await fakeBrowser.notifications.getAll())[`remind|10|${deadline}|${key}`]!.message).toContain('杨赟');
    });
  });

  describe('muting and snoozing an order', () => {
    const own = () => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') });
    const remindAlarms = async () => (await alarmNames()).filter((name) => name.startsWith('remind|'));

    beforeEach(async () => {
      world.reply({ kind: 'unpaid', orders: [order] });
      await world.background.check();
    });

    it('mutes reminders from the popup, keeps the deadline alarm, and turns them back on', async () => {
      await expect(
        world.background.onMessage({ type: 'silence', orderKey: key, action: 'mute' }, own()),
      ).resolves.toEqual({ ok: true });
      expect(await remindAlarms()).toEqual([]);
      expect(await alarmNames()).toContain(`due|${deadline}|${key}`);

      await world.background.onMessage({ type: 'silence', orderKey: key, action: 'unmute' }, own());
      expect(await remindAlarms()).toHaveLength(3);
    });

    it('snoozes from a notification button and reminds again when the snooze ends', async () => {
      world.setNow(deadline - 10 * MINUTE);
      const tenMinutes = `remind|10|${deadline}|${key}`;
      await world.background.onAlarm({ name: tenMinutes });
      await world.background.onNotificationButtonClicked(tenMinutes, 0);
      expect(await notificationIds()).toEqual([`found|${key}`]);
      // Five minutes of quiet, then "5 minutes left" as planned.
      expect(await remindAlarms()).toEqual([`remind|1|${deadline}|${key}`, `remind|5|${deadline}|${key}`]);
      expect(await quietOrdersItem.get()).toEqual({ [key]: { kind: 'snoozed', until: deadline - 5 * MINUTE } });
    });

    it('mutes from the second notification button', async () => {
      await world.background.onNotificationButtonClicked(`remind|10|${deadline}|${key}`, 1);
      expect(await remindAlarms()).toEqual([]);
    });

    it('ignores requests for unknown orders and from web pages', async () => {
      await world.background.onMessage({ type: 'silence', orderKey: '12306:E000', action: 'mute' }, own());
      const page = { id: fakeBrowser.runtime.id, url: 'https://kyfw.12306.cn/otn/view/index.html', tab: { id: 1 } };
      expect(
        world.background.onMessage({ type: 'silence', orderKey: key, action: 'mute' }, page as never),
      ).toBeUndefined();
      expect(world.background.onMessage({ type: 'silence', orderKey: key, action: 'delete' }, own())).toBeUndefined();
      expect(await quietOrdersItem.get()).toEqual({});
      expect(await remindAlarms()).toHaveLength(3);
    });

    it('forgets the silence once the order is gone', async () => {
      await world.background.silence({ type: 'silence', orderKey: key, action: 'mute' });
      world.reply({ kind: 'none', orders: [] });
      await world.background.check();
      expect(await quietOrdersItem.get()).toEqual({});
    });
  });

  describe('with the 12306 waitlist as a second source', () => {
    const waitlistOrder: Order = { ...unpaidOrder('W2026112200001', T0 + 20 * MINUTE), source: '12306-waitlist' };
    const waitlistKey = '12306-waitlist:W2026112200001';

    function twoSources() {
      const mainReplies: QueryResult[] = [];
      const waitlistReplies: QueryResult[] = [];
      const take = (queue: QueryResult[]) => async () => {
        const next = queue.shift();
        if (!next) throw new Error('test sent more queries than it scripted');
        return next;
      };
      const main = vi.fn(take(mainReplies));
      const waitlist = vi.fn(take(waitlistReplies));
      const background = createBackground({
        sources: [
          { id: '12306', item: snapshot12306Item, query: main },
          { id: '12306-waitlist', item: snapshotWaitlistItem, query: waitlist },
        ],
        now: () => T0,
        locale: 'zh',
      });
      const reply = (queue: QueryResult[], outcome: Outcome) => queue.push({ outcome, clockSample: null });
      return { background, main, waitlist, mainReplies, waitlistReplies, reply };
    }

    it('announces and plans reminders for orders from both', async () => {
      const two = twoSources();
      two.reply(two.mainReplies, { kind: 'unpaid', orders: [order] });
      two.reply(two.waitlistReplies, { kind: 'unpaid', orders: [waitlistOrder] });
      await two.background.check();
      expect(await notificationIds()).toEqual([`found|${key}`, `found|${waitlistKey}`].sort());
      expect(await alarmNames()).toContain(`remind|5|${waitlistOrder.deadline}|${waitlistKey}`);
      // The badge counts down to the nearer one: the waitlist prepayment, 20 minutes away.
      expect(await badgeText()).toBe('20');
    });

    it('keeps the main orders whatever the waitlist query does, and the other way round', async () => {
      const two = twoSources();
      two.reply(two.mainReplies, { kind: 'unpaid', orders: [order] });
      two.reply(two.waitlistReplies, { kind: 'unpaid', orders: [waitlistOrder] });
      await two.background.check();

      two.reply(two.mainReplies, { kind: 'unpaid', orders: [order] });
      two.reply(two.waitlistReplies, { kind: 'unexpected', detail: '<html>' });
      await two.background.check();
      expect((await snapshot12306Item.get()).status).toBe('ok');
      expect((await snapshotWaitlistItem.get()).status).toBe('unexpected');
      expect((await snapshotWaitlistItem.get()).orders).toEqual([waitlistOrder]);

      two.reply(two.mainReplies, { kind: 'busy', detail: '网络繁忙' });
      two.reply(two.waitlistReplies, { kind: 'none', orders: [] });
      await two.background.check();
      expect((await snapshot12306Item.get()).orders).toEqual([order]);
      expect(await notificationIds()).toContain(`gone|${waitlistKey}`);
      expect(await notificationIds()).not.toContain(`gone|${key}`);
    });

    it('a poll alarm queries only the sources whose own check is due', async () => {
      const two = twoSources();
      two.reply(two.mainReplies, { kind: 'unpaid', orders: [order] });
      two.reply(two.waitlistReplies, { kind: 'busy', detail: '网络繁忙' });
      await two.background.check();
      // Both were checked at T0: the main one is due again in a minute, the busy one backs off.
      expect(nextPollAt(await snapshot12306Item.get(), T0)).toBe(T0 + MINUTE);
      await fakeBrowser.storage.local.set({
        'snapshot.12306': { ...(await snapshot12306Item.get()), checkedAt: T0 - MINUTE },
      });
      two.reply(two.mainReplies, { kind: 'unpaid', orders: [order] });
      await two.background.onAlarm({ name: POLL_ALARM });
      expect(two.main).toHaveBeenCalledTimes(2);
      expect(two.waitlist).toHaveBeenCalledTimes(1);
    });
  });
});
