import { describe, expect, it } from 'vitest';
import { LOGGED_OUT_JSON as MAIN_LOGGED_OUT_JSON } from '../../../../fixtures/12306/replies';
import {
  awaitingPrepayJson,
  LOGGED_OUT_JSON,
  WAITLIST_MALFORMED_JSON,
  WAITLIST_NOTHING_JSON,
  waitlistFailedJson,
  waitlistQueryFailedJson,
  waitlistQueuingJson,
} from '../../../../fixtures/12306/waitlist-replies';

// The fixtures feed the unit tests and the end-to-end fake server; one that drifted from what the
// notes and the captured order object say would make every test built on it prove nothing.

// 2024-04-22 15:27:20 Beijing time (UTC+8).
const LOSE_TIME = Date.UTC(2024, 3, 22, 7, 27, 20);

describe('awaitingPrepayJson', () => {
  const reply = JSON.parse(
    awaitingPrepayJson(
      {
        reserveNo: 'EH9071000300612700',
        needs: [{ train: 'G3124', from: '上海', to: '常州', departure: Date.UTC(2024, 3, 30, 22, 6) }],
        passengers: ['何一', '何二'],
      },
      LOSE_TIME,
    ),
  );

  it('has the envelope and every data field the notes list', () => {
    expect(reply).toMatchObject({ status: true, httpstatus: 200, messages: [] });
    expect(reply.data).toMatchObject({ flag: true, status: 1, loseTime: LOSE_TIME });
    expect(typeof reply.data.beginTime).toBe('number');
    expect(reply.data.beginTime).toBeLessThan(LOSE_TIME);
    for (const field of [
      'reserve_no',
      'status_code',
      'status_name',
      'prepay_amount',
      'ticket_price',
      'reserve_time',
      'realize_limit_time',
      'needs',
      'passengers',
    ]) {
      expect(reply.data.order, field).toHaveProperty(field);
    }
  });

  it('writes the order as the captured one: string codes and amounts, Beijing times', () => {
    const { order } = reply.data;
    expect(order).toMatchObject({
      reserve_no: 'EH9071000300612700',
      status_code: '01',
      status_name: '待支付',
      prepay_amount: '136.0',
      reserve_time: '2024-04-22',
      realize_limit_time: '2024-05-01 00:06:00',
    });
    expect(order.needs[0]).toMatchObject({
      board_train_code: 'G3124',
      from_station_name: '上海',
      to_station_name: '常州',
      from_tele_code: 'SHH',
      to_tele_code: 'CZH',
      train_date: '2024-05-01',
      start_time: '06:06',
      local_start_time: '202405010606',
      train_date_str: '2024年5月1日',
      seat_name: '二等座',
    });
    expect(order.passengers.map((p: { passenger_name: string }) => p.passenger_name)).toEqual(['何一', '何二']);
    // ID numbers are masked, as 12306 sends them.
    for (const p of order.passengers) expect(p.passenger_id_no).toMatch(/^\d{4}\*+\d{3}$/);
  });

  it('is stable: the same arguments give the same text', () => {
    expect(awaitingPrepayJson({ reserveNo: 'EH1' }, LOSE_TIME)).toBe(
      awaitingPrepayJson({ reserveNo: 'EH1' }, LOSE_TIME),
    );
  });
});

describe('the other waitlist replies', () => {
  it('have the forms the notes describe', () => {
    expect(JSON.parse(WAITLIST_NOTHING_JSON).data).toMatchObject({ flag: true, status: 2 });
    expect(JSON.parse(waitlistQueuingJson()).data).toEqual({ flag: true, status: 0, isAsync: true });
    const queued = JSON.parse(waitlistQueuingJson({ order: { reserveNo: 'EH2' } })).data;
    expect(queued).toMatchObject({ status: 0, order: { reserve_no: 'EH2', status_code: '00' } });
    expect(queued).not.toHaveProperty('loseTime');
    const failed = JSON.parse(waitlistFailedJson('排队失败'));
    expect(failed).toMatchObject({ status: true, messages: ['排队失败'], data: { status: -1 } });
    expect(JSON.parse(waitlistQueryFailedJson('系统忙'))).toMatchObject({ data: { flag: false, msg: '系统忙' } });
    expect(() => JSON.parse(WAITLIST_MALFORMED_JSON)).toThrow();
    expect(WAITLIST_MALFORMED_JSON.startsWith('{')).toBe(true);
  });

  it('share the logged-out form with the main query', () => {
    expect(LOGGED_OUT_JSON).toBe(MAIN_LOGGED_OUT_JSON);
  });
});
