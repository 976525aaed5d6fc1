import { describe, expect, it } from 'vitest';
import seedReply from '../../../fixtures/12306/seed-reply.json' with { type: 'json' };
import {
  beijingText,
  busyJson,
  ERROR_PAGE_HTML,
  LOGGED_OUT_JSON,
  MALFORMED_JSON,
  NOTHING_DATA_EMPTY_STRING_JSON,
  NOTHING_DATA_NULL_JSON,
  NOTHING_UNFINISHED_JSON,
  PASSPORT_HTML,
  queuingJson,
  unpaidOrdersJson,
} from '../../../fixtures/12306/replies';

// The fixtures feed the unit tests and the end-to-end fake server; a fixture that drifted from the
// seed would make every test built on it prove nothing.

// 2020-03-23 14:57:09 and 2020-03-25 06:36 Beijing time (UTC+8).
const SEED_PAY_LIMIT = Date.UTC(2020, 2, 23, 6, 57, 9);
const SEED_DEPARTURE = Date.UTC(2020, 2, 24, 22, 36);

describe('beijingText', () => {
  it('writes an instant as Beijing wall-clock time whatever the machine zone', () => {
    expect(beijingText(SEED_PAY_LIMIT)).toBe('2020-03-23 14:57:09');
    expect(beijingText(SEED_DEPARTURE, false)).toBe('2020-03-25 06:36');
  });

  it('crosses midnight and year ends in Beijing, not in the machine zone', () => {
    expect(beijingText(Date.UTC(2019, 11, 31, 16, 0, 0))).toBe('2020-01-01 00:00:00');
    expect(beijingText(Date.UTC(2024, 1, 28, 23, 59, 59))).toBe('2024-02-29 07:59:59');
  });
});

describe('unpaidOrdersJson', () => {
  it('reproduces the seed reply from the seed order', () => {
    const json = unpaidOrdersJson([{ sequenceNo: 'E849708636', payLimit: SEED_PAY_LIMIT, departure: SEED_DEPARTURE }]);
    expect(JSON.parse(json)).toEqual(seedReply);
  });

  it('defaults the departure to two days after the pay limit', () => {
    const reply = JSON.parse(unpaidOrdersJson([{ sequenceNo: 'E1', payLimit: SEED_PAY_LIMIT }]));
    expect(reply.data.orderDBList[0].start_train_date_page).toBe('2020-03-25 14:57');
  });

  it('writes one ticket per passenger with fen prices and Beijing times', () => {
    const reply = JSON.parse(
      unpaidOrdersJson([
        {
          sequenceNo: 'E200000001',
          train: 'D5',
          from: '北京西',
          to: '广州南',
          departure: Date.UTC(2024, 0, 31, 17, 5),
          payLimit: Date.UTC(2024, 0, 30, 2, 10, 0),
          passengers: ['张三', '李四'],
          priceYuan: 862.5,
          statusCode: 'j',
          statusName: '改签待支付',
        },
      ]),
    );
    const order = reply.data.orderDBList[0];
    expect(order).toMatchObject({
      sequence_no: 'E200000001',
      order_date: '2024-01-30 09:40:00',
      ticket_totalnum: 2,
      ticket_price_all: 172500,
      ticket_total_price_page: '1725.0',
      array_passser_name_page: ['张三', '李四'],
      from_station_name_page: ['北京西'],
      to_station_name_page: ['广州南'],
      train_code_page: 'D5',
      start_train_date_page: '2024-02-01 01:05',
      pay_resign_flag: 'Y',
    });
    expect(order.tickets).toHaveLength(2);
    const names = order.tickets.map((t: { passengerDTO: { passenger_name: string } }) => t.passengerDTO.passenger_name);
    expect(names).toEqual(['张三', '李四']);
    const ticketNumbers = new Set(order.tickets.map((t: { ticket_no: string }) => t.ticket_no));
    expect(ticketNumbers.size).toBe(2);
    for (const ticket of order.tickets) {
      expect(ticket).toMatchObject({
        sequence_no: 'E200000001',
        reserve_time: '2024-01-30 09:40:00',
        pay_limit_time: '2024-01-30 10:10:00',
        lose_time: '2024-01-30 10:10:00',
        ticket_price: 86250,
        str_ticket_price_page: '862.5',
        ticket_status_code: 'j',
        ticket_status_name: '改签待支付',
        start_train_date_page: '2024-02-01 01:05',
        train_date: '2024-02-01 00:00:00',
      });
      expect(ticket.stationTrainDTO).toMatchObject({
        station_train_code: 'D5',
        from_station_name: '北京西',
        to_station_name: '广州南',
        from_station_telecode: 'BXP',
        to_station_telecode: 'IZQ',
      });
    }
  });

  it('gives unknown stations distinct three-letter codes', () => {
    const reply = JSON.parse(
      unpaidOrdersJson([{ sequenceNo: 'E1', from: '甲站', to: '乙站', payLimit: SEED_PAY_LIMIT }]),
    );
    const train = reply.data.orderDBList[0].tickets[0].stationTrainDTO;
    expect(train.from_station_telecode).toMatch(/^[A-Z]{3}$/);
    expect(train.to_station_telecode).toMatch(/^[A-Z]{3}$/);
    expect(train.from_station_telecode).not.toBe(train.to_station_telecode);
  });

  it('does not share state between calls', () => {
    const first = unpaidOrdersJson([{ sequenceNo: 'E1', payLimit: SEED_PAY_LIMIT, passengers: ['甲'] }]);
    unpaidOrdersJson([{ sequenceNo: 'E2', payLimit: SEED_PAY_LIMIT + 1000, passengers: ['乙', '丙'] }]);
    expect(unpaidOrdersJson([{ sequenceNo: 'E1', payLimit: SEED_PAY_LIMIT, passengers: ['甲'] }])).toBe(first);
    expect(seedReply.data.orderDBList[0]!.sequence_no).toBe('E849708636');
  });
});

describe('queuingJson', () => {
  it('writes requestId as a bare integer literal beyond 2^53', () => {
    const json = queuingJson();
    const literal = /"requestId":(\d+)[,}]/.exec(json)?.[1];
    expect(literal).toBeDefined();
    expect(BigInt(literal!) > 2n ** 53n).toBe(true);
  });

  it('carries every orderCacheDTO field the notes list', () => {
    const reply = JSON.parse(queuingJson({ message: '占座失败', waitTime: -2 }));
    expect(reply.status).toBe(true);
    expect(reply.data.to_page).toBe('cache');
    const dto = reply.data.orderCacheDTO;
    for (const field of [
      'requestId',
      'userId',
      'number',
      'tourFlag',
      'requestTime',
      'queueOffset',
      'queueName',
      'trainDate',
      'startTime',
      'stationTrainCode',
      'fromStationCode',
      'fromStationName',
      'toStationCode',
      'toStationName',
      'status',
      'message',
      'modifyTime',
      'tickets',
      'waitTime',
      'waitCount',
      'ticketCount',
      'startTimeString',
      'array_passser_name_page',
    ]) {
      expect(dto, field).toHaveProperty(field);
    }
    expect(dto.tourFlag).toBe('dc');
    expect(typeof dto.status).toBe('number');
    expect(dto.message).toEqual({ messageKey: expect.any(String), message: '占座失败' });
    expect(dto.waitTime).toBe(-2);
    expect(Object.keys(dto.tickets[0]).sort()).toEqual(
      ['passengerIdTypeName', 'passengerName', 'seatTypeCode', 'seatTypeName', 'ticketTypeName'].sort(),
    );
  });

  it('applies its options', () => {
    const dto = JSON.parse(
      queuingJson({
        train: 'G7',
        from: '上海',
        to: '杭州东',
        waitTime: 120,
        passengers: ['甲', '乙'],
        trainDate: '2024-10-01',
      }),
    ).data.orderCacheDTO;
    expect(dto).toMatchObject({
      stationTrainCode: 'G7',
      fromStationName: '上海',
      fromStationCode: 'SHH',
      toStationName: '杭州东',
      toStationCode: 'HGH',
      waitTime: 120,
      array_passser_name_page: ['甲', '乙'],
      trainDate: '2024-10-01 00:00:00',
      startTimeString: '2024-10-01 06:36',
      message: null,
    });
    expect(dto.tickets.map((t: { passengerName: string }) => t.passengerName)).toEqual(['甲', '乙']);
  });
});

describe('the fixed replies', () => {
  it('have the forms the notes describe', () => {
    const nothing = JSON.parse(NOTHING_UNFINISHED_JSON);
    expect(nothing).toMatchObject({ status: true, messages: [] });
    expect(nothing).not.toHaveProperty('data');
    expect(JSON.parse(NOTHING_DATA_NULL_JSON)).toMatchObject({ status: true, messages: [], data: null });
    expect(JSON.parse(NOTHING_DATA_EMPTY_STRING_JSON)).toMatchObject({ status: true, messages: [], data: '' });
    expect(JSON.parse(LOGGED_OUT_JSON)).toMatchObject({ url: 'login/init', status: true, messages: ['用户未登录'] });
    expect(JSON.parse(busyJson('系统忙'))).toMatchObject({ status: false, httpstatus: 200, messages: ['系统忙'] });
    expect(() => JSON.parse(MALFORMED_JSON)).toThrow();
    expect(MALFORMED_JSON.startsWith('{')).toBe(true);
  });

  it('include HTML pages with a title and Chinese text', () => {
    expect(PASSPORT_HTML).toMatch(/<title>[^<]*12306[^<]*<\/title>/);
    expect(PASSPORT_HTML).toMatch(/登录/);
    expect(ERROR_PAGE_HTML).toMatch(/<title>/);
    expect(ERROR_PAGE_HTML).toMatch(/网络繁忙|系统忙/);
  });
});
