import { describe, expect, it } from 'vitest';
import { unpaidOrderSchema } from '@/lib/sources/12306/schemas';
import { unpaidOrderToOrder } from '@/lib/sources/12306/to-orders';
import { UnreadableOrderError } from '@/lib/sources/outcome';
import { unpaidOrdersJson, type FixtureOrder } from '../../../fixtures/12306/replies';

// 2024-05-01 20:00:00 Beijing time (UTC+8).
const PAY_LIMIT = Date.UTC(2024, 4, 1, 12, 0, 0);
const MINUTE = 60_000;

/** A raw order from the fixtures, parsed loosely so a test can remove or change fields. */
type RawOrder = Record<string, any> & { tickets: Record<string, any>[] };

/** Builds one order from the fixtures, lets the test change it, and reads it as the client would. */
function convert(fixture: Partial<FixtureOrder> = {}, change: (order: RawOrder) => void = () => {}) {
  const reply = JSON.parse(unpaidOrdersJson([{ sequenceNo: 'E300000001', payLimit: PAY_LIMIT, ...fixture }]));
  const raw = reply.data.orderDBList[0] as RawOrder;
  change(raw);
  return unpaidOrderToOrder(unpaidOrderSchema.parse(raw));
}

describe('unpaidOrderToOrder: amount', () => {
  it('uses ticket_total_price_page (yuan) first', () => {
    const order = convert({ passengers: ['甲', '乙'], priceYuan: 100 }, (o) => {
      o.ticket_total_price_page = '180.5'; // e.g. a discount the per-ticket fields do not show
    });
    expect(order?.amountYuan).toBe(180.5);
  });

  it('falls back to ticket_price_all in fen when the page total is missing', () => {
    const order = convert({ passengers: ['甲', '乙'], priceYuan: 553 }, (o) => {
      delete o.ticket_total_price_page;
      o.ticket_price_all = 99_900;
    });
    expect(order?.amountYuan).toBe(999);
  });

  it.each([null, '', '暂无'])('falls back when the page total is %j', (value) => {
    const order = convert({ priceYuan: 553 }, (o) => {
      o.ticket_total_price_page = value;
    });
    expect(order?.amountYuan).toBe(553);
  });

  it('falls back to the sum of ticket_price in fen when both totals are missing', () => {
    const order = convert({ passengers: ['甲', '乙', '丙'], priceYuan: 553 }, (o) => {
      delete o.ticket_total_price_page;
      delete o.ticket_price_all;
      o.tickets[2]!.ticket_price = 27_650; // a child ticket at half price
    });
    expect(order?.amountYuan).toBe(1382.5);
  });

  it('gives no amount when a ticket price is missing too', () => {
    const order = convert({ passengers: ['甲', '乙'] }, (o) => {
      delete o.ticket_total_price_page;
      delete o.ticket_price_all;
      delete o.tickets[1]!.ticket_price;
    });
    expect(order).not.toBeNull();
    expect(order?.amountYuan).toBeNull();
  });
});

// The snapshot refuses a number past the largest one: such a price must not reach it.
describe('unpaidOrderToOrder: amounts past the largest number', () => {
  it('throws UnreadableOrderError when ticket prices sum past the largest number', () => {
    expect(() =>
      convert({ passengers: ['甲', '乙'] }, (o) => {
        delete o.ticket_total_price_page;
        delete o.ticket_price_all;
        o.tickets[0]!.ticket_price = Number.MAX_VALUE;
        o.tickets[1]!.ticket_price = Number.MAX_VALUE;
      }),
    ).toThrow(UnreadableOrderError);
  });

  it.each(['1e400', '-1e400', '9'.repeat(400)])('throws UnreadableOrderError for a page total of %s', (value) => {
    expect(() =>
      convert({}, (o) => {
        o.ticket_total_price_page = value;
      }),
    ).toThrow(UnreadableOrderError);
  });

  it('still falls back when the page total is blank', () => {
    expect(convert({ priceYuan: 553 }, (o) => (o.ticket_total_price_page = '  '))?.amountYuan).toBe(553);
  });
});

describe('unpaidOrderToOrder: passengers', () => {
  it('uses array_passser_name_page', () => {
    expect(convert({ passengers: ['张三', '李四'] })?.passengers).toEqual(['张三', '李四']);
  });

  it.each([
    ['missing', undefined],
    ['null', null],
  ])('falls back to the ticket passenger names when the page list is %s', (_, value) => {
    const order = convert({ passengers: ['张三', '李四', '王五'] }, (o) => {
      if (value === undefined) delete o.array_passser_name_page;
      else o.array_passser_name_page = value;
    });
    expect(order?.passengers).toEqual(['张三', '李四', '王五']);
  });

  it('skips tickets without a passenger name in the fallback', () => {
    const order = convert({ passengers: ['张三', '李四'] }, (o) => {
      delete o.array_passser_name_page;
      delete o.tickets[0]!.passengerDTO;
    });
    expect(order?.passengers).toEqual(['李四']);
  });
});

describe('unpaidOrderToOrder: route and title', () => {
  it('joins the page stations', () => {
    expect(convert({ from: '北京南', to: '南京南' })?.route).toBe('北京南 → 南京南');
  });

  it("falls back to the first ticket's stations", () => {
    const order = convert({ from: '北京南', to: '南京南' }, (o) => {
      delete o.from_station_name_page;
      o.to_station_name_page = [];
    });
    expect(order?.route).toBe('北京南 → 南京南');
  });

  it.each(['from', 'to'] as const)('is null when the %s station is missing everywhere', (end) => {
    const order = convert({}, (o) => {
      delete o[`${end}_station_name_page`];
      for (const ticket of o.tickets) delete ticket.stationTrainDTO[`${end}_station_name`];
    });
    expect(order).not.toBeNull();
    expect(order?.route).toBeNull();
  });

  it('falls back to the ticket train code, then to the order number, for the title', () => {
    const fromTicket = convert({ train: 'K1234' }, (o) => {
      delete o.train_code_page;
    });
    expect(fromTicket?.title).toBe('K1234');
    const fromNumber = convert({}, (o) => {
      delete o.train_code_page;
      for (const ticket of o.tickets) delete ticket.stationTrainDTO;
    });
    expect(fromNumber?.title).toBe('E300000001');
    expect(fromNumber?.route).toBe('北京南 → 上海虹桥'); // the page lists still name the stations
  });

  it('reads the departure as Beijing time, falling back to the ticket', () => {
    const departure = Date.UTC(2024, 4, 2, 23, 15); // 2024-05-03 07:15 Beijing
    expect(convert({ departure })?.departure).toBe(departure);
    const fromTicket = convert({ departure }, (o) => {
      delete o.start_train_date_page;
    });
    expect(fromTicket?.departure).toBe(departure);
  });
});

describe('unpaidOrderToOrder: deadline', () => {
  it('takes the earliest deadline across pending tickets', () => {
    const order = convert({ passengers: ['甲', '乙', '丙'] }, (o) => {
      // 2024-05-01 20:05:00, 19:52:30 and 20:00:00 Beijing.
      o.tickets[0]!.pay_limit_time = '2024-05-01 20:05:00';
      o.tickets[1]!.pay_limit_time = '2024-05-01 19:52:30';
    });
    expect(order?.deadline).toBe(PAY_LIMIT - 7 * MINUTE - 30_000);
  });

  it('ignores the deadline of a settled ticket, even an earlier one', () => {
    const order = convert({ passengers: ['甲', '乙'] }, (o) => {
      o.tickets[0]!.ticket_status_code = 'a';
      o.tickets[0]!.ticket_status_name = '已支付';
      o.tickets[0]!.pay_limit_time = '2024-05-01 19:00:00';
    });
    expect(order?.deadline).toBe(PAY_LIMIT);
  });

  it('ignores a 2099 placeholder next to a real deadline', () => {
    const order = convert({ passengers: ['甲', '乙'] }, (o) => {
      o.tickets[0]!.ticket_status_code = 'b';
      o.tickets[0]!.pay_limit_time = '2099-12-31 23:59:59';
      o.tickets[0]!.lose_time = '2099-12-31 23:59:59';
    });
    expect(order?.deadline).toBe(PAY_LIMIT);
  });

  it('returns null when no ticket awaits payment', () => {
    expect(convert({ statusCode: 'a', statusName: '已支付' })).toBeNull();
  });

  it('throws UnreadableOrderError when a pending ticket has no deadline', () => {
    expect(() =>
      convert({}, (o) => {
        delete o.tickets[0]!.pay_limit_time;
        delete o.tickets[0]!.lose_time;
      }),
    ).toThrow(UnreadableOrderError);
  });

  // A date alone would read as midnight: a countdown to the wrong moment. No countdown instead.
  it.each([
    ['a 待支付', 'i', '待支付'],
    ['an unknown-state', 'z', '新状态'],
  ])('keeps %s order whose pay_limit_time is a date alone, without a deadline', (_, statusCode, statusName) => {
    const order = convert({ statusCode, statusName }, (o) => {
      o.tickets[0]!.pay_limit_time = '2024-05-01';
      o.tickets[0]!.lose_time = '2024-05-01';
    });
    expect(order).toMatchObject({ id: 'E300000001', state: 'unpaid', deadline: null });
  });

  it.each([undefined, null, '', '明天', '2024-13-40 25:00:00'])(
    'keeps an order in an unknown state whose pay_limit_time is %j, without a deadline',
    (value) => {
      const order = convert({ statusCode: 'z', statusName: '新状态' }, (o) => {
        if (value === undefined) {
          delete o.tickets[0]!.pay_limit_time;
          delete o.tickets[0]!.lose_time;
        } else {
          o.tickets[0]!.pay_limit_time = value;
          o.tickets[0]!.lose_time = value;
        }
      });
      expect(order).toMatchObject({ id: 'E300000001', state: 'unpaid', deadline: null, statusText: '新状态' });
    },
  );

  it('takes the deadline a pending ticket names over one that gives only a date', () => {
    const order = convert({ passengers: ['甲', '乙'] }, (o) => {
      o.tickets[0]!.pay_limit_time = '2024-05-01';
    });
    expect(order?.deadline).toBe(PAY_LIMIT);
  });
});
