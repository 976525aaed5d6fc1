import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { Browser } from 'wxt/browser';
import { createOverlayService, isOverlaySender, TOGGLE_LIMIT } from '@/entrypoints/background/overlay';
import { nearestDue } from '@/lib/overlay/due';
import {
  overlayPushSchema,
  overlayRequestSchema,
  overlaySummarySchema,
  type OverlayOrder,
} from '@/lib/messaging/overlay';
import { overlayViewItem, settingsItem, snapshot12306Item } from '@/lib/storage/items';
import { DEFAULT_SETTINGS } from '@/lib/settings/defaults';
import { makeOrder, makeSnapshot } from '../helpers/orders';
import {
  makeOverlayOrder as order,
  makeOverlaySummary as summary,
  ORDERS_PAGE,
  OVERLAY_DEADLINE,
} from '../helpers/overlay';

const MINUTE = 60_000;
// Ten minutes before the default order is due.
const NOW = OVERLAY_DEADLINE - 10 * MINUTE;

describe('overlay messages', () => {
  it('accept the overlay’s two requests and nothing else', () => {
    expect(overlayRequestSchema.safeParse({ type: 'overlay.get' }).success).toBe(true);
    expect(overlayRequestSchema.safeParse({ type: 'overlay.setCollapsed', collapsed: false }).success).toBe(true);
    for (const bad of [
      { type: 'refresh' },
      { type: 'overlay.setCollapsed' },
      { type: 'overlay.setCollapsed', collapsed: 'yes' },
      { type: 'overlay.summary', summary: summary([]) },
      'overlay.get',
      null,
    ]) {
      expect(overlayRequestSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('accept a push with a valid summary only', () => {
    expect(overlayPushSchema.safeParse({ type: 'overlay.summary', summary: summary([order()]) }).success).toBe(true);
    for (const bad of [
      { type: 'overlay.summary' },
      { type: 'overlay.get', summary: summary([]) },
      { type: 'overlay.summary', summary: { ...summary([]), offsetMs: '0' } },
      { type: 'overlay.summary', summary: summary([order({ payUrl: 'javascript:alert(1)' })]) },
      { type: 'overlay.summary', summary: summary([order({ state: 'paid' as 'unpaid' })]) },
      { type: 'overlay.summary', summary: summary([order({ source: 'elsewhere' as '12306' })]) },
      { type: 'overlay.summary', summary: summary([{ ...order(), deadline: undefined as unknown as null }]) },
    ]) {
      expect(overlayPushSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('drop fields a summary does not have', () => {
    const parsed = overlaySummarySchema.parse(summary([{ ...order(), passengers: ['张三'] } as OverlayOrder]));
    expect(parsed.orders[0]).not.toHaveProperty('passengers');
  });
});

describe('nearestDue', () => {
  it('is the unpaid order with the nearest deadline still ahead', () => {
    const orders = [
      order({ key: 'past', deadline: NOW - 1 }),
      order({ key: 'queuing', state: 'queuing', deadline: null }),
      order({ key: 'unknown', deadline: null }),
      order({ key: 'later', deadline: NOW + 20 * MINUTE }),
      order({ key: 'sooner', deadline: NOW + 5 * MINUTE }),
    ];
    expect(nearestDue(summary(orders), NOW)?.order?.key).toBe('sooner');
  });

  it('follows the server clock', () => {
    const orders = [order({ key: 'a', deadline: NOW + 1_000 }), order({ key: 'b', deadline: NOW + 3 * MINUTE })];
    expect(nearestDue(summary(orders), NOW)?.order?.key).toBe('a');
    // The server is two seconds ahead: its deadline a has already passed.
    expect(nearestDue(summary(orders, { offsetMs: 2_000 }), NOW)?.order?.key).toBe('b');
  });

  it('is the other sources’ deadline, with no order, when theirs is nearer', () => {
    const others = { count: 2, deadline: NOW + 5 * MINUTE };
    expect(nearestDue(summary([order()], { others }), NOW)).toEqual({ deadline: NOW + 5 * MINUTE, order: null });
    expect(nearestDue(summary([], { others }), NOW)).toEqual({ deadline: NOW + 5 * MINUTE, order: null });
    // A 12306 order as near, or a deadline of theirs already passed or unknown: the 12306 order shows.
    for (const deadline of [NOW + 10 * MINUTE, NOW, null]) {
      expect(nearestDue(summary([order()], { others: { count: 2, deadline } }), NOW)?.order?.key).toBe('12306:E1');
    }
  });

  it('is null when nothing is due or the overlay is off', () => {
    expect(nearestDue(summary([], { others: { count: 1, deadline: NOW - 1 } }), NOW)).toBeNull();
    expect(nearestDue(summary([], { others: { count: 1, deadline: null } }), NOW)).toBeNull();
    expect(nearestDue(summary([], { enabled: false, others: { count: 1, deadline: NOW + MINUTE } }), NOW)).toBeNull();
    expect(nearestDue(summary([]), NOW)).toBeNull();
    expect(nearestDue(summary([order({ deadline: NOW })]), NOW)).toBeNull();
    expect(nearestDue(summary([order({ state: 'queuing', deadline: null })]), NOW)).toBeNull();
    expect(nearestDue(summary([order()], { enabled: false }), NOW)).toBeNull();
  });
});

describe('the background’s overlay side', () => {
  const contentScript = (url = ORDERS_PAGE): Browser.runtime.MessageSender => ({
    id: fakeBrowser.runtime.id,
    url,
    tab: { id: 7, index: 0, url } as Browser.tabs.Tab,
    frameId: 0,
  });

  beforeEach(async () => {
    await snapshot12306Item.set(
      makeSnapshot({ status: 'ok', orders: [makeOrder({ id: 'E1', deadline: NOW + 10 * MINUTE })] }),
    );
  });

  it('answers only this extension’s content scripts on 12306 pages', () => {
    expect(isOverlaySender(contentScript())).toBe(true);
    expect(isOverlaySender(contentScript('https://kyfw.12306.cn/otn/leftTicket/init#x'))).toBe(true);
    for (const sender of [
      { ...contentScript(), id: 'another-extension' },
      { ...contentScript(), tab: undefined }, // an extension page, not a content script
      contentScript('http://kyfw.12306.cn/otn/view/train_order.html'),
      contentScript('https://kyfw.12306.cn.example.com/'),
      contentScript('https://www.12306.cn/index/'),
      contentScript('chrome-extension://abc/popup.html'),
      contentScript('not a url'),
      { id: fakeBrowser.runtime.id },
    ]) {
      expect(isOverlaySender(sender), JSON.stringify(sender)).toBe(false);
    }
  });

  it('answers overlay.get with the summary, and ignores other messages and senders', async () => {
    const service = createOverlayService([snapshot12306Item]);
    const reply = await service.onMessage({ type: 'overlay.get' }, contentScript());
    expect(reply).toMatchObject({ enabled: true, collapsed: true, orders: [{ key: '12306:E1' }] });
    expect(service.onMessage({ type: 'refresh' }, contentScript())).toBeUndefined();
    expect(service.onMessage({ type: 'overlay.get' }, { ...contentScript(), id: 'other' })).toBeUndefined();
    expect(
      service.onMessage(
        { type: 'overlay.get' },
        { id: fakeBrowser.runtime.id, url: 'chrome-extension://x/popup.html' },
      ),
    ).toBeUndefined();
  });

  it('tells the background a 12306 page started, only for overlay.get from a 12306 page', async () => {
    const onPageStart = vi.fn();
    const service = createOverlayService([snapshot12306Item], { onPageStart });
    await service.onMessage({ type: 'overlay.get' }, contentScript());
    expect(onPageStart).toHaveBeenCalledWith(contentScript().url);
    await service.onMessage({ type: 'overlay.setCollapsed', collapsed: false }, contentScript());
    await service.onMessage({ type: 'overlay.get' }, { ...contentScript(), id: 'other' });
    await service.onMessage({ type: 'overlay.get' }, contentScript('https://www.12306.cn/index/'));
    await service.onMessage(
      { type: 'overlay.get' },
      { id: fakeBrowser.runtime.id, url: 'chrome-extension://x/popup.html' },
    );
    expect(onPageStart).toHaveBeenCalledTimes(1);
  });

  it('remembers the collapsed choice', async () => {
    const service = createOverlayService([snapshot12306Item]);
    const reply = await service.onMessage({ type: 'overlay.setCollapsed', collapsed: false }, contentScript());
    expect(reply?.collapsed).toBe(false);
    expect(await overlayViewItem.get()).toEqual({ collapsed: false });
  });

  it('takes a burst of toggles, then drops them until the limit refills, answering the stored view', async () => {
    let now = NOW;
    const service = createOverlayService([snapshot12306Item], { now: () => now });
    const set = vi.spyOn(overlayViewItem, 'set');
    const toggle = (collapsed: boolean) =>
      service.onMessage({ type: 'overlay.setCollapsed', collapsed }, contentScript());
    for (let i = 0; i < TOGGLE_LIMIT.capacity; i++) await toggle(i % 2 === 0);
    expect(set).toHaveBeenCalledTimes(TOGGLE_LIMIT.capacity);
    const stored = await overlayViewItem.get();

    // A page clicking in a loop: no more writes, and each answer is what is stored.
    for (let i = 0; i < 50; i++) expect((await toggle(!stored.collapsed))?.collapsed).toBe(stored.collapsed);
    expect(set).toHaveBeenCalledTimes(TOGGLE_LIMIT.capacity);
    expect(await overlayViewItem.get()).toEqual(stored);

    now += TOGGLE_LIMIT.refillMs;
    expect((await toggle(!stored.collapsed))?.collapsed).toBe(!stored.collapsed);
    expect(set).toHaveBeenCalledTimes(TOGGLE_LIMIT.capacity + 1);
    set.mockRestore();
  });

  it('pushes the new summary to every 12306 tab when orders, settings or the view change', async () => {
    const query = vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 1 }, { id: 2 }] as Browser.tabs.Tab[]);
    const sent: [number, unknown][] = [];
    fakeBrowser.tabs.sendMessage = vi.fn(async (tabId: number, message: unknown) => {
      sent.push([tabId, message]);
      // A tab without the content script: the push to it fails, and the others still get theirs.
      if (tabId === 1) throw new Error('Could not establish connection. Receiving end does not exist.');
    }) as unknown as typeof fakeBrowser.tabs.sendMessage;
    const stop = createOverlayService([snapshot12306Item]).watch();
    const pushed = async (count: number) => {
      await vi.waitFor(() => expect(sent).toHaveLength(count));
      const last = sent.at(-1)![1];
      return overlayPushSchema.parse(last).summary;
    };

    await settingsItem.set({ ...DEFAULT_SETTINGS, overlay: false });
    expect(await pushed(2)).toMatchObject({ enabled: false, orders: [] });
    expect(query).toHaveBeenCalledWith({ url: 'https://kyfw.12306.cn/*' });

    await settingsItem.set(DEFAULT_SETTINGS);
    expect((await pushed(4)).orders).toHaveLength(1);

    await overlayViewItem.set({ collapsed: false });
    expect((await pushed(6)).collapsed).toBe(false);

    await snapshot12306Item.set(makeSnapshot({ status: 'ok', orders: [] }));
    expect((await pushed(8)).orders).toEqual([]);

    // A rewrite that changes nothing the overlay shows is not pushed again.
    await snapshot12306Item.set(makeSnapshot({ status: 'ok', orders: [], checkedAt: NOW }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sent).toHaveLength(8);
    stop();
  });
});
