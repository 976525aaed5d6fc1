import { describe, expect, it, vi } from 'vitest';
import { ERROR_PAGE_DETAIL } from '@/lib/sources/12306/classify';
import type { Outcome } from '@/lib/sources/outcome';
import type { QueryResult } from '@/lib/sources/12306/client';
import { createPageFallback, isRefusal } from '@/lib/sources/12306/page-fallback';
import { makeOrder } from '../../helpers/orders';

// Refused by 12306, the background asks again from an open 12306 tab, and keeps asking the tab
// first while the tab is answered; each test plays a sequence of checks against one fallback.

const sample = (lo: number) => ({ lo, hi: lo + 1000, at: 1_000_000 });

const result = (outcome: Outcome, clockLo = 0): QueryResult => ({ outcome, clockSample: sample(clockLo) });

const UNPAID = result({ kind: 'unpaid', orders: [makeOrder()] }, 10);
const NONE = result({ kind: 'none', orders: [] }, 20);
const REJECTED = result({ kind: 'rejected', detail: 'HTTP 403 Forbidden' }, 30);
const ERROR_PAGE = result({ kind: 'busy', detail: ERROR_PAGE_DETAIL }, 40);
const BUSY = result({ kind: 'busy', detail: '网络繁忙' }, 50);
const LOGGED_OUT = result({ kind: 'loggedOut', detail: 'redirected to login' }, 60);
const PAGE_REJECTED = result({ kind: 'rejected', detail: '非法请求' }, 70);

/** A query that answers each call with the next scripted result, and fails the test when out of them. */
function scripted<T>(name: string, answers: T[]) {
  return vi.fn(async (): Promise<T> => {
    if (answers.length === 0) throw new Error(`${name} was asked more often than scripted`);
    return answers.shift()!;
  });
}

/** One check: what each side will answer (if asked), what the fallback returns, and who was asked. */
async function check(
  ask: ReturnType<typeof createPageFallback>,
  answers: { direct?: QueryResult; page?: QueryResult | null },
) {
  const order: string[] = [];
  const direct = scripted('direct', answers.direct ? [answers.direct] : []);
  const page = scripted('page', 'page' in answers ? [answers.page ?? null] : []);
  const returned = await ask(
    () => (order.push('direct'), direct()),
    () => (order.push('page'), page()),
  );
  return { returned, asked: order };
}

const tab = (r: QueryResult): QueryResult => ({ ...r, askedFrom: 'tab' });

describe('isRefusal', () => {
  it.each<[Outcome, boolean]>([
    [{ kind: 'rejected', detail: 'HTTP 403 ' }, true],
    [{ kind: 'rejected', detail: '' }, true],
    [{ kind: 'busy', detail: ERROR_PAGE_DETAIL }, true],
    [{ kind: 'busy', detail: 'HTTP 503' }, false],
    [{ kind: 'busy', detail: 'empty reply' }, false],
    [{ kind: 'busy', detail: '网络繁忙' }, false],
    [{ kind: 'unpaid', orders: [makeOrder()] }, false],
    [{ kind: 'queuing', orders: [] }, false],
    [{ kind: 'none', orders: [] }, false],
    [{ kind: 'loggedOut', detail: 'redirected to login' }, false],
    [{ kind: 'timeout' }, false],
    [{ kind: 'offline', detail: 'Failed to fetch' }, false],
    [{ kind: 'unexpected', detail: ERROR_PAGE_DETAIL }, false],
    [{ kind: 'loggedOut', detail: ERROR_PAGE_DETAIL }, false],
  ])('%j → %s', (outcome, refused) => {
    expect(isRefusal(outcome)).toBe(refused);
  });
});

describe('createPageFallback', () => {
  it('never asks a page while the background is answered, whatever the answer', async () => {
    const ask = createPageFallback();
    for (const answer of [UNPAID, NONE, BUSY, LOGGED_OUT, result({ kind: 'timeout' })]) {
      const { returned, asked } = await check(ask, { direct: answer });
      expect(returned).toBe(answer);
      expect(returned.askedFrom).toBeUndefined();
      expect(asked).toEqual(['direct']);
    }
  });

  it('keeps the background’s refusal, unmarked, when no tab could ask', async () => {
    const ask = createPageFallback();
    const first = await check(ask, { direct: REJECTED, page: null });
    expect(first.asked).toEqual(['direct', 'page']);
    expect(first.returned).toStrictEqual(REJECTED);
    expect(first.returned.askedFrom).toBeUndefined();
    // Nothing learned: the next check asks the background first again.
    const second = await check(ask, { direct: ERROR_PAGE, page: null });
    expect(second.asked).toEqual(['direct', 'page']);
    expect(second.returned).toStrictEqual(ERROR_PAGE);
  });

  it('uses the page’s answer where the background was refused, and asks the page first from then on', async () => {
    const ask = createPageFallback();
    const first = await check(ask, { direct: REJECTED, page: UNPAID });
    expect(first.asked).toEqual(['direct', 'page']);
    expect(first.returned).toStrictEqual(tab(UNPAID));
    // The clock sample of the page's reply, not the refusal's.
    expect(first.returned.clockSample).toEqual(UNPAID.clockSample);

    // Any answer from 12306 but a refusal keeps the page first.
    for (const answer of [NONE, LOGGED_OUT, BUSY]) {
      const next = await check(ask, { page: answer });
      expect(next.asked).toEqual(['page']);
      expect(next.returned).toStrictEqual(tab(answer));
    }
  });

  it.each([
    ['times out', { kind: 'timeout' } as const],
    ['cannot reach 12306', { kind: 'offline', detail: 'Failed to fetch' } as const],
  ])('goes back to the background when the page asked first %s', async (_, outcome) => {
    const ask = createPageFallback();
    await check(ask, { direct: REJECTED, page: UNPAID });
    const stalled = await check(ask, { page: result(outcome), direct: NONE });
    expect(stalled.asked).toEqual(['page', 'direct']);
    expect(stalled.returned).toStrictEqual(NONE);
    expect((await check(ask, { direct: UNPAID })).asked).toEqual(['direct']);
  });

  it.each([
    ['times out', { kind: 'timeout' } as const],
    ['cannot reach 12306', { kind: 'offline', detail: 'Failed to fetch' } as const],
  ])('keeps 12306’s refusal, and the background first, when the page %s', async (_, outcome) => {
    const ask = createPageFallback();
    const first = await check(ask, { direct: REJECTED, page: result(outcome) });
    expect(first.asked).toEqual(['direct', 'page']);
    expect(first.returned).toStrictEqual(REJECTED);
    expect((await check(ask, { direct: UNPAID })).asked).toEqual(['direct']);
  });

  it('counts the error page as a refusal, as a 403', async () => {
    const ask = createPageFallback();
    expect((await check(ask, { direct: ERROR_PAGE, page: NONE })).returned).toStrictEqual(tab(NONE));
    expect((await check(ask, { page: UNPAID })).asked).toEqual(['page']);
  });

  it('asks the background again once the page is refused too, and goes on from the background', async () => {
    const ask = createPageFallback();
    await check(ask, { direct: REJECTED, page: UNPAID });

    const refusedOnPage = await check(ask, { page: PAGE_REJECTED, direct: NONE });
    expect(refusedOnPage.asked).toEqual(['page', 'direct']);
    expect(refusedOnPage.returned).toStrictEqual(NONE);
    expect(refusedOnPage.returned.askedFrom).toBeUndefined();

    const next = await check(ask, { direct: UNPAID });
    expect(next.asked).toEqual(['direct']);
    expect(next.returned).toStrictEqual(UNPAID);
  });

  it('asks the background again once no tab is open, and goes on from the background', async () => {
    const ask = createPageFallback();
    await check(ask, { direct: ERROR_PAGE, page: NONE });

    const noTab = await check(ask, { page: null, direct: UNPAID });
    expect(noTab.asked).toEqual(['page', 'direct']);
    expect(noTab.returned).toStrictEqual(UNPAID);
    expect(noTab.returned.askedFrom).toBeUndefined();

    const next = await check(ask, { direct: NONE });
    expect(next.asked).toEqual(['direct']);
  });

  it('returns the background’s own refusal when it is asked again after the page', async () => {
    const ask = createPageFallback();
    await check(ask, { direct: REJECTED, page: UNPAID });
    // The tab is gone and 12306 still refuses the background: that refusal is the answer.
    const refused = await check(ask, { page: null, direct: REJECTED });
    expect(refused.asked).toEqual(['page', 'direct']);
    expect(refused.returned).toStrictEqual(REJECTED);
    // And the next check goes the usual way: background, then page.
    const next = await check(ask, { direct: REJECTED, page: NONE });
    expect(next.asked).toEqual(['direct', 'page']);
    expect(next.returned).toStrictEqual(tab(NONE));
  });

  it('returns the page’s refusal, marked, when both are refused, and asks the background first next', async () => {
    const ask = createPageFallback();
    const both = await check(ask, { direct: REJECTED, page: PAGE_REJECTED });
    expect(both.asked).toEqual(['direct', 'page']);
    expect(both.returned).toStrictEqual(tab(PAGE_REJECTED));

    const next = await check(ask, { direct: UNPAID });
    expect(next.asked).toEqual(['direct']);
    expect(next.returned).toStrictEqual(UNPAID);
  });

  it('shares what it learned between the queries that use it, but not between instances', async () => {
    const ask = createPageFallback();
    await check(ask, { direct: REJECTED, page: UNPAID });
    // Another query through the same fallback (the waitlist's): the page first.
    expect((await check(ask, { page: NONE })).asked).toEqual(['page']);
    // A fresh fallback knows nothing.
    expect((await check(createPageFallback(), { direct: NONE })).asked).toEqual(['direct']);
  });

  it('does not change the results it is given', async () => {
    const ask = createPageFallback();
    const fromPage = result({ kind: 'none', orders: [] }, 5);
    const copy = structuredClone(fromPage);
    const returned = await ask(
      async () => REJECTED,
      async () => fromPage,
    );
    expect(returned).not.toBe(fromPage);
    expect(fromPage).toStrictEqual(copy);
    expect(REJECTED.askedFrom).toBeUndefined();
  });
});
