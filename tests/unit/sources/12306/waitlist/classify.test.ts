import { describe, expect, it } from 'vitest';
import type { Order } from '@/lib/orders/model';
import { classifyReply, type HttpResult } from '@/lib/sources/12306/classify';
import type { Outcome } from '@/lib/sources/outcome';
import { classifyWaitlistReply } from '@/lib/sources/12306/waitlist/classify';
import { LINEUP_PAGE_URL, WAITLIST_QUEUE_URL } from '@/lib/sources/12306/waitlist/endpoints';
import {
  awaitingPrepayJson,
  busyJson,
  ERROR_PAGE_HTML,
  LOGGED_OUT_JSON,
  PASSPORT_HTML,
  WAITLIST_MALFORMED_JSON,
  WAITLIST_NOTHING_JSON,
  waitlistFailedJson,
  waitlistQueryFailedJson,
  waitlistQueuingJson,
  type FixtureWaitlistOrder,
} from '../../../../fixtures/12306/waitlist-replies';

const JSON_TYPE = 'application/json;charset=UTF-8';
const HTML_TYPE = 'text/html;charset=utf-8';
const PASSPORT_URL = 'https://kyfw.12306.cn/otn/passport?redirect=/otn/login/userLogin';
const MINUTE = 60_000;

// 2024-04-22 15:27:20 Beijing (07:27:20 UTC): the prepay deadline of the captured waitlist order.
const LOSE_TIME = Date.UTC(2024, 3, 22, 7, 27, 20);
// 2024-05-01 06:06 Beijing (2024-04-30 22:06 UTC, still 04-30 in Los Angeles and UTC).
const DEPARTURE = Date.UTC(2024, 3, 30, 22, 6);

const ORDER: FixtureWaitlistOrder = {
  reserveNo: 'EH9071000300612700',
  needs: [{ train: 'G3124', from: '上海', to: '常州', departure: DEPARTURE }],
  passengers: ['张三', '李四'],
  shareYuan: 68,
};

function reply(
  body: string,
  options: { status?: number; redirected?: boolean; url?: string; contentType?: string } = {},
): HttpResult {
  return {
    kind: 'reply',
    status: options.status ?? 200,
    redirected: options.redirected ?? false,
    url: options.url ?? WAITLIST_QUEUE_URL,
    contentType: options.contentType ?? JSON_TYPE,
    body,
  };
}

const classify = (body: string, options?: Parameters<typeof reply>[1]) => classifyWaitlistReply(reply(body, options));

function ordersOf(outcome: Outcome): Order[] {
  if (!('orders' in outcome)) throw new Error(`expected orders, got ${JSON.stringify(outcome)}`);
  return outcome.orders;
}

function onlyOrder(outcome: Outcome): Order {
  const orders = ordersOf(outcome);
  expect(orders).toHaveLength(1);
  return orders[0]!;
}

/** The detail a failed outcome carries is shown to the user: short plain text, never markup. */
function expectPlainDetail(outcome: Outcome) {
  if (!('detail' in outcome)) throw new Error(`expected a detail, got ${JSON.stringify(outcome)}`);
  expect(outcome.detail.length).toBeGreaterThan(0);
  expect(outcome.detail.length).toBeLessThanOrEqual(161);
  expect(outcome.detail).not.toContain('<');
  expect(outcome.detail).not.toMatch(/[\n\r\t]/);
}

/** A fixture reply, parsed for tweaking before it is written back (typed loosely on purpose). */
type Raw = Record<string, any>;
const tweak = (json: string, change: (reply: Raw) => void): string => {
  const parsed = JSON.parse(json) as Raw;
  change(parsed);
  return JSON.stringify(parsed);
};
const prepay = (change: (reply: Raw) => void = () => {}) => tweak(awaitingPrepayJson(ORDER, LOSE_TIME), change);

describe('classifyWaitlistReply: awaiting prepayment', () => {
  it('reads a succeeded waitlist order as unpaid, due at loseTime', () => {
    const outcome = classify(awaitingPrepayJson(ORDER, LOSE_TIME));
    expect(outcome.kind).toBe('unpaid');
    expect(ordersOf(outcome)).toEqual([
      {
        source: '12306-waitlist',
        id: 'EH9071000300612700',
        state: 'unpaid',
        title: 'G3124',
        route: '上海 → 常州',
        departure: DEPARTURE,
        passengers: ['张三', '李四'],
        amountYuan: 136,
        deadline: LOSE_TIME,
        // Plain 待支付 is left out: the source already says it is a waitlist prepayment.
        statusText: null,
        payUrl: LINEUP_PAGE_URL,
        queue: null,
      },
    ]);
  });

  it('takes loseTime as the deadline, not beginTime, wait_pay_time or realize_limit_time', () => {
    const order = onlyOrder(
      classify(
        prepay((r) => {
          r.data.beginTime = LOSE_TIME - 3 * MINUTE;
          r.data.wait_pay_time = '30';
          r.data.order.realize_limit_time = '2024-05-01 00:06:00';
        }),
      ),
    );
    expect(order.deadline).toBe(LOSE_TIME);
  });

  it('lists every train of an order with several alternatives', () => {
    const json = awaitingPrepayJson(
      {
        ...ORDER,
        needs: [
          { train: 'G3124', departure: DEPARTURE },
          { train: 'G7050', departure: DEPARTURE + 40 * MINUTE },
          { train: 'G3124', departure: DEPARTURE, seat: '一等座' },
        ],
      },
      LOSE_TIME,
    );
    const order = onlyOrder(classify(json));
    expect(order.title).toBe('G3124 / G7050');
    expect(order.route).toBe('上海 → 常州');
    // The alternatives leave at different times: no one departure is the order's.
    expect(order.departure).toBeNull();
  });

  it('names alternatives between different stations', () => {
    const json = awaitingPrepayJson(
      {
        ...ORDER,
        needs: [
          { from: '上海', to: '常州' },
          { train: 'G7', from: '上海虹桥', to: '南京南' },
        ],
      },
      LOSE_TIME,
    );
    expect(onlyOrder(classify(json)).route).toBe('上海 → 常州 / 上海虹桥 → 南京南');
  });

  it('keeps a status name beyond plain 待支付', () => {
    const order = onlyOrder(classify(prepay((r) => (r.data.order.status_name = '待支付（部分兑现）'))));
    expect(order.statusText).toBe('待支付（部分兑现）');
  });

  it.each([
    ['status as a string', (r: Raw) => (r.data.status = '1')],
    ['status_code as a number', (r: Raw) => (r.data.order.status_code = 1)],
    ['loseTime as a string of digits', (r: Raw) => (r.data.loseTime = String(LOSE_TIME))],
    ['loseTime as Beijing text', (r: Raw) => (r.data.loseTime = '2024-04-22 15:27:20')],
    ['loseTime as compact Beijing text', (r: Raw) => (r.data.loseTime = '20240422152720')],
    ['prepay_amount as a number', (r: Raw) => (r.data.order.prepay_amount = 136)],
  ])('reads %s', (_, change) => {
    const order = onlyOrder(classify(prepay(change)));
    expect(order).toMatchObject({ state: 'unpaid', deadline: LOSE_TIME, amountYuan: 136 });
  });

  it('ignores fields it does not know, anywhere', () => {
    const order = onlyOrder(
      classify(
        prepay((r) => {
          r.newTopLevel = { a: 1 };
          r.data.somethingNew = [1, 2, 3];
          r.data.order.extra = { nested: true };
          r.data.order.needs[0].extra = null;
          r.data.order.passengers[0].extra = 'x';
        }),
      ),
    );
    expect(order).toMatchObject({ id: 'EH9071000300612700', deadline: LOSE_TIME, title: 'G3124' });
  });

  it('does without everything it only shows', () => {
    const json = prepay((r) => {
      const order = r.data.order;
      for (const key of Object.keys(order)) if (key !== 'reserve_no') delete order[key];
    });
    expect(classify(json)).toEqual({
      kind: 'unpaid',
      orders: [
        {
          source: '12306-waitlist',
          id: 'EH9071000300612700',
          state: 'unpaid',
          title: 'EH9071000300612700',
          route: null,
          departure: null,
          passengers: [],
          amountYuan: null,
          deadline: LOSE_TIME,
          statusText: null,
          payUrl: LINEUP_PAGE_URL,
          queue: null,
        },
      ],
    });
  });

  it('reads shown fields of the wrong type as missing, not as an unreadable reply', () => {
    const order = onlyOrder(
      classify(
        prepay((r) => {
          r.data.order.status_name = 7;
          r.data.order.prepay_amount = { yuan: 136 };
          r.data.order.passengers = 'nobody';
          r.data.order.needs[0].board_train_code = 3124;
          r.data.order.needs[0].from_station_name = ['上海'];
        }),
      ),
    );
    expect(order).toMatchObject({
      title: 'EH9071000300612700',
      route: 'SHH → 常州', // the telegraph code stands in for the unreadable name
      passengers: [],
      amountYuan: null,
      deadline: LOSE_TIME,
    });
  });

  it('drops an unreadable need or passenger without dropping the readable ones', () => {
    const json = tweak(
      awaitingPrepayJson({ ...ORDER, needs: [{ train: 'G3124' }, { train: 'G7050' }] }, LOSE_TIME),
      (r) => {
        r.data.order.needs.unshift(42, null, 'G1');
        r.data.order.passengers.splice(1, 0, 'x', null, { passenger_name: '' }, { passenger_name: 5 });
      },
    );
    const order = onlyOrder(classify(json));
    expect(order.title).toBe('G3124 / G7050');
    expect(order.passengers).toEqual(['张三', '李四']);
  });

  it.each([
    ['missing', undefined],
    ['null', null],
    ['empty', ''],
    ['not a number', '明天'],
    ['a nonsense date', '2024-13-40 25:00:00'],
    ['zero', 0],
    ['negative', -1],
    ['in seconds', Math.floor(LOSE_TIME / 1000)],
    ['the 2099 placeholder', Date.UTC(2099, 11, 31, 15, 59, 59)],
    ['an object', { time: LOSE_TIME }],
    ['true', true],
    ['a huge number', 1e300],
  ])('reports an order awaiting prepayment whose loseTime is %s as unexpected', (_, value) => {
    const outcome = classify(
      prepay((r) => {
        if (value === undefined) delete r.data.loseTime;
        else r.data.loseTime = value;
      }),
    );
    expect(outcome.kind).toBe('unexpected');
    expectPlainDetail(outcome);
    expect('detail' in outcome && outcome.detail).toContain('loseTime');
  });

  it.each([
    ['missing', (r: Raw) => delete r.data.order],
    ['null', (r: Raw) => (r.data.order = null)],
    ['not an object', (r: Raw) => (r.data.order = 'EH9071000300612700')],
  ])('reports a succeeded queue whose order is %s as unexpected, not as nothing', (_, change) => {
    const outcome = classify(prepay(change));
    expect(outcome.kind).toBe('unexpected');
    expectPlainDetail(outcome);
  });

  it('names the order by its trains when it has no number', () => {
    const order = onlyOrder(classify(prepay((r) => delete r.data.order.reserve_no)));
    expect(order.id).toBe('trains:2024-05-01:G3124:SHH:CZH');
    expect(order.deadline).toBe(LOSE_TIME);
    // The same order asked about again is the same order.
    expect(onlyOrder(classify(prepay((r) => (r.data.order.reserve_no = '  ')))).id).toBe(order.id);
  });

  it('reports an order awaiting prepayment that names neither its number nor a train as unexpected', () => {
    const outcome = classify(
      prepay((r) => {
        delete r.data.order.reserve_no;
        r.data.order.needs = [];
      }),
    );
    expect(outcome.kind).toBe('unexpected');
  });

  it("follows the order's own status over the queue status", () => {
    // 04 待兑现: already prepaid, waiting for seats; nothing to pay.
    const prepaid = prepay((r) => {
      r.data.order.status_code = '04';
      r.data.order.status_name = '待兑现';
    });
    expect(classify(prepaid)).toEqual({ kind: 'none', orders: [] });
    // 01 待支付 with a queue status we do not know still awaits prepayment.
    const odd = prepay((r) => (r.data.status = 5));
    expect(onlyOrder(classify(odd))).toMatchObject({ state: 'unpaid', deadline: LOSE_TIME });
  });

  it.each(['05', '06', '07', '08'])('reads order status %s as nothing to pay', (code) => {
    expect(classify(prepay((r) => (r.data.order.status_code = code))).kind).toBe('none');
  });

  it('counts an unknown status that carries a real deadline', () => {
    const json = prepay((r) => {
      r.data.status = 9;
      r.data.order.status_code = '99';
      r.data.order.status_name = '新状态';
    });
    expect(onlyOrder(classify(json))).toMatchObject({ state: 'unpaid', deadline: LOSE_TIME, statusText: '新状态' });
  });

  it('reports an unknown status without an order or a deadline as unexpected', () => {
    expect(
      classify(prepay((r) => ((r.data.status = 9), (r.data.order.status_code = '99'), delete r.data.loseTime))).kind,
    ).toBe('unexpected');
    expect(classify(tweak(WAITLIST_NOTHING_JSON, (r) => (r.data.status = 'later'))).kind).toBe('unexpected');
    expect(classify(tweak(WAITLIST_NOTHING_JSON, (r) => delete r.data.status)).kind).toBe('unexpected');
  });
});

describe('classifyWaitlistReply: nothing to prepay', () => {
  it.each([
    ['status 2', WAITLIST_NOTHING_JSON],
    ['status "2"', tweak(WAITLIST_NOTHING_JSON, (r) => (r.data.status = '2'))],
    ['no data key', tweak(WAITLIST_NOTHING_JSON, (r) => delete r.data)],
    ['data null', tweak(WAITLIST_NOTHING_JSON, (r) => (r.data = null))],
    ['data ""', tweak(WAITLIST_NOTHING_JSON, (r) => (r.data = ''))],
    ['a failed queue', waitlistFailedJson()],
    ['status 2 with an unreadable order', tweak(WAITLIST_NOTHING_JSON, (r) => (r.data.order = 17))],
  ])('reads %s as none', (_, json) => {
    expect(classify(json)).toEqual({ kind: 'none', orders: [] });
  });
});

describe('classifyWaitlistReply: still queuing', () => {
  it('reads a queuing request without an order as queuing, with nothing to show yet', () => {
    expect(classify(waitlistQueuingJson())).toEqual({ kind: 'queuing', orders: [] });
  });

  it('shows a queuing request that comes with its order, without a deadline', () => {
    const order = onlyOrder(classify(waitlistQueuingJson({ order: ORDER })));
    expect(order).toMatchObject({
      source: '12306-waitlist',
      id: 'EH9071000300612700',
      state: 'queuing',
      title: 'G3124',
      route: '上海 → 常州',
      departure: DEPARTURE,
      deadline: null,
      statusText: null,
      payUrl: LINEUP_PAGE_URL,
      queue: { waitSeconds: null, outcome: 'waiting', message: null },
    });
  });

  it("shows a failed request that comes with its order as a failed queue, with 12306's words", () => {
    const json = tweak(waitlistQueuingJson({ order: ORDER }), (r) => {
      r.data.status = -1;
      r.data.msg = '  候补排队失败  ';
    });
    expect(onlyOrder(classify(json)).queue).toEqual({ waitSeconds: null, outcome: 'failed', message: '候补排队失败' });
  });
});

describe('classifyWaitlistReply: a failed queue', () => {
  it("keeps 12306's reason from the envelope's messages when msg is absent", () => {
    const json = tweak(waitlistQueuingJson({ order: ORDER }), (r) => {
      r.data.status = -1;
      r.messages = ['很抱歉，您的候补订单排队失败'];
    });
    expect(onlyOrder(classify(json)).queue).toEqual({
      waitSeconds: null,
      outcome: 'failed',
      message: '很抱歉，您的候补订单排队失败',
    });
  });
});

describe('classifyWaitlistReply: the query itself failed', () => {
  it.each([
    ['系统忙，请稍后再试', 'busy'],
    ['用户未登录', 'loggedOut'],
    ['非法请求', 'rejected'],
    ['候补功能暂停使用', 'unexpected'],
  ] as const)('reads flag false with %s as %s', (msg, kind) => {
    expect(classify(waitlistQueryFailedJson(msg))).toEqual({ kind, detail: msg });
  });

  it('reads flag false without a reason as unexpected, with an excerpt', () => {
    const outcome = classify(tweak(waitlistQueryFailedJson(''), (r) => delete r.data.msg));
    expect(outcome.kind).toBe('unexpected');
    expectPlainDetail(outcome);
  });

  it('shows a reason with markup as plain text', () => {
    const outcome = classify(waitlistQueryFailedJson('<b>候补</b>服务<a href="/x">暂停</a>'));
    expect(outcome).toEqual({ kind: 'unexpected', detail: '候补 服务 暂停' });
  });
});

describe('classifyWaitlistReply: the forms every 12306 query shares', () => {
  it.each([
    [
      'the followed redirect to the passport page',
      reply(PASSPORT_HTML, { redirected: true, url: PASSPORT_URL, contentType: HTML_TYPE }),
      'loggedOut',
    ],
    ['the old 用户未登录 JSON (status true)', reply(LOGGED_OUT_JSON), 'loggedOut'],
    ['a 200 login page in place of JSON', reply(PASSPORT_HTML, { contentType: HTML_TYPE }), 'loggedOut'],
    [
      'the redirect to /otn/login/error',
      reply(ERROR_PAGE_HTML, {
        redirected: true,
        url: 'https://kyfw.12306.cn/otn/login/error',
        contentType: HTML_TYPE,
      }),
      'busy',
    ],
    [
      'the redirect to www error.html',
      reply(ERROR_PAGE_HTML, {
        redirected: true,
        url: 'https://www.12306.cn/mormhweb/logFiles/error.html',
        contentType: HTML_TYPE,
      }),
      'busy',
    ],
    ['busy JSON', reply(busyJson('网络繁忙')), 'busy'],
    ['HTTP 503', reply(ERROR_PAGE_HTML, { status: 503, contentType: HTML_TYPE }), 'busy'],
    ['an empty 200', reply(''), 'busy'],
    ['HTTP 403', reply('<h1>403 Forbidden</h1>', { status: 403, contentType: HTML_TYPE }), 'rejected'],
    ['HTTP 404', reply('<h1>404 Not Found</h1>', { status: 404, contentType: HTML_TYPE }), 'unexpected'],
    ['malformed JSON', reply(WAITLIST_MALFORMED_JSON), 'unexpected'],
    ['a JSON array', reply('[{"status":true}]'), 'unexpected'],
    ['status false with an unknown message', reply(busyJson('候补车次信息有误')), 'unexpected'],
    ['data that is not an object', reply(tweak(WAITLIST_NOTHING_JSON, (r) => (r.data = 'N'))), 'unexpected'],
  ] as const)('reads %s exactly as the main query does', (_, result, kind) => {
    const outcome = classifyWaitlistReply(result);
    expect(outcome.kind).toBe(kind);
    expectPlainDetail(outcome);
    if (kind !== 'unexpected') expect(outcome).toEqual(classifyReply(result));
  });

  it('passes timeouts and network failures through', () => {
    expect(classifyWaitlistReply({ kind: 'timeout' })).toEqual({ kind: 'timeout' });
    expect(classifyWaitlistReply({ kind: 'offline', detail: 'Failed to fetch' })).toEqual({
      kind: 'offline',
      detail: 'Failed to fetch',
    });
  });
});
