import { describe, expect, it } from 'vitest';
import { alertId, type Alert } from '@/lib/alerts/alert-id';
import { describeOrder, noticeForTimedAlert, noticesForEvents, type NoticeContext } from '@/lib/alerts/notices';
import type { Locale } from '@/lib/i18n/messages';
import { orderKey } from '@/lib/orders/model';
import { LOGIN_PAGE_URL } from '@/lib/sources/12306/endpoints';
import type { WatchEvent } from '@/lib/snapshots/apply-outcome';
import { DEADLINE, makeOrder, makeQueuingOrder, makeSnapshot } from '../helpers/orders';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const LOCALES: Locale[] = ['zh', 'en'];

// Deadline 14:57:09 Beijing; departure 03-25 06:36 Beijing. Passengers 张三 and 李四.
const order = makeOrder({ id: 'E111', payUrl: 'https://kyfw.12306.cn/otn/view/train_order.html#E111' });
const other = makeOrder({
  id: 'E222',
  title: 'D5',
  route: '南京南 → 杭州东',
  deadline: DEADLINE + 20 * MINUTE,
  passengers: ['王五'],
});
const NAMES = ['张三', '李四', '王五'];

const context = (overrides: Partial<NoticeContext> = {}): NoticeContext => ({
  locale: 'zh',
  clock: { offsetMs: 0 },
  sent: {},
  now: DEADLINE - 12 * MINUTE - 34 * SECOND,
  ...overrides,
});

const foundId = (o = order) => alertId({ kind: 'found', orderKey: orderKey(o) });
const goneId = (o = order) => alertId({ kind: 'gone', orderKey: orderKey(o) });
const loginId = (o = order) => alertId({ kind: 'loginExpired', orderKey: orderKey(o) });

const expectNoNames = (text: string) => {
  for (const name of NAMES) expect(text).not.toContain(name);
};

describe('describeOrder', () => {
  it('names the train, the route and the Beijing departure time', () => {
    expect(describeOrder(order, 'zh')).toBe('G101 北京南 → 上海虹桥 · 03-25 06:36 开');
    expect(describeOrder(order, 'en')).toBe('G101 北京南 → 上海虹桥 · departs 03-25 06:36');
  });

  it('leaves out what the order does not have', () => {
    expect(describeOrder(makeOrder({ route: null, departure: null }), 'en')).toBe('G101');
  });

  it('gives a scenic-area ticket its visit day, not a departure time', () => {
    const ticket = makeOrder({
      source: 'ticket-system',
      title: '黄山风景区门票2张',
      route: null,
      departure: order.departure,
    });
    expect(describeOrder(ticket, 'zh')).toBe('黄山风景区门票2张 · 03-25 入园');
    expect(describeOrder(ticket, 'en')).toBe('黄山风景区门票2张 · visit 03-25');
  });
});

describe('noticesForEvents', () => {
  it('builds one notice per found and gone event, with the alert id as notice id', () => {
    const events: WatchEvent[] = [
      { kind: 'found', order },
      { kind: 'gone', order: other },
    ];
    const notices = noticesForEvents(events, context());
    expect(notices.map((notice) => notice.id)).toEqual([foundId(order), goneId(other)]);
    expect(notices.map((notice) => notice.alertIds)).toEqual([[foundId(order)], [goneId(other)]]);
    expect(notices.map((notice) => notice.url)).toEqual([order.payUrl, other.payUrl]);
  });

  it('skips events whose alert is in the sent log', () => {
    const events: WatchEvent[] = [
      { kind: 'found', order },
      { kind: 'found', order: other },
      { kind: 'gone', order },
    ];
    const sent = { [foundId(order)]: 1, [goneId(order)]: 2 };
    expect(noticesForEvents(events, context({ sent })).map((notice) => notice.id)).toEqual([foundId(other)]);
  });

  it.each(LOCALES)('found notice (%s) gives minutes left rounded up, train, route and Beijing deadline', (locale) => {
    const [notice] = noticesForEvents([{ kind: 'found', order }], context({ locale }));
    // 12:34 left reads as 13 minutes.
    expect(notice!.title).toMatch(/(^|\D)13(\D|$)/);
    expect(notice!.message).toContain('G101');
    expect(notice!.message).toContain('北京南 → 上海虹桥');
    expect(notice!.message).toContain('14:57:09');
    expect(notice!.message).toContain('03-25 06:36');
    expectNoNames(notice!.title + notice!.message);
  });

  it('counts the minutes on the server clock', () => {
    // Locally 12:34 before the deadline, but the server is 5 minutes ahead: 7:34 left, 8 minutes.
    const [notice] = noticesForEvents(
      [{ kind: 'found', order }],
      context({ locale: 'en', clock: { offsetMs: 5 * MINUTE } }),
    );
    expect(notice!.title).toBe('New unpaid order · 8 min left');
  });

  it('says the deadline has passed for an order found after it', () => {
    const [notice] = noticesForEvents(
      [{ kind: 'found', order }],
      context({ locale: 'en', now: DEADLINE + 3 * MINUTE }),
    );
    expect(notice!.title).toBe('Unpaid order found · pay deadline passed');
  });

  it('never says 0 minutes for an order found in its last seconds', () => {
    const [notice] = noticesForEvents(
      [{ kind: 'found', order }],
      context({ locale: 'en', now: DEADLINE - 5 * SECOND }),
    );
    expect(notice!.title).toBe('New unpaid order · 1 min left');
  });

  it.each(LOCALES)('gone notice (%s) names the train and route, not the passengers', (locale) => {
    const [notice] = noticesForEvents([{ kind: 'gone', order }], context({ locale }));
    expect(notice!.message).toContain('G101');
    expect(notice!.message).toContain('北京南 → 上海虹桥');
    expectNoNames(notice!.title + notice!.message);
  });

  it.each(LOCALES)('login-expired notice (%s) counts the orders, covers each one and links to login', (locale) => {
    const notices = noticesForEvents([{ kind: 'loginExpired', orders: [order, other] }], context({ locale }));
    expect(notices).toHaveLength(1);
    const [notice] = notices;
    expect(notice!.alertIds).toEqual([loginId(order), loginId(other)]);
    expect(notice!.id).toBe(loginId(order));
    expect(notice!.url).toBe(LOGIN_PAGE_URL);
    expect(notice!.message).toMatch(/(^|\D)2(\D|$)/);
    const three = noticesForEvents(
      [{ kind: 'loginExpired', orders: [order, other, makeOrder({ id: 'E333' })] }],
      context({ locale }),
    );
    expect(three[0]!.message).toMatch(/(^|\D)3(\D|$)/);
    expect(three[0]!.alertIds).toHaveLength(3);
    expectNoNames(notice!.title + notice!.message);
  });

  it('login-expired notice covers only orders not yet told about, and none when all were', () => {
    const events: WatchEvent[] = [{ kind: 'loginExpired', orders: [order, other] }];
    const partly = noticesForEvents(events, context({ sent: { [loginId(order)]: 1 } }));
    expect(partly.map((notice) => notice.alertIds)).toEqual([[loginId(other)]]);
    expect(partly[0]!.id).toBe(loginId(other));
    const all = noticesForEvents(events, context({ sent: { [loginId(order)]: 1, [loginId(other)]: 1 } }));
    expect(all).toEqual([]);
  });

  it('gives notice ids that differ between events', () => {
    const notices = noticesForEvents(
      [
        { kind: 'found', order },
        { kind: 'gone', order },
        { kind: 'loginExpired', orders: [order] },
      ],
      context(),
    );
    expect(new Set(notices.map((notice) => notice.id)).size).toBe(3);
  });
});

describe('noticeForTimedAlert', () => {
  const snapshot = makeSnapshot({ status: 'ok', orders: [order, other] });
  const remind = (minutes: number, deadline = DEADLINE): Alert => ({
    kind: 'remind',
    orderKey: orderKey(order),
    minutes,
    deadline,
  });
  const due: Alert = { kind: 'due', orderKey: orderKey(order), deadline: DEADLINE };

  it.each(LOCALES)('reminder (%s) gives minutes left rounded up, train, route and Beijing deadline', (locale) => {
    // The alarm fired 300 ms late: 4:59.7 left still reads 5 minutes.
    const notice = noticeForTimedAlert(remind(5), snapshot, context({ locale, now: DEADLINE - 5 * MINUTE + 300 }));
    expect(notice).not.toBeNull();
    expect(notice!.id).toBe(alertId(remind(5)));
    expect(notice!.alertIds).toEqual([alertId(remind(5))]);
    expect(notice!.title).toMatch(/(^|\D)5(\D|$)/);
    expect(notice!.message).toContain('G101');
    expect(notice!.message).toContain('北京南 → 上海虹桥');
    expect(notice!.message).toContain('14:57:09');
    expect(notice!.url).toBe(order.payUrl);
    expectNoNames(notice!.title + notice!.message);
  });

  it('says how long is really left, rounded up, on the server clock', () => {
    const en = (now: number, offsetMs = 0) =>
      noticeForTimedAlert(remind(10), snapshot, context({ locale: 'en', now, clock: { offsetMs } }))?.title;
    expect(en(DEADLINE - 4 * MINUTE - 1)).toBe('5 min left to pay');
    expect(en(DEADLINE - 4 * MINUTE)).toBe('4 min left to pay');
    expect(en(DEADLINE - 10 * MINUTE, 2 * MINUTE)).toBe('8 min left to pay');
  });

  it.each(LOCALES)('deadline notice (%s) names the order', (locale) => {
    const notice = noticeForTimedAlert(due, snapshot, context({ locale, now: DEADLINE }));
    expect(notice!.id).toBe(alertId(due));
    expect(notice!.message).toContain('G101');
    expect(notice!.message).toContain('北京南 → 上海虹桥');
    expectNoNames(notice!.title + notice!.message);
  });

  it('is null when the order is gone', () => {
    const without = makeSnapshot({ status: 'ok', orders: [other] });
    expect(noticeForTimedAlert(remind(5), without, context())).toBeNull();
    expect(noticeForTimedAlert(due, without, context())).toBeNull();
  });

  it('is null when the order is not unpaid', () => {
    const queuing = makeSnapshot({ orders: [makeQueuingOrder({ id: order.id, deadline: DEADLINE })] });
    expect(noticeForTimedAlert(remind(5), queuing, context())).toBeNull();
  });

  it('is null when the deadline changed since the alarm was set', () => {
    expect(noticeForTimedAlert(remind(5, DEADLINE - MINUTE), snapshot, context())).toBeNull();
    expect(noticeForTimedAlert({ ...due, deadline: DEADLINE + MINUTE }, snapshot, context())).toBeNull();
  });

  it('is null when already shown', () => {
    expect(noticeForTimedAlert(remind(5), snapshot, context({ sent: { [alertId(remind(5))]: 1 } }))).toBeNull();
  });

  it('is null for alerts that are not timed', () => {
    expect(noticeForTimedAlert({ kind: 'found', orderKey: orderKey(order) }, snapshot, context())).toBeNull();
    expect(noticeForTimedAlert({ kind: 'gone', orderKey: orderKey(order) }, snapshot, context())).toBeNull();
  });
});

describe('passenger names in notices', () => {
  const events: WatchEvent[] = [
    { kind: 'found', order },
    { kind: 'gone', order: other },
  ];
  const timed: Alert[] = [
    { kind: 'remind', orderKey: orderKey(order), minutes: 10, deadline: DEADLINE },
    { kind: 'due', orderKey: orderKey(order), deadline: DEADLINE },
  ];
  const snapshot = makeSnapshot({ orders: [order] });
  const texts = (overrides: Partial<NoticeContext>) =>
    [
      ...noticesForEvents(events, context(overrides)),
      ...timed.flatMap((alert) => noticeForTimedAlert(alert, snapshot, context(overrides)) ?? []),
    ].map((notice) => `${notice.title} ${notice.message}`);

  it('are left out unless the user turned masking off', () => {
    for (const text of texts({})) expectNoNames(text);
  });

  it('follow the route when the user asked for them', () => {
    const [found, gone, remind, due] = texts({ showPassengers: true });
    expect(found).toContain(`上海虹桥 · ${order.passengers.join('、')} · `);
    expect(gone).toContain('王五');
    expect(remind).toContain(order.passengers.join('、'));
    expect(due).toContain(order.passengers.join('、'));
  });

  it('offer snooze and mute on reminders only', () => {
    const notices = timed.map((alert) => noticeForTimedAlert(alert, snapshot, context()));
    expect(notices.map((notice) => notice?.silenceable ?? false)).toEqual([true, false]);
  });
});

describe('notices for ticket-system orders', () => {
  const ticket = makeOrder({
    source: 'ticket-system',
    accountId: 'acc-1',
    id: '20261202000123',
    title: '黄山风景区门票2张',
    route: null,
    passengers: ['张三'],
    payUrl: 'https://tickets.venue-a.test/',
  });
  const settingsUrl = 'chrome-extension://x/options.html';

  it('says where a settled order went, in the venue words, with its order number and no names', () => {
    const [zh] = noticesForEvents(
      [{ kind: 'gone', order: ticket, status: { zh: '已交割', en: 'Completed' } }],
      context(),
    );
    expect(zh).toMatchObject({ id: goneId(ticket), title: '订单已不再待支付：已交割', url: ticket.payUrl });
    expect(zh!.message).toContain('20261202000123');
    expectNoNames(zh!.message);
    const [en] = noticesForEvents(
      [{ kind: 'gone', order: ticket, status: { zh: '已交割', en: 'Completed' } }],
      context({ locale: 'en' }),
    );
    expect(en!.title).toBe('Order no longer pending: Completed (已交割)');
  });

  it('sends the user to the settings page, not to 12306, when a venue refused the key', () => {
    const [notice] = noticesForEvents([{ kind: 'loginExpired', orders: [ticket] }], context({ settingsUrl }));
    expect(notice).toMatchObject({ title: '票务系统账户验证失败', url: settingsUrl });
    expect(notice!.message).toContain('1');
    expect(notice!.url).not.toBe(LOGIN_PAGE_URL);
  });
});

describe('many orders at once', () => {
  const orders = [0, 1, 2, 3, 4].map((i) =>
    makeOrder({ id: `T${i}`, deadline: DEADLINE + (5 - i) * MINUTE, title: `门票${i}` }),
  );

  it('makes one notice for more than a few new orders, naming the one due first, and covers every alert', () => {
    const notices = noticesForEvents(
      orders.map((o) => ({ kind: 'found', order: o })),
      context(),
    );
    expect(notices).toHaveLength(1);
    expect(notices[0]!.title).toBe('5 个新的待支付订单');
    expect(notices[0]!.message).toContain('门票4');
    expect(notices[0]!.alertIds.sort()).toEqual(orders.map((o) => foundId(o)).sort());
  });

  it('keeps a few separate, and counts only those not yet shown', () => {
    const sent = Object.fromEntries(orders.slice(0, 2).map((o) => [foundId(o), 1]));
    const notices = noticesForEvents(
      orders.map((o) => ({ kind: 'found', order: o })),
      context({ sent }),
    );
    expect(notices.map((n) => n.id)).toEqual(orders.slice(2).map((o) => foundId(o)));
  });

  it('groups many settled orders too, and never a login notice', () => {
    const events: WatchEvent[] = [
      ...orders.map((o): WatchEvent => ({ kind: 'gone', order: o })),
      { kind: 'loginExpired', orders: [order] },
    ];
    const notices = noticesForEvents(events, context({ locale: 'en' }));
    expect(notices.map((n) => n.title)).toEqual(['5 orders no longer pending', '12306 login expired']);
  });
});
