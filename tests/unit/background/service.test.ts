import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { CHECK_RETRY_MS, createBackground, KEEP_ALIVE_MS } from '@/entrypoints/background/service';
import { BADGE_ALARM, POLL_ALARM, RETRY_ALARM } from '@/entrypoints/background/alarm-names';
import { LOGIN_NEEDED_COLOR } from '@/lib/badge';
import type { Order } from '@/lib/orders/model';
import type { Outcome } from '@/lib/sources/outcome';
import type { QueryResult } from '@/lib/sources/12306/client';
import { LOGIN_PAGE_URL, PAY_PAGE_URL } from '@/lib/sources/12306/endpoints';
import {
  quietOrdersItem,
  sentAlertsItem,
  settingsItem,
  snapshot12306Item,
  snapshotWaitlistItem,
} from '@/lib/storage/items';
import { DEFAULT_SETTINGS } from '@/lib/settings/defaults';
import { sampleFromServerMillis } from '@/lib/time/clock';
import { nextPollAt } from '@/lib/schedule/next-poll';
import { ALERT_ALARM_PREFIX, isAlertAlarm } from '@/lib/schedule/alert-wakeups';
import { COOKIE_SETTLE_MS } from '@/lib/schedule/cookie-trigger';
import { manualTimers } from '../helpers/timers';

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
  const sources = [{ id: '12306' as const, item: snapshot12306Item, query, browserSession: true }];
  const clock = manualTimers(() => now);
  const start = () => createBackground({ sources, now: () => now, locale: 'zh', timers: clock.timers });
  const background = start();
  return {
    background,
    query,
    clock,
    reply(outcome: Outcome, clockSample: QueryResult['clockSample'] = null) {
      replies.push({ outcome, clockSample });
    },
    setNow(value: number) {
      now = value;
    },
    restart: start,
  };
}

const alarmNames = async () => (await fakeBrowser.alarms.getAll()).map((alarm) => alarm.name).sort();
const alarmTime = async (name: string) => (await fakeBrowser.alarms.get(name))?.scheduledTime;
/** When the alarms for alerts wake the background, earliest first. */
const wakeups = async () =>
  (await fakeBrowser.alarms.getAll())
    .filter((alarm) => isAlertAlarm(alarm.name))
    .map((alarm) => alarm.scheduledTime)
    .sort((a, b) => a - b);
const wakeupAlarm = (at: number) => `${ALERT_ALARM_PREFIX}${at}`;
const HOME_PAGE = 'https://kyfw.12306.cn/otn/view/index.html';
const cookie = (name: string, domain = 'kyfw.12306.cn', path = '/otn') =>
  ({
    name,
    domain,
    value: 'x',
    path,
    hostOnly: !domain.startsWith('.'),
    httpOnly: false,
    secure: false,
    session: true,
    storeId: '0',
  }) as never;
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

    expect(await wakeups()).toEqual([deadline - 10 * MINUTE, deadline - 5 * MINUTE, deadline - MINUTE, deadline]);
    expect(await alarmTime(POLL_ALARM)).toBe(T0 + MINUTE);
    expect(await badgeText()).toBe('30');
    // Every alert is more than 30 s away, so the alarms will do for them. The badge's next change
    // is a second away, which a packed Chrome's alarm could show 30 s late: that one is timed too.
    expect(world.clock.pendingAt()).toEqual([T0 + 1000]);
    world.setNow(T0 + 1000);
    world.clock.runDue();
    await vi.waitFor(async () => expect(await badgeText()).toBe('29'));
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
    expect(await wakeups()).toContain(deadline - 10 * MINUTE);
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
    await world.background.onAlarm({ name: wakeupAlarm(deadline - 10 * MINUTE) });
    const shown = await fakeBrowser.notifications.getAll();
    expect(Object.keys(shown)).toEqual([name]);
    expect(shown[name]!.title).toBe('还剩 10 分钟支付');
    // The alarm that fired is gone; the next few instants hold one each.
    expect(await wakeups()).toEqual([deadline - 5 * MINUTE, deadline - MINUTE, deadline]);

    await fakeBrowser.notifications.clear(name);
    await world.restart().onAlarm({ name: wakeupAlarm(deadline - 10 * MINUTE) });
    expect(await notificationIds()).toEqual([]);
  });

  it('fires an alarm an older version named by its alert id, then plans by instant instead', async () => {
    world.reply({ kind: 'unpaid', orders: [order] });
    await world.background.check();
    await fakeBrowser.notifications.clear(`found|${key}`);
    const legacy = `remind|10|${deadline}|${key}`;
    await fakeBrowser.alarms.create(legacy, { when: deadline - 10 * MINUTE });

    world.setNow(deadline - 10 * MINUTE);
    await world.restart().onAlarm({ name: legacy });
    expect(await notificationIds()).toEqual([legacy]);
    expect((await alarmNames()).filter((name) => name.includes('|') && !isAlertAlarm(name))).toEqual([]);
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
      [BADGE_ALARM, POLL_ALARM, wakeupAlarm(deadline - MINUTE), wakeupAlarm(deadline)].sort(),
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
    expect(await wakeups()).toContain(deadline - 10 * MINUTE);

    await fakeBrowser.notifications.clear(`loginExpired|${key}`);
    world.reply({ kind: 'loggedOut', detail: 'redirected to login' });
    await world.background.check();
    expect(await notificationIds()).toEqual([`found|${key}`]);
  });

  describe('noticing a login', () => {
    const set = (name: string, domain?: string, path?: string) =>
      world.background.onCookieChanged({ removed: false, cause: 'explicit', cookie: cookie(name, domain, path) });
    /** Lets the clock run on by `ms`, firing the timers due, and waits for what they started. */
    const after = async (ms: number) => {
      world.setNow(T0 + (elapsed += ms));
      world.clock.runDue();
      await new Promise((resolve) => setTimeout(resolve, 20));
    };
    let elapsed = 0;

    beforeEach(async () => {
      elapsed = 0;
      world.reply({ kind: 'loggedOut', detail: 'redirected to login' });
      await world.background.check();
      world.query.mockClear();
    });

    it('checks once a login cookie burst settles, and ignores other cookies', async () => {
      await set('RAIL_DEVICEID');
      await set('tk', 'example.com');
      await set('tk', '.kyfw.12306.cn.evil.test');
      await set('tk', 'kyfw.12306.cn', '/passport');
      await after(5_000);
      expect(world.query).not.toHaveBeenCalled();

      world.reply({ kind: 'unpaid', orders: [order] });
      await set('JSESSIONID');
      await set('tk');
      await after(1_000);
      expect(world.query).not.toHaveBeenCalled();
      await after(600);
      await vi.waitFor(() => expect(world.query).toHaveBeenCalledTimes(1));
      await vi.waitFor(async () => expect((await snapshot12306Item.get()).orders).toEqual([order]));
    });

    it.each([
      ['host-only', 'kyfw.12306.cn', '/otn'],
      ['Domain=12306.cn', '.12306.cn', '/otn'],
      ['Domain=.kyfw.12306.cn', '.kyfw.12306.cn', '/'],
      ['host-only, path /', 'kyfw.12306.cn', '/'],
    ])('takes a session cookie set %s as a login', async (_name, domain, path) => {
      world.reply({ kind: 'none', orders: [] });
      await set('tk', domain, path);
      await after(COOKIE_SETTLE_MS);
      await vi.waitFor(() => expect(world.query).toHaveBeenCalledTimes(1));
    });

    it('never lets cookie changes drive more than one check per 10 s after a short burst, nor drops the last', async () => {
      for (let i = 0; i < 30; i++) world.reply({ kind: 'loggedOut', detail: 'redirected to login' });
      // A page script sets tk every second for 30 s.
      for (let second = 0; second < 30; second++) {
        await set('tk');
        await after(1_000);
      }
      await after(15_000);
      // 3 at once, then one per 10 s: at most 3 + 4 in 45 s, and the last change was looked at.
      const calls = world.query.mock.calls.length;
      expect(calls).toBeGreaterThanOrEqual(4);
      expect(calls).toBeLessThanOrEqual(7);
      expect(world.clock.pendingAt()).toEqual([]);
    });

    it('checks once when a login shows in both cookies and the page it lands on', async () => {
      world.reply({ kind: 'unpaid', orders: [order] });
      await set('tk');
      await world.background.onPageLoaded(HOME_PAGE);
      expect(world.query).toHaveBeenCalledTimes(1);
      await after(5_000);
      expect(world.query).toHaveBeenCalledTimes(1);
      expect(world.clock.pendingAt()).toEqual([]);
    });

    it('looks at the login when a 12306 page loads while logged out, at most once per 10 s', async () => {
      // The login page is where nobody is logged in yet: no sign, and the token is kept.
      await world.background.onPageLoaded(`${LOGIN_PAGE_URL}?type=1`);
      expect(world.query).not.toHaveBeenCalled();
      world.reply({ kind: 'loggedOut', detail: 'redirected to login' });
      await world.background.onPageLoaded(HOME_PAGE);
      expect(world.query).toHaveBeenCalledTimes(1);
      for (let load = 0; load < 5; load++) {
        await after(1_500);
        await world.background.onPageLoaded(HOME_PAGE);
      }
      expect(world.query).toHaveBeenCalledTimes(1);
      await after(3_000);
      world.reply({ kind: 'unpaid', orders: [order] });
      await world.background.onPageLoaded(HOME_PAGE);
      expect(world.query).toHaveBeenCalledTimes(2);

      // Logged in now: a page load is no reason to ask.
      await after(30_000);
      await world.background.onPageLoaded(HOME_PAGE);
      expect(world.query).toHaveBeenCalledTimes(2);
    });
  });

  it('checks after a session cookie is removed while logged in, not when one is replaced', async () => {
    world.reply({ kind: 'unpaid', orders: [order] });
    await world.background.check();
    world.query.mockClear();
    const tk = cookie('tk');
    await world.background.onCookieChanged({ removed: true, cause: 'overwrite', cookie: tk });
    await world.background.onPageLoaded(HOME_PAGE);
    world.setNow(T0 + 5_000);
    world.clock.runDue();
    expect(world.query).not.toHaveBeenCalled();

    world.reply({ kind: 'loggedOut', detail: 'redirected to login' });
    await world.background.onCookieChanged({ removed: true, cause: 'explicit', cookie: tk });
    world.setNow(T0 + 10_000);
    world.clock.runDue();
    await vi.waitFor(async () => expect((await snapshot12306Item.get()).status).toBe('loggedOut'));
  });

  describe('with a travel agent’s 1,000 unpaid orders', () => {
    const many = Array.from({ length: 1000 }, (_, i) =>
      unpaidOrder(`E${String(100000000 + i)}`, T0 + 15 * MINUTE + Math.floor(i / 2) * 1000),
    );
    const firstKey = `12306:${many[0]!.id}`;

    it('uses a handful of alarms, polling and the badge among them', async () => {
      world.reply({ kind: 'unpaid', orders: many });
      await world.background.check();
      const names = await alarmNames();
      expect(names.length).toBeLessThanOrEqual(6);
      expect(names).toEqual(expect.arrayContaining([POLL_ALARM, BADGE_ALARM]));
      expect(await alarmTime(POLL_ALARM)).toBe(T0 + MINUTE);
      expect(await wakeups()).toEqual([0, 1, 2, 3].map((s) => T0 + 5 * MINUTE + s * 1000));
      expect(await badgeText()).toBe('15');
    });

    it('keeps polling and the badge when the browser refuses to create an alarm', async () => {
      const create = fakeBrowser.alarms.create.bind(fakeBrowser.alarms);
      const refused = vi
        .spyOn(fakeBrowser.alarms, 'create')
        .mockImplementation(async (...args: Parameters<typeof create>) => {
          if (typeof args[0] === 'string' && isAlertAlarm(args[0])) throw new Error('too many alarms');
          return create(...args);
        });
      const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
      try {
        world.reply({ kind: 'unpaid', orders: many });
        await world.background.check();
        expect(await alarmTime(POLL_ALARM)).toBe(T0 + MINUTE);
        expect(await alarmNames()).toContain(BADGE_ALARM);
        expect(await badgeText()).toBe('15');
        expect(await notificationIds()).toContain(`found|${firstKey}`);
        // A restart plans again, as far as the browser lets it.
        await world.restart().wake();
        expect(await alarmTime(POLL_ALARM)).toBe(T0 + MINUTE);
      } finally {
        refused.mockRestore();
        logged.mockRestore();
      }
    });

    it('shows reminders a second apart each on its second, by timer between the alarms', async () => {
      world.reply({ kind: 'unpaid', orders: many.slice(0, 20) });
      await world.background.check();
      await fakeBrowser.notifications.clear(`found|${firstKey}`);
      // Reminders: 10 orders, two per second, their 10-minute reminders from T0 + 5 min on.
      const first = T0 + 5 * MINUTE;
      world.setNow(first);
      await world.background.onAlarm({ name: wakeupAlarm(first) });
      expect(await notificationIds()).toEqual(
        many
          .slice(0, 2)
          .map((o) => `remind|10|${o.deadline}|12306:${o.id}`)
          .sort(),
      );
      for (let second = 1; second < 10; second++) {
        // The next instant is a second away: far under Chrome's 30 s alarm floor, so it is timed.
        expect(world.clock.pendingAt()[0]).toBe(first + second * 1000);
        world.setNow(first + second * 1000);
        world.clock.runDue();
        const pair = many.slice(2 * second, 2 * second + 2).map((o) => `remind|10|${o.deadline}|12306:${o.id}`);
        await vi.waitFor(async () => expect(await notificationIds()).toEqual(expect.arrayContaining(pair)));
      }
      expect(Object.keys(await sentAlertsItem.get()).filter((id) => id.startsWith('remind|10|'))).toHaveLength(20);
    });
  });

  it('leaves a poll alarm to retry, and keeps the worker alive, while a check is under way', async () => {
    world.reply({ kind: 'none', orders: [] });
    await world.background.check();
    expect(await alarmTime(POLL_ALARM)).toBe(T0 + 5 * MINUTE);

    // The next check hangs, as a long venue round would: should the browser stop the background
    // now, the poll alarm starts it again well before the next regular poll.
    world.setNow(T0 + 5 * MINUTE);
    let release!: () => void;
    world.query.mockImplementationOnce(
      () =>
        new Promise<QueryResult>((resolve) => {
          release = () => resolve({ outcome: { kind: 'none', orders: [] }, clockSample: null });
        }),
    );
    const platformInfo = vi.spyOn(fakeBrowser.runtime, 'getPlatformInfo').mockResolvedValue({} as never);
    const check = world.background.check();
    await vi.waitFor(() => expect(world.query).toHaveBeenCalledTimes(2));
    expect(await alarmTime(RETRY_ALARM)).toBe(T0 + 5 * MINUTE + CHECK_RETRY_MS);
    for (let beat = 1; beat <= 3; beat++) {
      world.setNow(T0 + 5 * MINUTE + beat * KEEP_ALIVE_MS);
      world.clock.runDue();
    }
    expect(platformInfo).toHaveBeenCalledTimes(3);

    release();
    await check;
    // Settled: polling as planned, and no more keep-alive.
    expect(await alarmTime(POLL_ALARM)).toBe(T0 + 5 * MINUTE + 3 * KEEP_ALIVE_MS + 5 * MINUTE);
    expect(await alarmNames()).not.toContain(RETRY_ALARM);
    expect(world.clock.pendingAt()).toEqual([]);
    platformInfo.mockRestore();
  });

  it('never has two queries in flight, and a check asked for during a round gets one round after it', async () => {
    let release!: () => void;
    let inFlight = 0;
    let most = 0;
    world.query.mockImplementation(async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise<void>((resolve) => (release = resolve));
      inFlight -= 1;
      return { outcome: { kind: 'none', orders: [] }, clockSample: null };
    });
    const first = world.background.check();
    await vi.waitFor(() => expect(world.query).toHaveBeenCalledTimes(1));
    // Asked while the first round waits for 12306: all three share the round after it.
    const second = world.background.check();
    const third = world.background.check({ kind: 'login' });
    const fourth = world.background.check({ kind: 'due' });
    release();
    await vi.waitFor(() => expect(world.query).toHaveBeenCalledTimes(2));
    release();
    await Promise.all([first, second, third, fourth]);
    expect(world.query).toHaveBeenCalledTimes(2);
    expect(most).toBe(1);
  });

  it('a Refresh during a round that already heard "logged out" asks 12306 again after it', async () => {
    // The user logs in while a round is waiting on 12306's "logged out", then presses Refresh.
    let release!: () => void;
    world.query.mockImplementationOnce(
      () =>
        new Promise<QueryResult>((resolve) => {
          release = () => resolve({ outcome: { kind: 'loggedOut', detail: 'redirected to login' }, clockSample: null });
        }),
    );
    const round = world.background.check({ kind: 'login' });
    await vi.waitFor(() => expect(world.query).toHaveBeenCalledTimes(1));
    world.reply({ kind: 'unpaid', orders: [order] });
    const own = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') };
    const refreshed = world.background.onMessage({ type: 'refresh' }, own);
    release();
    await round;
    await expect(refreshed).resolves.toEqual({ ok: true });
    expect(world.query).toHaveBeenCalledTimes(2);
    expect((await snapshot12306Item.get()).status).toBe('ok');
    expect((await snapshot12306Item.get()).orders).toEqual([order]);
  });

  it('plans alarms on the server clock learned from replies', async () => {
    const ahead = 5 * MINUTE;
    // 12306's clock reads T0 + 5 min while ours reads T0.
    world.reply({ kind: 'unpaid', orders: [order] }, sampleFromServerMillis(T0 + ahead, T0, T0));
    await world.background.check();
    expect(await wakeups()).toContain(deadline - 10 * MINUTE - ahead);
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
    it('plans reminders at the thresholds the user chose, and re-plans when they change', async () => {
      await settingsItem.set({ ...DEFAULT_SETTINGS, reminderMinutes: [15, 3] });
      world.reply({ kind: 'unpaid', orders: [order] });
      await world.background.check();
      expect(await wakeups()).toEqual([deadline - 15 * MINUTE, deadline - 3 * MINUTE, deadline]);

      // 12 minutes left: a new 20-minute threshold has passed already and is not announced late.
      world.setNow(deadline - 12 * MINUTE);
      await settingsItem.set({ ...DEFAULT_SETTINGS, reminderMinutes: [20, 2] });
      await world.background.onSettingsChanged();
      expect(await wakeups()).toEqual([deadline - 2 * MINUTE, deadline]);
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
      await world.background.onAlarm({ name: wakeupAlarm(deadline - 10 * MINUTE) });
      expect((await fakeBrowser.notifications.getAll())[`remind|10|${deadline}|${key}`]!.message).toContain('杨赟');
    });
  });

  describe('muting and snoozing an order', () => {
    const own = () => ({ id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/popup.html') });

    beforeEach(async () => {
      world.reply({ kind: 'unpaid', orders: [order] });
      await world.background.check();
    });

    it('mutes reminders from the popup, keeps the deadline alarm, and turns them back on', async () => {
      await expect(
        world.background.onMessage({ type: 'silence', orderKey: key, action: 'mute' }, own()),
      ).resolves.toEqual({ ok: true });
      expect(await wakeups()).toEqual([deadline]);

      await world.background.onMessage({ type: 'silence', orderKey: key, action: 'unmute' }, own());
      expect(await wakeups()).toHaveLength(4);
    });

    it('snoozes from a notification button and reminds again when the snooze ends', async () => {
      world.setNow(deadline - 10 * MINUTE);
      const tenMinutes = `remind|10|${deadline}|${key}`;
      await world.background.onAlarm({ name: wakeupAlarm(deadline - 10 * MINUTE) });
      await world.background.onNotificationButtonClicked(tenMinutes, 0);
      expect(await notificationIds()).toEqual([`found|${key}`]);
      // Five minutes of quiet, then "5 minutes left" as planned.
      expect(await wakeups()).toEqual([deadline - 5 * MINUTE, deadline - MINUTE, deadline]);
      expect(await quietOrdersItem.get()).toEqual({ [key]: { kind: 'snoozed', until: deadline - 5 * MINUTE } });
    });

    it('mutes from the second notification button', async () => {
      await world.background.onNotificationButtonClicked(`remind|10|${deadline}|${key}`, 1);
      expect(await wakeups()).toEqual([deadline]);
    });

    it('ignores requests for unknown orders and from web pages', async () => {
      await world.background.onMessage({ type: 'silence', orderKey: '12306:E000', action: 'mute' }, own());
      const page = { id: fakeBrowser.runtime.id, url: 'https://kyfw.12306.cn/otn/view/index.html', tab: { id: 1 } };
      expect(
        world.background.onMessage({ type: 'silence', orderKey: key, action: 'mute' }, page as never),
      ).toBeUndefined();
      expect(world.background.onMessage({ type: 'silence', orderKey: key, action: 'delete' }, own())).toBeUndefined();
      expect(await quietOrdersItem.get()).toEqual({});
      expect(await wakeups()).toHaveLength(4);
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
      expect(await wakeups()).toContain(waitlistOrder.deadline! - 5 * MINUTE);
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

    it('a poll alarm during a round asks the sources due once that round is over', async () => {
      const two = twoSources();
      let release!: () => void;
      two.main.mockImplementationOnce(
        () =>
          new Promise<QueryResult>((resolve) => {
            release = () => resolve({ outcome: { kind: 'none', orders: [] }, clockSample: null });
          }),
      );
      const round = two.background.check({ kind: 'named', keys: new Set(['12306']) });
      await vi.waitFor(() => expect(two.main).toHaveBeenCalledTimes(1));
      // The waitlist was never checked, so it is due; the alarm fires while the round runs.
      two.reply(two.waitlistReplies, { kind: 'none', orders: [] });
      const alarm = two.background.onAlarm({ name: POLL_ALARM });
      release();
      await Promise.all([round, alarm]);
      expect(two.waitlist).toHaveBeenCalledTimes(1);
      expect(two.main).toHaveBeenCalledTimes(1);
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
