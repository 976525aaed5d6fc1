import { describe, expect, it } from 'vitest';
import { announcementsDue, type Announced, type CountedOrder } from '@/lib/alerts/announcements';
import { DEADLINE } from '../helpers/orders';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const THRESHOLDS = [10, 5, 1];

const g101: CountedOrder = { key: '12306:E1', title: 'G101', deadline: DEADLINE, offsetMs: 0 };

/** Ticks once a second from `from` to `to` (ms before the deadline), collecting what is said. */
function run(orders: CountedOrder[], from: number, to: number, locale: 'zh' | 'en' = 'en') {
  let announced: Announced = new Map();
  const said: { left: number; say: string }[] = [];
  for (let left = from; left >= to; left -= SECOND) {
    const result = announcementsDue(orders, THRESHOLDS, DEADLINE - left, announced, locale);
    announced = result.announced;
    said.push(...result.say.map((say) => ({ left, say })));
  }
  return said;
}

describe('announcementsDue', () => {
  it('says each threshold once, as it is crossed, and nothing on the ticks between', () => {
    expect(run([g101], 11 * MINUTE, -MINUTE)).toEqual([
      { left: 10 * MINUTE, say: 'G101 · 10 min left to pay' },
      { left: 5 * MINUTE, say: 'G101 · 5 min left to pay' },
      { left: MINUTE, say: 'G101 · 1 min left to pay' },
    ]);
  });

  it('speaks Chinese', () => {
    expect(run([g101], 5 * MINUTE + 2 * SECOND, 4 * MINUTE, 'zh')).toEqual([
      { left: 5 * MINUTE, say: 'G101 · 还剩 5 分钟支付' },
    ]);
  });

  it('does not announce on first sight the thresholds already passed', () => {
    const first = announcementsDue([g101], THRESHOLDS, DEADLINE - 3 * MINUTE, new Map(), 'en');
    expect(first.say).toEqual([]);
    expect(run([g101], 7 * MINUTE, 5 * MINUTE + SECOND)).toEqual([]);
    // …but the next one still comes.
    expect(announcementsDue([g101], THRESHOLDS, DEADLINE - MINUTE, first.announced, 'en').say).toEqual([
      'G101 · 1 min left to pay',
    ]);
  });

  it('says only the latest of several thresholds crossed between two ticks', () => {
    const seen = announcementsDue([g101], THRESHOLDS, DEADLINE - 11 * MINUTE, new Map(), 'en');
    // The machine slept from 11 to 4 minutes left.
    const woke = announcementsDue([g101], THRESHOLDS, DEADLINE - 4 * MINUTE, seen.announced, 'en');
    expect(woke.say).toEqual(['G101 · 5 min left to pay']);
    expect(announcementsDue([g101], THRESHOLDS, DEADLINE - 4 * MINUTE + SECOND, woke.announced, 'en').say).toEqual([]);
  });

  it('says nothing once the order is paid or its deadline passed', () => {
    const seen = announcementsDue([g101], THRESHOLDS, DEADLINE - 6 * MINUTE, new Map(), 'en');
    expect(announcementsDue([], THRESHOLDS, DEADLINE - 5 * MINUTE, seen.announced, 'en')).toEqual({
      say: [],
      announced: new Map(),
    });
    const late = announcementsDue([g101], THRESHOLDS, DEADLINE + SECOND, seen.announced, 'en');
    expect(late.say).toEqual([]);
  });

  it('keeps orders apart and counts each on its own server clock', () => {
    // The venue's clock is 2 minutes ahead: its 10-minute mark comes 2 minutes sooner locally.
    const venue: CountedOrder = { key: 'ticket-system:a:T1', title: '黄山', deadline: DEADLINE, offsetMs: 2 * MINUTE };
    expect(run([g101, venue], 13 * MINUTE, 9 * MINUTE)).toEqual([
      { left: 12 * MINUTE, say: '黄山 · 10 min left to pay' },
      { left: 10 * MINUTE, say: 'G101 · 10 min left to pay' },
    ]);
  });

  it('follows the user’s thresholds', () => {
    let announced: Announced = announcementsDue([g101], [3], DEADLINE - 11 * MINUTE, new Map(), 'en').announced;
    const said: string[] = [];
    for (const left of [10, 5, 3, 1].map((m) => m * MINUTE)) {
      const result = announcementsDue([g101], [3], DEADLINE - left, announced, 'en');
      announced = result.announced;
      said.push(...result.say);
    }
    expect(said).toEqual(['G101 · 3 min left to pay']);
  });
});
