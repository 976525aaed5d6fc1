import { describe, expect, it } from 'vitest';
import {
  badgeFor,
  badgeMinutes,
  LOGIN_NEEDED_COLOR,
  LOGIN_NEEDED_MARK,
  toolbarState,
  URGENCY_COLORS,
} from '@/lib/badge';
import type { Locale } from '@/lib/i18n/messages';
import type { Snapshot } from '@/lib/snapshots/snapshot';
import { toolbarTitle } from '@/lib/toolbar-title';
import { DEADLINE, makeOrder, makeQueuingOrder, makeSnapshot } from './helpers/orders';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

const ok = (deadlines: (number | null)[], offsetMs = 0, extra: Partial<Snapshot> = {}) =>
  makeSnapshot({
    status: 'ok',
    orders: deadlines.map((deadline, i) => makeOrder({ id: `E${i}`, deadline })),
    clock: { offsetMs, samples: [] },
    ...extra,
  });

/** The badge `left` before DEADLINE (local and server clocks agreeing). */
const badgeWith = (left: number) => badgeFor([ok([DEADLINE])], DEADLINE - left);

describe('badgeMinutes', () => {
  it.each([
    [0, '<1'],
    [1, '1'],
    [12, '12'],
    [99, '99'],
    [100, '1h'],
    [150, '2h'],
    [23 * 60 + 59, '23h'],
    [24 * 60, '1d'],
    [3 * 24 * 60 + 5, '3d'],
  ])('shows %i minutes as %s', (minutes, text) => {
    expect(badgeMinutes(minutes)).toBe(text);
  });
});

describe('badgeFor', () => {
  it('is empty with no snapshots or no orders', () => {
    expect(badgeFor([], DEADLINE)).toEqual({ text: '', color: URGENCY_COLORS.calm, nextChangeAt: null });
    expect(badgeFor([ok([])], DEADLINE)).toEqual({ text: '', color: URGENCY_COLORS.calm, nextChangeAt: null });
  });

  it('is empty for queuing orders and orders without a deadline', () => {
    const snapshot = makeSnapshot({ status: 'ok', orders: [makeQueuingOrder(), makeOrder({ deadline: null })] });
    expect(badgeFor([snapshot], DEADLINE).text).toBe('');
  });

  it('shows whole minutes: 12:34 left is 12', () => {
    expect(badgeWith(12 * MINUTE + 34 * SECOND).text).toBe('12');
  });

  it('shows <1 in the last minute', () => {
    expect(badgeWith(59 * SECOND).text).toBe('<1');
    expect(badgeWith(1).text).toBe('<1');
  });

  it('shows hours and days for far deadlines', () => {
    expect(badgeWith(2 * HOUR + 30 * MINUTE).text).toBe('2h');
    expect(badgeWith(3 * 24 * HOUR + 2 * HOUR).text).toBe('3d');
  });

  it('colours by urgency', () => {
    expect(badgeWith(10 * MINUTE + 1).color).toBe(URGENCY_COLORS.calm);
    expect(badgeWith(10 * MINUTE).color).toBe(URGENCY_COLORS.soon);
    expect(badgeWith(5 * MINUTE + 1).color).toBe(URGENCY_COLORS.soon);
    expect(badgeWith(5 * MINUTE).color).toBe(URGENCY_COLORS.urgent);
    expect(badgeWith(1).color).toBe(URGENCY_COLORS.urgent);
    expect(new Set(Object.values(URGENCY_COLORS)).size).toBe(4);
  });

  it('ignores overdue orders', () => {
    expect(badgeWith(0).text).toBe('');
    expect(badgeWith(-MINUTE)).toEqual({ text: '', color: URGENCY_COLORS.calm, nextChangeAt: null });
    const mixed = badgeFor([ok([DEADLINE - MINUTE, DEADLINE + 20 * MINUTE])], DEADLINE);
    expect(mixed.text).toBe('20');
    expect(mixed.color).toBe(URGENCY_COLORS.calm);
  });

  it('shows the nearest deadline across several orders and sources', () => {
    const now = DEADLINE - 30 * MINUTE;
    expect(badgeFor([ok([DEADLINE + 40 * MINUTE, DEADLINE, DEADLINE + 5 * MINUTE])], now).text).toBe('30');
    const far = ok([DEADLINE + HOUR]);
    const near = ok([DEADLINE - 22 * MINUTE]);
    expect(badgeFor([far, near], now).text).toBe('8');
    expect(badgeFor([far, near], now).color).toBe(URGENCY_COLORS.soon);
    expect(badgeFor([near, far], now).text).toBe('8');
  });

  it('counts on each source’s server clock', () => {
    // Locally 12:30 before the deadline; the server is 5 minutes ahead, so 7:30 are left.
    const badge = badgeFor([ok([DEADLINE], 5 * MINUTE)], DEADLINE - 12 * MINUTE - 30 * SECOND);
    expect(badge.text).toBe('7');
    expect(badge.color).toBe(URGENCY_COLORS.soon);
  });

  describe('login needed', () => {
    it('marks a logged-out source with unpaid orders with ! and purple', () => {
      const snapshot = ok([DEADLINE], 0, { status: 'loggedOut' });
      const badge = badgeFor([snapshot], DEADLINE - 12 * MINUTE - 34 * SECOND);
      expect(badge.text.startsWith(LOGIN_NEEDED_MARK)).toBe(true);
      expect(badge.text).toBe('!12');
      expect(badge.color).toBe(LOGIN_NEEDED_COLOR);
    });

    it('keeps the mark whatever the other sources show', () => {
      const badge = badgeFor(
        [ok([DEADLINE]), ok([DEADLINE + HOUR], 0, { status: 'loggedOut' })],
        DEADLINE - 3 * MINUTE,
      );
      expect(badge.text).toBe('!3');
      expect(badge.color).toBe(LOGIN_NEEDED_COLOR);
    });

    it('is not shown for a logged-out source without unpaid orders', () => {
      const none = makeSnapshot({ status: 'loggedOut', orders: [makeQueuingOrder()] });
      expect(badgeFor([none], DEADLINE).text).toBe('');
      expect(badgeFor([none, ok([DEADLINE])], DEADLINE - 3 * MINUTE)).toMatchObject({
        text: '3',
        color: URGENCY_COLORS.urgent,
      });
    });

    it('is not shown for failures other than being logged out', () => {
      const busy = ok([DEADLINE], 0, { status: 'busy' });
      expect(badgeFor([busy], DEADLINE - 3 * MINUTE).text).toBe('3');
    });
  });

  describe('nextChangeAt', () => {
    const single = [ok([DEADLINE])];

    const looks = (badge: { text: string; color: string }) => `${badge.text} ${badge.color}`;

    /** Checks that the badge (text and colour) stays put right up to nextChangeAt and changes there. */
    function expectExactChange(snapshots: Snapshot[], now: number) {
      const badge = badgeFor(snapshots, now);
      const at = badge.nextChangeAt!;
      expect(at).not.toBeNull();
      expect(at).toBeGreaterThan(now);
      expect(looks(badgeFor(snapshots, at - 1))).toBe(looks(badge));
      expect(looks(badgeFor(snapshots, at))).not.toBe(looks(badge));
      return at;
    }

    it.each([
      ['12:34', 12 * MINUTE + 34 * SECOND],
      ['12:00', 12 * MINUTE],
      ['11:59.001', 11 * MINUTE + 59 * SECOND + 1],
      ['10:30', 10 * MINUTE + 30 * SECOND],
      ['1:00.5', MINUTE + 500],
      ['0:59', 59 * SECOND],
      ['0:00.001', 1],
      ['99:30', 99 * MINUTE + 30 * SECOND],
    ])('is exactly when the badge changes with %s left', (_label, left) => {
      expectExactChange(single, DEADLINE - left);
    });

    it('follows the badge change by change down to the deadline', () => {
      let now = DEADLINE - 15 * MINUTE - 321;
      const seen: string[] = [looks(badgeFor(single, now))];
      for (let step = 0; step < 18; step += 1) {
        now = expectExactChange(single, now);
        seen.push(looks(badgeFor(single, now)));
      }
      const [calm, soon, urgent] = [URGENCY_COLORS.calm, URGENCY_COLORS.soon, URGENCY_COLORS.urgent];
      // The colour turns as 10:00 and 5:00 remain, a second before the minute shown drops.
      expect(seen).toEqual([
        ...['15', '14', '13', '12', '11', '10'].map((text) => `${text} ${calm}`),
        `10 ${soon}`,
        ...['9', '8', '7', '6', '5'].map((text) => `${text} ${soon}`),
        `5 ${urgent}`,
        ...['4', '3', '2', '1', '<1'].map((text) => `${text} ${urgent}`),
        ` ${calm}`,
      ]);
      expect(now).toBe(DEADLINE);
      expect(badgeFor(single, now).nextChangeAt).toBeNull();
    });

    it('is in local time for a server whose clock differs', () => {
      const ahead = [ok([DEADLINE], 5 * MINUTE)];
      const now = DEADLINE - 12 * MINUTE - 34 * SECOND;
      const at = expectExactChange(ahead, now);
      // Server 12:34 − 5:00 = 7:34 left; the 7 drops to 6 when 6:59 remain on the server clock.
      expect(at).toBe(DEADLINE - 5 * MINUTE - 6 * MINUTE - 59 * SECOND);
    });

    it('is kept while the login mark is shown', () => {
      const loggedOut = [ok([DEADLINE], 0, { status: 'loggedOut' })];
      expectExactChange(loggedOut, DEADLINE - 3 * MINUTE - 10 * SECOND);
    });

    it('follows the nearest order across several orders', () => {
      const now = DEADLINE - 30 * MINUTE;
      const snapshots = [ok([DEADLINE + 40 * MINUTE, DEADLINE - 17 * MINUTE - 20 * SECOND])];
      const at = expectExactChange(snapshots, now);
      expect(at).toBe(DEADLINE - 17 * MINUTE - 20 * SECOND - 11 * MINUTE - 59 * SECOND);
    });

    it('follows the order whose minute drops first when two sources show the same minute', () => {
      // Both orders read "12", one with 12:50 left and one with 12:10 left: the text turns to 11
      // when the second has 11:59 left, whatever order the sources come in.
      const now = DEADLINE - 12 * MINUTE - 50 * SECOND;
      const later = ok([DEADLINE]);
      const sooner = ok([DEADLINE - 40 * SECOND]);
      expect(badgeFor([sooner, later], now).text).toBe('12');
      expect(badgeFor([later, sooner], now).text).toBe('12');
      expectExactChange([sooner, later], now);
      expectExactChange([later, sooner], now);
      expect(badgeFor([later, sooner], now).nextChangeAt).toBe(badgeFor([sooner, later], now).nextChangeAt);
    });

    it('colours by the nearest deadline when two sources show the same minute', () => {
      // 10:30 left (calm) and 10:00 left (soon) both read "10"; the nearer one is due soon.
      const now = DEADLINE - 10 * MINUTE - 30 * SECOND;
      const calm = ok([DEADLINE]);
      const soon = ok([DEADLINE - 30 * SECOND]);
      expect(looks(badgeFor([soon, calm], now))).toBe(`10 ${URGENCY_COLORS.soon}`);
      expect(looks(badgeFor([calm, soon], now))).toBe(`10 ${URGENCY_COLORS.soon}`);
    });
  });
});

describe('toolbarTitle', () => {
  const toolbarTitleFor = (snapshots: Snapshot[], localNow: number, locale: Locale) =>
    toolbarTitle(toolbarState(snapshots, localNow), locale);

  const ticket = (title: string, deadline: number) =>
    makeSnapshot({ status: 'ok', orders: [makeOrder({ source: 'ticket-system', id: 'T1', title, deadline })] });

  it.each([
    ['zh', 12 * MINUTE + 34 * SECOND, 'G101 · 12 分钟内需支付'],
    ['en', 12 * MINUTE + 34 * SECOND, 'G101 · pay within 12 min'],
    ['zh', 12 * MINUTE - SECOND + 1, 'G101 · 12 分钟内需支付'],
    ['zh', 12 * MINUTE - SECOND, 'G101 · 11 分钟内需支付'],
    ['en', MINUTE, 'G101 · pay within 1 min'],
    ['en', 59 * SECOND, 'G101 · pay within 1 min'],
    ['zh', 1, 'G101 · 1 分钟内需支付'],
    ['en', 99 * MINUTE + 59 * SECOND, 'G101 · pay within 99 min'],
    ['zh', 100 * MINUTE, 'G101 · 1 小时内需支付'],
    ['en', 2 * HOUR + 30 * MINUTE, 'G101 · pay within 2 h'],
    ['zh', 3 * 24 * HOUR + 2 * HOUR, 'G101 · 3 天内需支付'],
  ] as const)('in %s with %i ms left: %s', (locale, left, title) => {
    expect(toolbarTitleFor([ok([DEADLINE])], DEADLINE - left, locale)).toBe(title);
  });

  it('changes exactly when the badge does', () => {
    const single = [ok([DEADLINE])];
    const { nextChangeAt } = badgeFor(single, DEADLINE - 12 * MINUTE - 34 * SECOND);
    expect(toolbarTitleFor(single, nextChangeAt! - 1, 'en')).toBe('G101 · pay within 12 min');
    expect(toolbarTitleFor(single, nextChangeAt!, 'en')).toBe('G101 · pay within 11 min');
  });

  it('is the plain name with nothing pending, overdue or not', () => {
    expect(toolbarTitleFor([], DEADLINE, 'zh')).toBe('PayClock 付款倒计时');
    expect(toolbarTitleFor([ok([DEADLINE])], DEADLINE, 'en')).toBe('PayClock – pay before it expires');
    expect(toolbarTitleFor([makeSnapshot({ orders: [makeQueuingOrder()] })], DEADLINE, 'en')).toBe(
      'PayClock – pay before it expires',
    );
  });

  it('names the nearest order, a ticket order by its title, and counts the others still ahead', () => {
    const now = DEADLINE - 30 * MINUTE;
    const snapshots = [
      ok([DEADLINE, DEADLINE + HOUR, DEADLINE - HOUR]),
      ticket('黄山风景区 门票', DEADLINE - 20 * MINUTE),
    ];
    expect(toolbarTitleFor(snapshots, now, 'zh')).toBe('黄山风景区 门票 · 10 分钟内需支付（另有 2 单）');
    expect(toolbarTitleFor(snapshots, now, 'en')).toBe('黄山风景区 门票 · pay within 10 min (and 2 more)');
  });

  it('counts one other order', () => {
    expect(toolbarTitleFor([ok([DEADLINE, DEADLINE + HOUR])], DEADLINE - 5 * MINUTE, 'en')).toBe(
      'G101 · pay within 5 min (and 1 more)',
    );
  });

  it('says when orders can no longer be checked', () => {
    const loggedOut = ok([DEADLINE], 0, { status: 'loggedOut' });
    expect(toolbarTitleFor([loggedOut], DEADLINE - 3 * MINUTE, 'zh')).toBe(
      'G101 · 3 分钟内需支付 · 有订单无法再查询，请打开 PayClock',
    );
    expect(toolbarTitleFor([loggedOut], DEADLINE + MINUTE, 'en')).toBe(
      'PayClock – pay before it expires · some orders can no longer be checked; open PayClock',
    );
  });
});
