import { describe, expect, it } from 'vitest';
import { v3OrderSchema, v5OrderSchema } from '@/lib/sources/ticket-system/schemas';
import {
  parseVenueDate,
  v3OrderToOrder,
  v5OrderToOrder,
  type TicketOrderReading,
  type TicketOrderResult,
} from '@/lib/sources/ticket-system/to-order';
import { v3Order, v3Seed, v5Order, v5Seed, type FixtureTicketOrder } from '../../../fixtures/ticket-system/replies';

const VENUE = 'https://ticket.venue.example/';
const MINUTE = 60_000;
// 2024-05-01 19:45:00 Beijing time (UTC+8); with the default 15-minute timeout, due at 20:00:00.
const PLACED = Date.UTC(2024, 4, 1, 11, 45);
const DUE = Date.UTC(2024, 4, 1, 12, 0);
// 2024-05-02 00:00 Beijing, the default visit day.
const VISIT = Date.UTC(2024, 4, 1, 16, 0);

type Raw = Record<string, unknown>;

function readable(result: TicketOrderResult): TicketOrderReading {
  if ('unreadable' in result) throw new Error(result.unreadable);
  return result;
}

function v5(fixture: Partial<FixtureTicketOrder> = {}, change: (raw: Raw) => void = () => {}) {
  const raw = v5Order({ orderId: '20240501000123', placed: PLACED, ...fixture });
  change(raw);
  return readable(v5OrderToOrder(v5OrderSchema.parse(raw), { venueUrl: VENUE, accountId: 'acc-1' }));
}

function v3(fixture: Partial<FixtureTicketOrder> = {}, change: (raw: Raw) => void = () => {}) {
  const raw = v3Order({ orderId: '20240501000456', placed: PLACED, ...fixture });
  change(raw);
  return readable(v3OrderToOrder(v3OrderSchema.parse(raw), { venueUrl: VENUE, accountId: 'acc-1' }));
}

describe('v5OrderToOrder', () => {
  it('maps an order awaiting payment', () => {
    expect(v5()).toEqual({
      status: expect.objectContaining({ code: '0', zh: '预定中', awaitingPayment: true }),
      order: {
        source: 'ticket-system',
        accountId: 'acc-1',
        id: '20240501000123',
        state: 'unpaid',
        title: '黄山风景区门票2张',
        route: null,
        departure: VISIT,
        passengers: ['杨赟'],
        amountYuan: 190,
        deadline: DUE,
        statusText: null,
        payUrl: VENUE,
        queue: null,
      },
    });
  });

  it('takes paymentendtime over ordertime + paytimeout', () => {
    expect(v5({ paymentEnd: DUE + 7 * MINUTE })?.order?.deadline).toBe(DUE + 7 * MINUTE);
  });

  it.each([
    ['absent', undefined],
    ['null', null],
    ['empty', ''],
    ['malformed', '明天'],
    ['an unset DateTime', '0001-01-01T00:00:00'],
    ['an impossible date', '2024-02-30T10:00:00+08:00'],
  ])('falls back to ordertime + paytimeout when paymentendtime is %s', (_, value) => {
    const reading = v5({ payTimeoutMinutes: 30 }, (raw) => {
      if (value === undefined) delete raw.paymentendtime;
      else raw.paymentendtime = value;
    });
    expect(reading.order?.deadline).toBe(PLACED + 30 * MINUTE);
  });

  it('reads paytimeout given as a number too', () => {
    const reading = v5({ paymentEnd: null }, (raw) => {
      raw.paytimeout = 20;
    });
    expect(reading.order?.deadline).toBe(PLACED + 20 * MINUTE);
  });

  it.each([
    ['missing', undefined, '20240501194500'],
    ['zero (no automatic closing)', '0', '20240501194500'],
    ['not a number', 'sample string 19', '20240501194500'],
    ['fine but ordertime malformed', '15', '2024-05-01 晚上'],
    ['fine but ordertime missing', '15', undefined],
  ])('gives no deadline, without failing, when paytimeout is %s', (_, timeout, ordertime) => {
    const reading = v5({ paymentEnd: null }, (raw) => {
      if (timeout === undefined) delete raw.paytimeout;
      else raw.paytimeout = timeout;
      if (ordertime === undefined) delete raw.ordertime;
      else raw.ordertime = ordertime;
    });
    expect(reading.order).toMatchObject({ state: 'unpaid', deadline: null });
  });

  it('reads the verbatim document sample without failing', () => {
    const reading = readable(v5OrderToOrder(v5OrderSchema.parse(v5Seed), { venueUrl: VENUE, accountId: 'acc-1' }));
    expect(reading.status).toMatchObject({ known: false, zh: 'sample string 27' });
    expect(reading.order).toMatchObject({
      id: 'sample string 31',
      title: 'sample string 9',
      passengers: ['sample string 5'],
      amountYuan: 3,
      departure: null,
      // 2025-12-06 12:13:33.342 Beijing
      deadline: Date.UTC(2025, 11, 6, 4, 13, 33, 342),
      statusText: 'sample string 27',
    });
  });

  it.each(['3', '4', '5', '7', 'B', 'X', 'D'])('gives no order for status %s, only the status', (code) => {
    const reading = v5({ status: code });
    expect(reading.order).toBeNull();
    expect(reading.status.code).toBe(code);
  });

  it('keeps an order in an undocumented state, with its deadline and the venue name', () => {
    const reading = v5({ status: '9', statusName: '待审核' });
    expect(reading.status.known).toBe(false);
    expect(reading.order).toMatchObject({ state: 'unpaid', deadline: DUE, statusText: '待审核' });
  });

  it('names the ticket holders, then the booker', () => {
    const withHolders = v5({}, (raw) => {
      raw.orderdetail = [
        { fullname: '张三', productname: '黄山门票' },
        { fullname: '李四', productname: '黄山门票' },
        { fullname: '张三', productname: '索道票' },
        { fullname: ' ' },
      ];
    });
    expect(withHolders.order).toMatchObject({ passengers: ['张三', '李四'], title: '黄山门票、索道票' });
    expect(v5({}, (raw) => void (raw.guestname = null)).order?.passengers).toEqual([]);
  });

  it('titles by theatrial, then description, then the order number', () => {
    expect(v5({}, (raw) => void (raw.theatrial = '印象西湖')).order?.title).toBe('印象西湖');
    const bare = v5({}, (raw) => {
      raw.theatrial = null;
      raw.orderdescription = '';
    });
    expect(bare.order?.title).toBe('20240501000123');
  });

  it.each([
    ['190.5', 190.5],
    [null, null],
    ['免费?', null],
  ])('reads summary %j as the amount', (summary, amount) => {
    expect(v5({}, (raw) => void (raw.summary = summary)).order?.amountYuan).toBe(amount);
  });

  it.each([
    ['2024-05-02', VISIT],
    ['sample string 15', null],
    [null, null],
  ])('reads effectdate %j as the visit day', (effectdate, departure) => {
    expect(v5({}, (raw) => void (raw.effectdate = effectdate)).order?.departure).toBe(departure);
  });
});

describe('v3OrderToOrder', () => {
  it('maps an order awaiting payment: ordertime + paytimeout, no names', () => {
    expect(v3({ payTimeoutMinutes: 15 })).toEqual({
      status: expect.objectContaining({ code: '0', awaitingPayment: true }),
      order: {
        source: 'ticket-system',
        accountId: 'acc-1',
        id: '20240501000456',
        state: 'unpaid',
        title: '黄山风景区门票',
        route: null,
        departure: VISIT,
        passengers: [],
        amountYuan: 190,
        deadline: DUE,
        statusText: null,
        payUrl: VENUE,
        queue: null,
      },
    });
  });

  it('reads paytimeout given as text too', () => {
    expect(v3({}, (raw) => void (raw.paytimeout = '45')).order?.deadline).toBe(PLACED + 45 * MINUTE);
  });

  it('gives no deadline, without failing, for a malformed ordertime', () => {
    expect(v3({}, (raw) => void (raw.ordertime = '20241301194500')).order?.deadline).toBeNull();
    expect(v3({}, (raw) => void (raw.ordertime = 'sample string 2')).order?.deadline).toBeNull();
  });

  it('titles by ticket types, then description, when there are no detail lines', () => {
    expect(v3({}, (raw) => void (raw.orderviewdetail = null)).order?.title).toBe('散客票2张');
    const bare = v3({}, (raw) => {
      raw.orderviewdetail = [];
      raw.tickettypedesc = null;
    });
    expect(bare.order?.title).toBe('黄山风景区门票2张');
  });

  it.each(['3', '4', '5', '7', 'B', 'X', 'D'])('gives no order for status %s', (code) => {
    expect(v3({ status: code }).order).toBeNull();
  });

  it('reads the verbatim document sample without failing', () => {
    const reading = readable(v3OrderToOrder(v3OrderSchema.parse(v3Seed), { venueUrl: VENUE, accountId: 'acc-1' }));
    expect(reading.status).toMatchObject({ known: false, zh: '未知状态（sample string 7）' });
    expect(reading.order).toMatchObject({ id: 'sample string 1', deadline: null, departure: null, amountYuan: 9 });
  });
});

describe('a paytimeout so large the deadline is no real instant', () => {
  const options = { venueUrl: VENUE, accountId: 'acc-1' };
  const v5Raw = (paytimeout: unknown) => ({
    ...v5Order({ orderId: '20240501000123', placed: PLACED, paymentEnd: null }),
    paytimeout,
  });
  const v3Raw = (paytimeout: unknown) => ({ ...v3Order({ orderId: '20240501000456', placed: PLACED }), paytimeout });

  it.each([
    ['text past the largest number', '1e305'],
    ['a number past the largest number', 1e305],
    ['past the last date a Date holds', 1e12],
  ])('makes the reply unreadable, not an order with no deadline: %s', (_, paytimeout) => {
    expect(v5OrderToOrder(v5OrderSchema.parse(v5Raw(paytimeout)), options)).toEqual({
      unreadable: expect.stringContaining('paytimeout'),
    });
    expect(v3OrderToOrder(v3OrderSchema.parse(v3Raw(paytimeout)), options)).toEqual({
      unreadable: expect.stringContaining('paytimeout'),
    });
  });

  it('does not matter once the order needs no payment', () => {
    expect(v5OrderToOrder(v5OrderSchema.parse({ ...v5Raw('1e305'), statuscode: '3' }), options)).toMatchObject({
      order: null,
    });
  });
});

describe('parseVenueDate', () => {
  // 2025-12-06 12:13:33 Beijing = 04:13:33 UTC, whatever zone the test runs in.
  const BEIJING_NOON = Date.UTC(2025, 11, 6, 4, 13, 33);

  it.each([
    ['2025-12-06T12:13:33.3429041+08:00', BEIJING_NOON + 342],
    ['2025-12-06T12:13:33+08:00', BEIJING_NOON],
    ['2025-12-06T12:13:33+0800', BEIJING_NOON],
    ['2025-12-06T04:13:33Z', BEIJING_NOON],
    ['2025-12-06T04:13:33.5z', BEIJING_NOON + 500],
    ['2025-12-05T23:13:33-05:00', BEIJING_NOON],
    ['2025-12-06T12:13:33', BEIJING_NOON],
    ['2025-12-06 12:13', BEIJING_NOON - 33_000],
    ['/Date(1764994413000+0800)/', BEIJING_NOON],
  ])('reads %s', (text, instant) => {
    expect(parseVenueDate(text)).toBe(instant);
  });

  it.each([
    null,
    undefined,
    '',
    'sample string',
    '0001-01-01T00:00:00',
    '2025-13-06T12:13:33+08:00',
    '/Date(0)/',
    // Past the last instant a Date holds: no deadline that can be shown.
    `/Date(${'9'.repeat(30)})/`,
  ])('gives null for %j', (text) => {
    expect(parseVenueDate(text)).toBeNull();
  });
});
