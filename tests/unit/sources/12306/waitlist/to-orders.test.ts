import { describe, expect, it } from 'vitest';
import { UnreadableOrderError } from '@/lib/sources/outcome';
import { waitlistQueueSchema } from '@/lib/sources/12306/waitlist/schemas';
import { readWaitlistQueue, waitlistDeadline } from '@/lib/sources/12306/waitlist/to-orders';
import { awaitingPrepayJson, type FixtureWaitlistOrder } from '../../../../fixtures/12306/waitlist-replies';

// These run in America/Los_Angeles, UTC and Asia/Shanghai (vitest.config.ts): every expected instant
// is written in UTC, so reading 12306's Beijing times in the machine's zone fails in two of them.

// 2024-04-22 15:27:20 Beijing = 07:27:20 UTC.
const LOSE_TIME = Date.UTC(2024, 3, 22, 7, 27, 20);
const MINUTE = 60_000;

/** A raw `data` of a prepay reply, parsed loosely so a test can change fields. */
type Raw = Record<string, any>;

function read(order: Partial<FixtureWaitlistOrder> = {}, change: (data: Raw) => void = () => {}) {
  const data = JSON.parse(awaitingPrepayJson({ reserveNo: 'EH1', ...order }, LOSE_TIME)).data as Raw;
  change(data);
  return readWaitlistQueue(waitlistQueueSchema.parse(data));
}

const only = (outcome: ReturnType<typeof readWaitlistQueue>) => {
  expect(outcome.orders).toHaveLength(1);
  return outcome.orders[0]!;
};

describe('waitlistDeadline', () => {
  it('reads epoch milliseconds as the instant they are, in any zone', () => {
    expect(waitlistDeadline(LOSE_TIME)).toBe(LOSE_TIME);
    expect(waitlistDeadline(String(LOSE_TIME))).toBe(LOSE_TIME);
    expect(waitlistDeadline(` ${LOSE_TIME} `)).toBe(LOSE_TIME);
    expect(waitlistDeadline(LOSE_TIME + 0.4)).toBe(LOSE_TIME);
  });

  it.each([
    ['2024-04-22 15:27:20', LOSE_TIME],
    ['2024-04-22T15:27:20', LOSE_TIME],
    ['2024/04/22 15:27', LOSE_TIME - 20_000],
    ['20240422152720', LOSE_TIME],
    ['202404221527', LOSE_TIME - 20_000],
    // Past midnight in Beijing is still the previous day in UTC and Los Angeles.
    ['2024-04-23 00:10:00', Date.UTC(2024, 3, 22, 16, 10)],
    ['2024-01-01 07:59:59', Date.UTC(2023, 11, 31, 23, 59, 59)],
  ])('reads Beijing text %s as Beijing time', (text, instant) => {
    expect(waitlistDeadline(text)).toBe(instant);
  });

  it.each([
    undefined,
    null,
    '',
    '  ',
    'soon',
    '2024-02-30 10:00:00',
    0,
    -LOSE_TIME,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Math.floor(LOSE_TIME / 1000), // seconds: not guessed at
    String(Math.floor(LOSE_TIME / 1000)),
    Date.UTC(2099, 11, 31, 15, 59, 59), // the placeholder for "no deadline"
    '2099-12-31 23:59:59',
    '2024-04-22', // a date alone: midnight would be a wrong deadline
  ])('gives no deadline for %j', (value) => {
    expect(waitlistDeadline(value)).toBeNull();
  });
});

describe('readWaitlistQueue: Beijing times', () => {
  it('reads the departure from local_start_time as Beijing time', () => {
    // 2024-05-01 06:06 Beijing = 2024-04-30 22:06 UTC.
    const departure = Date.UTC(2024, 3, 30, 22, 6);
    expect(only(read({ needs: [{ departure }] })).departure).toBe(departure);
  });

  it('falls back to train_date and start_time, also Beijing time', () => {
    const departure = Date.UTC(2024, 3, 30, 16, 30); // 2024-05-01 00:30 Beijing
    const order = only(
      read({ needs: [{ departure }] }, (d) => {
        delete d.order.needs[0].local_start_time;
      }),
    );
    expect(order.departure).toBe(departure);
  });

  it('gives no departure when neither is readable', () => {
    const order = only(
      read({}, (d) => {
        d.order.needs[0].local_start_time = '明天';
        d.order.needs[0].start_time = '';
      }),
    );
    expect(order.departure).toBeNull();
    expect(order.deadline).toBe(LOSE_TIME);
  });

  it('keeps the deadline an absolute instant: the same in every zone', () => {
    const order = only(read());
    expect(order.deadline).toBe(LOSE_TIME);
    expect(new Date(order.deadline!).toISOString()).toBe('2024-04-22T07:27:20.000Z');
  });

  it('gives one departure when alternatives agree, none when they do not', () => {
    const departure = Date.UTC(2024, 3, 30, 22, 6);
    const same = only(read({ needs: [{ departure }, { departure, seat: '一等座' }] }));
    expect(same.departure).toBe(departure);
    const different = only(read({ needs: [{ departure }, { train: 'G7', departure: departure + 30 * MINUTE }] }));
    expect(different.departure).toBeNull();
  });
});

describe('readWaitlistQueue: the order', () => {
  it('sums the prepayment of every passenger', () => {
    expect(only(read({ passengers: ['甲', '乙', '丙'], shareYuan: 45.5 })).amountYuan).toBe(136.5);
  });

  it.each([['暂无'], [''], ['-5'], [null]])('gives no amount for prepay_amount %j', (value) => {
    expect(only(read({}, (d) => (d.order.prepay_amount = value))).amountYuan).toBeNull();
  });

  it('throws UnreadableOrderError, for classify to report, when the deadline is unreadable', () => {
    expect(() => read({}, (d) => (d.loseTime = 'soon'))).toThrow(UnreadableOrderError);
  });

  it('sends the user to the 候补订单 page', () => {
    expect(only(read()).payUrl).toBe('https://kyfw.12306.cn/otn/view/lineUp_order.html');
  });
});
