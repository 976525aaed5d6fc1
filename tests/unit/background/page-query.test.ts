import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing';
import { askFromTab, tabsToAsk } from '@/entrypoints/background/page-query';
import { classifyReply, type HttpResult } from '@/lib/sources/12306/classify';
import { classifyWaitlistReply } from '@/lib/sources/12306/waitlist/classify';
import { QUERY_TIMEOUT_MS } from '@/lib/sources/12306/post';
import { busyJson, NOTHING_UNFINISHED_JSON, unpaidOrdersJson } from '../../fixtures/12306/replies';

// The background asks one open 12306 tab to send a query from its page. WXT's fake browser filters
// tabs by exact URL and has no tabs.sendMessage: both are stubbed here, as the browser answers.

const NO_RECEIVER = 'Could not establish connection. Receiving end does not exist.';
const DATE = 'Fri, 01 May 2026 11:40:01 GMT';
const DATE_MS = Date.UTC(2026, 4, 1, 11, 40, 1);
// 2026-05-01 20:00 Beijing: the order's pay deadline.
const PAY_LIMIT = Date.UTC(2026, 4, 1, 12, 0, 0);
const SENT = Date.UTC(2026, 4, 1, 11, 40, 0, 600);
const RECEIVED = SENT + 900;

let nextId = 1;
function tab(overrides: Partial<Browser.tabs.Tab> = {}): Browser.tabs.Tab {
  const id = nextId++;
  return {
    id,
    index: id,
    windowId: 1,
    url: 'https://kyfw.12306.cn/otn/view/index.html',
    active: false,
    pinned: false,
    highlighted: false,
    incognito: false,
    selected: false,
    discarded: false,
    autoDiscardable: true,
    frozen: false,
    groupId: -1,
    lastAccessed: 1_000 * id,
    ...overrides,
  };
}

const UNPAID_REPLY: HttpResult = {
  kind: 'reply',
  status: 200,
  redirected: false,
  url: 'https://kyfw.12306.cn/otn/queryOrder/queryMyOrderNoComplete',
  contentType: 'application/json;charset=UTF-8',
  body: unpaidOrdersJson([{ sequenceNo: 'E400000001', payLimit: PAY_LIMIT }]),
};

type SendMessage = (tabId: number, message: unknown) => Promise<unknown>;

/** Stands in for the fake browser's tabs.sendMessage, which is not implemented (restored after each test). */
function stubSendMessage(implementation: SendMessage = async () => undefined) {
  const spy = vi.spyOn(fakeBrowser.tabs as unknown as { sendMessage: SendMessage }, 'sendMessage');
  return spy.mockImplementation(implementation);
}

/** The open 12306 tabs, and how each answers (by id); a tab with no answer given has no receiver. */
function openTabs(tabs: Browser.tabs.Tab[], answers: Record<number, () => Promise<unknown>>) {
  const query = vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue(tabs);
  const sendMessage = stubSendMessage((tabId) => {
    const answer = answers[tabId];
    return answer ? answer() : Promise.reject(new Error(NO_RECEIVER));
  });
  return { query, sendMessage, askedTabs: () => sendMessage.mock.calls.map(([tabId]) => tabId) };
}

/** A clock that reads `SENT` when the message leaves and `RECEIVED` when its answer is read. */
const twoTicks = () => vi.fn<() => number>().mockReturnValueOnce(SENT).mockReturnValue(RECEIVED);

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('tabsToAsk', () => {
  it('asks the active tab first, then the most recently used', () => {
    const old = tab({ lastAccessed: 100 });
    const recent = tab({ lastAccessed: 300 });
    const active = tab({ active: true, lastAccessed: 50 });
    const middle = tab({ lastAccessed: 200 });
    expect(tabsToAsk([old, recent, active, middle])).toEqual([active.id, recent.id, middle.id, old.id]);
  });

  it('orders the active tabs of several windows by use too', () => {
    const a = tab({ active: true, lastAccessed: 10, windowId: 1 });
    const b = tab({ active: true, lastAccessed: 20, windowId: 2 });
    const c = tab({ lastAccessed: 30 });
    expect(tabsToAsk([a, b, c])).toEqual([b.id, a.id, c.id]);
  });

  it('leaves out discarded tabs and tabs without an id', () => {
    const discarded = tab({ discarded: true, active: true });
    const devtools = tab({ id: undefined, lastAccessed: 999_999 });
    const kept = tab({ lastAccessed: 1 });
    expect(tabsToAsk([discarded, devtools, kept])).toEqual([kept.id]);
    expect(tabsToAsk([discarded, devtools])).toEqual([]);
    expect(tabsToAsk([])).toEqual([]);
  });

  it('leaves out frozen tabs (Chrome), which would not answer until shown', () => {
    const frozen = tab({ frozen: true, active: true });
    const kept = tab();
    expect(tabsToAsk([frozen, kept])).toEqual([kept.id]);
  });

  it('asks a tab that never said when it was used last', () => {
    const unknown = tab({ lastAccessed: undefined as unknown as number });
    const used = tab({ lastAccessed: 5 });
    expect(tabsToAsk([unknown, used])).toEqual([used.id, unknown.id]);
  });

  it('does not reorder the tabs it is given', () => {
    const tabs = [tab({ lastAccessed: 1 }), tab({ lastAccessed: 2 })];
    const ids = tabs.map((t) => t.id);
    tabsToAsk(tabs);
    expect(tabs.map((t) => t.id)).toEqual(ids);
  });
});

describe('askFromTab', () => {
  it('asks only 12306 tabs, with the query’s message, and reads the reply as its own query would', async () => {
    const only = tab();
    const { query, sendMessage } = openTabs([only], {
      [only.id!]: async () => ({ http: UNPAID_REPLY, date: DATE }),
    });
    const classify = vi.fn(classifyReply);
    const result = await askFromTab('orders', classify, twoTicks())();

    expect(query).toHaveBeenCalledExactlyOnceWith({ url: 'https://kyfw.12306.cn/*' });
    expect(sendMessage).toHaveBeenCalledExactlyOnceWith(only.id, { type: '12306.askFromPage', query: 'orders' });
    expect(classify).toHaveBeenCalledExactlyOnceWith(UNPAID_REPLY);
    expect(result).toStrictEqual({
      outcome: classifyReply(UNPAID_REPLY),
      clockSample: { lo: DATE_MS - RECEIVED, hi: DATE_MS + 1000 - SENT, at: RECEIVED },
    });
    expect(result?.outcome.kind).toBe('unpaid');
    expect(result?.outcome).toMatchObject({ orders: [{ id: 'E400000001', deadline: PAY_LIMIT }] });
    expect(result).not.toHaveProperty('askedFrom');
  });

  it('asks for the waitlist with the waitlist’s message and reader', async () => {
    const only = tab();
    const http: HttpResult = { ...UNPAID_REPLY, body: NOTHING_UNFINISHED_JSON };
    const { sendMessage } = openTabs([only], { [only.id!]: async () => ({ http, date: null }) });
    const result = await askFromTab('waitlist', classifyWaitlistReply)();
    expect(sendMessage).toHaveBeenCalledExactlyOnceWith(only.id, { type: '12306.askFromPage', query: 'waitlist' });
    expect(result).toStrictEqual({ outcome: classifyWaitlistReply(http), clockSample: null });
    expect(result?.outcome.kind).toBe('none');
  });

  it('passes a busy or refused reply on as it is', async () => {
    const only = tab();
    const http: HttpResult = { ...UNPAID_REPLY, body: busyJson('网络繁忙') };
    openTabs([only], { [only.id!]: async () => ({ http, date: null }) });
    const result = await askFromTab('orders', classifyReply)();
    expect(result?.outcome).toStrictEqual({ kind: 'busy', detail: '网络繁忙' });
  });

  it('asks the tabs in turn, past those without a receiver or an answer, and stops at the first that answers', async () => {
    const noScript = tab({ active: true });
    const rejecting = tab({ lastAccessed: 9_000 });
    const silent = tab({ lastAccessed: 8_000 });
    const answering = tab({ lastAccessed: 7_000 });
    const never = tab({ lastAccessed: 6_000 });
    const { askedTabs } = openTabs([never, answering, silent, rejecting, noScript], {
      // A receiver that was there and went (the page navigated): rejected, not thrown.
      [rejecting.id!]: () => Promise.reject(new Error('A listener indicated an asynchronous response…')),
      [silent.id!]: async () => undefined,
      [answering.id!]: async () => ({ http: { kind: 'timeout' }, date: null }),
      [never.id!]: async () => ({ http: UNPAID_REPLY, date: DATE }),
    });
    const result = await askFromTab('orders', classifyReply)();
    expect(askedTabs()).toEqual([noScript.id, rejecting.id, silent.id, answering.id]);
    expect(result).toStrictEqual({ outcome: { kind: 'timeout' }, clockSample: null });
  });

  it('goes past a tab whose message throws at once', async () => {
    const throwing = tab({ active: true });
    const answering = tab();
    const { askedTabs } = openTabs([throwing, answering], {
      [throwing.id!]: () => {
        throw new Error(NO_RECEIVER);
      },
      [answering.id!]: async () => ({ http: UNPAID_REPLY, date: null }),
    });
    const result = await askFromTab('orders', classifyReply)();
    expect(askedTabs()).toEqual([throwing.id, answering.id]);
    expect(result?.outcome.kind).toBe('unpaid');
  });

  it('takes the clock sample over the message’s own round trip, with the time of each tab asked', async () => {
    const first = tab({ active: true });
    const second = tab();
    openTabs([first, second], { [second.id!]: async () => ({ http: UNPAID_REPLY, date: DATE }) });
    // The first tab takes 200 ms to fail; the second is sent at SENT and answers at RECEIVED.
    const now = vi
      .fn<() => number>()
      .mockReturnValueOnce(SENT - 200)
      .mockReturnValueOnce(SENT)
      .mockReturnValue(RECEIVED);
    const result = await askFromTab('orders', classifyReply, now)();
    expect(result?.clockSample).toStrictEqual({ lo: DATE_MS - RECEIVED, hi: DATE_MS + 1000 - SENT, at: RECEIVED });
  });

  it('gives up, and asks no other tab, when a tab’s answer is not a reply', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const bad = tab({ active: true });
    const good = tab();
    const { askedTabs } = openTabs([bad, good], {
      [bad.id!]: async () => ({ http: { ...UNPAID_REPLY, status: 0 }, date: DATE }),
      [good.id!]: async () => ({ http: UNPAID_REPLY, date: DATE }),
    });
    const classify = vi.fn(classifyReply);
    expect(await askFromTab('orders', classify)()).toBeNull();
    expect(askedTabs()).toEqual([bad.id]);
    expect(classify).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledOnce();
    expect(warn.mock.calls[0]![0]).toContain('orders');
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a string', 'ok'],
    ['an empty object', {}],
    ['an HttpResult alone', UNPAID_REPLY],
    ['a reply without its date', { http: UNPAID_REPLY }],
  ])('reads %s as no answer', async (_, answer) => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const only = tab();
    openTabs([only], { [only.id!]: async () => answer });
    expect(await askFromTab('orders', classifyReply)()).toBeNull();
  });

  it('is null when no tab is open, or none could take the message', async () => {
    const { sendMessage } = openTabs([], {});
    expect(await askFromTab('orders', classifyReply)()).toBeNull();
    expect(sendMessage).not.toHaveBeenCalled();

    const { askedTabs } = openTabs([tab(), tab({ discarded: true }), tab()], {});
    expect(await askFromTab('orders', classifyReply)()).toBeNull();
    expect(askedTabs()).toHaveLength(2);
  });

  it('is null when the browser will not list the tabs', async () => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockRejectedValue(new Error('Missing host permission for the tab'));
    const sendMessage = stubSendMessage();
    expect(await askFromTab('orders', classifyReply)()).toBeNull();
    expect(sendMessage).not.toHaveBeenCalled();
  });

  it('gives up on a tab that does not answer in time, without asking another', async () => {
    vi.useFakeTimers();
    const slow = tab({ active: true });
    const other = tab();
    const { askedTabs } = openTabs([slow, other], {
      [slow.id!]: () => new Promise(() => undefined),
      [other.id!]: async () => ({ http: UNPAID_REPLY, date: DATE }),
    });
    let result: unknown = 'pending';
    void askFromTab('orders', classifyReply)().then((value) => (result = value));
    await vi.advanceTimersByTimeAsync(0);
    expect(askedTabs()).toEqual([slow.id]);

    // The tab's own request may take QUERY_TIMEOUT_MS; the messages around it get 5 s more.
    await vi.advanceTimersByTimeAsync(QUERY_TIMEOUT_MS + 5_000 - 1);
    expect(result).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(result).toBeNull();
    expect(askedTabs()).toEqual([slow.id]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('takes an answer that comes just in time, and leaves no timer behind', async () => {
    vi.useFakeTimers();
    const slow = tab();
    openTabs([slow], {
      [slow.id!]: () =>
        new Promise((resolve) =>
          setTimeout(() => resolve({ http: UNPAID_REPLY, date: null }), QUERY_TIMEOUT_MS + 4_999),
        ),
    });
    let result: unknown = 'pending';
    void askFromTab('orders', classifyReply)().then((value) => (result = value));
    await vi.advanceTimersByTimeAsync(QUERY_TIMEOUT_MS + 4_999);
    expect(result).toStrictEqual({ outcome: classifyReply(UNPAID_REPLY), clockSample: null });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('lists the tabs afresh for every query', async () => {
    const first = tab();
    const { query } = openTabs([first], { [first.id!]: async () => ({ http: UNPAID_REPLY, date: null }) });
    const ask = askFromTab('orders', classifyReply);
    await ask();
    await ask();
    expect(query).toHaveBeenCalledTimes(2);
  });
});
