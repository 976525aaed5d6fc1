import { describe, expect, it } from 'vitest';
import { classifyReply, type HttpResult } from '@/lib/sources/12306/classify';
import type { Outcome } from '@/lib/sources/outcome';
import { LOGIN_PAGE_URL, PAY_PAGE_URL, UNFINISHED_ORDERS_URL } from '@/lib/sources/12306/endpoints';
import type { Order } from '@/lib/orders/model';
import seedReply from '../../../fixtures/12306/seed-reply.json' with { type: 'json' };
import {
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

const JSON_TYPE = 'application/json;charset=UTF-8';
const HTML_TYPE = 'text/html;charset=utf-8';
const PASSPORT_URL = 'https://kyfw.12306.cn/otn/passport?redirect=/otn/login/userLogin';

// 2020-03-23 14:57:09 and 2020-03-25 06:36 Beijing time (UTC+8): the seed order.
const SEED_DEADLINE = Date.UTC(2020, 2, 23, 6, 57, 9);
const SEED_DEPARTURE = Date.UTC(2020, 2, 24, 22, 36);
// Any fixed pay limit for orders built from fixtures: 2024-05-01 20:00:00 Beijing.
const PAY_LIMIT = Date.UTC(2024, 4, 1, 12, 0, 0);
const MINUTE = 60_000;

function reply(
  body: string,
  options: { status?: number; redirected?: boolean; url?: string; contentType?: string } = {},
): HttpResult {
  return {
    kind: 'reply',
    status: options.status ?? 200,
    redirected: options.redirected ?? false,
    url: options.url ?? UNFINISHED_ORDERS_URL,
    contentType: options.contentType ?? JSON_TYPE,
    body,
  };
}

const redirectedTo = (url: string, body: string, contentType = HTML_TYPE) =>
  reply(body, { redirected: true, url, contentType });

function ordersOf(outcome: Outcome): Order[] {
  if (!('orders' in outcome)) throw new Error(`expected orders, got ${JSON.stringify(outcome)}`);
  return outcome.orders;
}

/** The detail a failed outcome carries is shown to the user: short plain text, never markup. */
function expectPlainDetail(outcome: Outcome) {
  if (!('detail' in outcome)) throw new Error(`expected a detail, got ${JSON.stringify(outcome)}`);
  expect(typeof outcome.detail).toBe('string');
  expect(outcome.detail.length).toBeGreaterThan(0);
  expect(outcome.detail.length).toBeLessThanOrEqual(161);
  expect(outcome.detail).not.toContain('<');
  expect(outcome.detail).not.toMatch(/[\n\r\t]/);
}

/** A fixture reply, parsed for tweaking one field before it is written back (typed loosely on purpose). */
type Raw = Record<string, any>;
const tweak = (json: string, change: (reply: Raw) => void): string => {
  const parsed = JSON.parse(json) as Raw;
  change(parsed);
  return JSON.stringify(parsed);
};

describe('classifyReply: unpaid orders', () => {
  it('reads the verbatim seed reply', () => {
    const outcome = classifyReply(reply(JSON.stringify(seedReply)));
    expect(outcome.kind).toBe('unpaid');
    expect(ordersOf(outcome)).toEqual([
      {
        source: '12306',
        id: 'E849708636',
        state: 'unpaid',
        title: 'G101',
        route: '北京南 → 上海虹桥',
        departure: SEED_DEPARTURE,
        passengers: ['杨赟'],
        amountYuan: 553,
        deadline: SEED_DEADLINE,
        // Plain 待支付 is left out: every listed order awaits payment (lib/orders/model.ts).
        statusText: null,
        payUrl: PAY_PAGE_URL,
        queue: null,
      },
    ]);
  });

  it('reads the seed reply indented with tabs, as the seed document prints it', () => {
    const pretty = JSON.stringify(seedReply, null, '\t');
    const outcome = classifyReply(reply(pretty));
    expect(ordersOf(outcome).map((order) => order.deadline)).toEqual([SEED_DEADLINE]);
  });

  it('reads several orders, each with its own deadline, train and passengers', () => {
    const json = unpaidOrdersJson([
      { sequenceNo: 'E100000001', payLimit: PAY_LIMIT },
      {
        sequenceNo: 'E100000002',
        train: 'D311',
        from: '北京南',
        to: '上海',
        payLimit: PAY_LIMIT + 7 * MINUTE,
        departure: Date.UTC(2024, 4, 2, 13, 30),
        passengers: ['张三', '李四'],
        priceYuan: 409.5,
      },
      { sequenceNo: 'E100000003', train: 'G7', to: '杭州东', payLimit: PAY_LIMIT - 12 * MINUTE - 5_000 },
    ]);
    const orders = ordersOf(classifyReply(reply(json)));
    expect(orders.map((o) => [o.id, o.title, o.deadline])).toEqual([
      ['E100000001', 'G101', PAY_LIMIT],
      ['E100000002', 'D311', PAY_LIMIT + 7 * MINUTE],
      ['E100000003', 'G7', PAY_LIMIT - 12 * MINUTE - 5_000],
    ]);
    expect(orders[1]).toMatchObject({
      route: '北京南 → 上海',
      passengers: ['张三', '李四'],
      amountYuan: 819,
      departure: Date.UTC(2024, 4, 2, 13, 30),
      state: 'unpaid',
    });
    expect(orders[2]!.route).toBe('北京南 → 杭州东');
    // Default departure: two days after the pay limit.
    expect(orders[0]!.departure).toBe(PAY_LIMIT + 2 * 24 * 60 * MINUTE);
  });

  it('leaves out an order whose tickets are all settled', () => {
    const json = unpaidOrdersJson([
      { sequenceNo: 'E100000001', payLimit: PAY_LIMIT, statusCode: 'a', statusName: '已支付' },
    ]);
    expect(classifyReply(reply(json))).toEqual({ kind: 'none', orders: [] });
  });

  it.each([
    ['b', '已出票'],
    ['c', '已退票'],
    ['d', '已改签'],
  ])('leaves out settled code %s (%s)', (statusCode, statusName) => {
    const json = unpaidOrdersJson([{ sequenceNo: 'E100000001', payLimit: PAY_LIMIT, statusCode, statusName }]);
    expect(classifyReply(reply(json)).kind).toBe('none');
  });

  it('keeps only the orders awaiting payment when some are settled', () => {
    const json = unpaidOrdersJson([
      { sequenceNo: 'E100000001', payLimit: PAY_LIMIT, statusCode: 'a', statusName: '已支付' },
      { sequenceNo: 'E100000002', payLimit: PAY_LIMIT + MINUTE },
      { sequenceNo: 'E100000003', payLimit: PAY_LIMIT + 2 * MINUTE, statusCode: 'a', statusName: '已支付' },
    ]);
    const outcome = classifyReply(reply(json));
    expect(outcome.kind).toBe('unpaid');
    expect(ordersOf(outcome).map((o) => o.id)).toEqual(['E100000002']);
  });

  it('takes the deadline of the pending ticket when one ticket of an order is settled', () => {
    const json = tweak(
      unpaidOrdersJson([{ sequenceNo: 'E100000001', payLimit: PAY_LIMIT, passengers: ['甲', '乙'] }]),
      (r) => {
        const settled = r.data.orderDBList[0].tickets[0];
        settled.ticket_status_code = 'a';
        settled.ticket_status_name = '已支付';
        settled.pay_limit_time = '2024-05-01 19:00:00';
        settled.lose_time = '2024-05-01 19:00:00';
      },
    );
    const [order] = ordersOf(classifyReply(reply(json)));
    // The settled ticket's 已支付 is not the order's state.
    expect(order).toMatchObject({ id: 'E100000001', deadline: PAY_LIMIT, statusText: null });
  });

  it('names the state of an order that has a 改签待支付 ticket besides plain 待支付 ones', () => {
    const json = tweak(
      unpaidOrdersJson([{ sequenceNo: 'E100000001', payLimit: PAY_LIMIT, passengers: ['甲', '乙'] }]),
      (r) => {
        const changed = r.data.orderDBList[0].tickets[1];
        changed.ticket_status_code = 'j';
        changed.ticket_status_name = '改签待支付';
      },
    );
    expect(ordersOf(classifyReply(reply(json)))).toMatchObject([{ statusText: '改签待支付', deadline: PAY_LIMIT }]);
  });

  it('ignores the 2099 placeholder of a completed ticket', () => {
    // A ticket whose status code we do not know counts only when it has a real deadline.
    const placeholder = tweak(
      unpaidOrdersJson([{ sequenceNo: 'E100000001', payLimit: PAY_LIMIT, statusCode: 'z', statusName: '其他' }]),
      (r) => {
        const ticket = r.data.orderDBList[0].tickets[0];
        ticket.pay_limit_time = '2099-12-31 23:59:59';
        ticket.lose_time = '2099-12-31 23:59:59';
      },
    );
    expect(classifyReply(reply(placeholder))).toEqual({ kind: 'none', orders: [] });

    const paidWithPlaceholder = unpaidOrdersJson([
      { sequenceNo: 'E100000001', payLimit: PAY_LIMIT },
      {
        sequenceNo: 'E100000002',
        payLimit: Date.UTC(2099, 11, 31, 15, 59, 59),
        statusCode: 'a',
        statusName: '已支付',
      },
    ]);
    const orders = ordersOf(classifyReply(reply(paidWithPlaceholder)));
    expect(orders.map((o) => [o.id, o.deadline])).toEqual([['E100000001', PAY_LIMIT]]);
  });

  it('counts an unknown status code that carries a real deadline', () => {
    const json = unpaidOrdersJson([
      { sequenceNo: 'E100000001', payLimit: PAY_LIMIT, statusCode: 'z', statusName: '新状态' },
    ]);
    expect(ordersOf(classifyReply(reply(json)))).toMatchObject([{ deadline: PAY_LIMIT, statusText: '新状态' }]);
  });

  it.each([
    ['j', '改签待支付'],
    ['s', '变更到站待支付'],
  ])('counts %s (%s) as awaiting payment', (statusCode, statusName) => {
    const json = unpaidOrdersJson([{ sequenceNo: 'E100000001', payLimit: PAY_LIMIT, statusCode, statusName }]);
    const outcome = classifyReply(reply(json));
    expect(outcome.kind).toBe('unpaid');
    expect(ordersOf(outcome)).toMatchObject([
      { id: 'E100000001', state: 'unpaid', deadline: PAY_LIMIT, statusText: statusName },
    ]);
  });

  it('reports a pending ticket without pay_limit_time (nor lose_time) as unexpected', () => {
    const json = tweak(unpaidOrdersJson([{ sequenceNo: 'E100000001', payLimit: PAY_LIMIT }]), (r) => {
      delete r.data.orderDBList[0].tickets[0].pay_limit_time;
      delete r.data.orderDBList[0].tickets[0].lose_time;
    });
    const outcome = classifyReply(reply(json));
    expect(outcome.kind).toBe('unexpected');
    expectPlainDetail(outcome);
    expect('detail' in outcome && outcome.detail).toContain('E100000001');
  });

  it.each([null, '', '2024-13-40 25:00:00', '明天'])(
    'reports a pending ticket whose pay_limit_time is %j as unexpected',
    (value) => {
      const json = tweak(unpaidOrdersJson([{ sequenceNo: 'E100000001', payLimit: PAY_LIMIT }]), (r) => {
        r.data.orderDBList[0].tickets[0].pay_limit_time = value;
        r.data.orderDBList[0].tickets[0].lose_time = value;
      });
      expect(classifyReply(reply(json)).kind).toBe('unexpected');
    },
  );

  // The stored snapshot refuses such a number: reading it would fail the write, not just the order.
  it('reports ticket prices summing past the largest number as unexpected', () => {
    const json = tweak(
      unpaidOrdersJson([{ sequenceNo: 'E100000001', payLimit: PAY_LIMIT, passengers: ['甲', '乙'] }]),
      (r) => {
        const [order] = r.data.orderDBList;
        delete order.ticket_total_price_page;
        delete order.ticket_price_all;
        for (const ticket of order.tickets) ticket.ticket_price = Number.MAX_VALUE;
      },
    );
    expect(classifyReply(reply(json)).kind).toBe('unexpected');
  });

  it('keeps an order whose ticket is in an unknown state with no deadline, showing no countdown', () => {
    const json = tweak(
      unpaidOrdersJson([{ sequenceNo: 'E100000001', payLimit: PAY_LIMIT, statusCode: 'z', statusName: '新状态' }]),
      (r) => {
        delete r.data.orderDBList[0].tickets[0].pay_limit_time;
        delete r.data.orderDBList[0].tickets[0].lose_time;
      },
    );
    const outcome = classifyReply(reply(json));
    expect(outcome.kind).toBe('unpaid');
    expect(ordersOf(outcome)).toMatchObject([{ id: 'E100000001', deadline: null, statusText: '新状态' }]);
  });

  it('falls back to lose_time when pay_limit_time is missing (they are equal in every sample)', () => {
    const json = tweak(unpaidOrdersJson([{ sequenceNo: 'E100000001', payLimit: PAY_LIMIT }]), (r) => {
      delete r.data.orderDBList[0].tickets[0].pay_limit_time;
    });
    expect(ordersOf(classifyReply(reply(json)))).toMatchObject([{ deadline: PAY_LIMIT }]);
  });

  it('does not let one unreadable order pass as a shorter list', () => {
    const json = tweak(
      unpaidOrdersJson([
        { sequenceNo: 'E100000001', payLimit: PAY_LIMIT },
        { sequenceNo: 'E100000002', payLimit: PAY_LIMIT },
      ]),
      (r) => {
        delete r.data.orderDBList[1].sequence_no;
      },
    );
    expect(classifyReply(reply(json)).kind).toBe('unexpected');
  });
});

describe('classifyReply: queuing', () => {
  const queuedOrder = (options: Parameters<typeof queuingJson>[0] = {}) => {
    const outcome = classifyReply(reply(queuingJson(options)));
    expect(outcome.kind).toBe('queuing');
    const orders = ordersOf(outcome);
    expect(orders).toHaveLength(1);
    return orders[0]!;
  };

  it('reads an order still queuing for seats', () => {
    expect(queuedOrder({ waitTime: 42, passengers: ['张三', '李四'] })).toMatchObject({
      source: '12306',
      state: 'queuing',
      title: 'G101',
      route: '北京南 → 上海虹桥',
      departure: SEED_DEPARTURE,
      passengers: ['张三', '李四'],
      amountYuan: null,
      deadline: null,
      payUrl: PAY_PAGE_URL,
      queue: { waitSeconds: 42, outcome: 'waiting', message: null },
    });
  });

  it('gives the queued order an id that stays the same across polls', () => {
    const first = queuedOrder({ waitTime: 120 });
    const again = queuedOrder({ waitTime: 120 });
    const later = queuedOrder({ waitTime: -1, message: '出票成功' });
    expect(first.id).toBeTruthy();
    expect(again.id).toBe(first.id);
    expect(later.id).toBe(first.id);
    expect(queuedOrder({ train: 'G103' }).id).not.toBe(first.id);
    expect(queuedOrder({ trainDate: '2020-03-26' }).id).not.toBe(first.id);
    expect(queuedOrder({ to: '南京南' }).id).not.toBe(first.id);
  });

  it('never uses the requestId (beyond 2^53) in the order', () => {
    const json = queuingJson();
    const literal = /"requestId":(\d+)/.exec(json)![1]!;
    const corrupted = String(JSON.parse(json).data.orderCacheDTO.requestId);
    const text = JSON.stringify(classifyReply(reply(json)));
    expect(text).not.toContain(literal);
    expect(text).not.toContain(corrupted);
    expect(text).not.toContain(literal.slice(0, 12));
  });

  it.each([
    [300, { waitSeconds: 300, outcome: 'waiting' }],
    [1, { waitSeconds: 1, outcome: 'waiting' }],
    [0, { waitSeconds: null, outcome: 'waiting' }],
    [-1, { waitSeconds: null, outcome: 'succeeded' }],
    [-2, { waitSeconds: null, outcome: 'failed' }],
    [-3, { waitSeconds: null, outcome: 'failed' }],
    [-4, { waitSeconds: null, outcome: 'failed' }],
    [-100, { waitSeconds: null, outcome: 'waiting' }],
    [-7, { waitSeconds: null, outcome: 'unknown' }],
  ])('maps waitTime %i to %o', (waitTime, expected) => {
    expect(queuedOrder({ waitTime }).queue).toEqual({ ...expected, message: null });
  });

  it('reads a missing waitTime as unknown, not as failure', () => {
    const json = tweak(queuingJson(), (r) => {
      delete r.data.orderCacheDTO.waitTime;
    });
    const [order] = ordersOf(classifyReply(reply(json)));
    expect(order!.queue).toEqual({ waitSeconds: null, outcome: 'unknown', message: null });
  });

  it("keeps the server's message text", () => {
    expect(queuedOrder({ waitTime: -2, message: '占座失败' }).queue).toEqual({
      waitSeconds: null,
      outcome: 'failed',
      message: '占座失败',
    });
    expect(queuedOrder({ waitTime: 60, message: '  排队人数较多，请耐心等待  ' }).queue?.message).toBe(
      '排队人数较多，请耐心等待',
    );
  });

  it('falls back to ticket passenger names and station codes', () => {
    const json = tweak(queuingJson({ passengers: ['甲', '乙'] }), (r) => {
      const dto = r.data.orderCacheDTO;
      delete dto.array_passser_name_page;
      delete dto.fromStationName;
      delete dto.toStationName;
    });
    const [order] = ordersOf(classifyReply(reply(json)));
    expect(order).toMatchObject({ passengers: ['甲', '乙'], route: 'VNP → AOH' });
  });
});

describe('classifyReply: nothing unfinished', () => {
  it.each([
    ['no data key', NOTHING_UNFINISHED_JSON],
    ['data null', NOTHING_DATA_NULL_JSON],
    ['data ""', NOTHING_DATA_EMPTY_STRING_JSON],
  ])('reads %s as none', (_, json) => {
    expect(classifyReply(reply(json))).toEqual({ kind: 'none', orders: [] });
  });
});

describe('classifyReply: logged out', () => {
  it('recognises the followed redirect to the passport page', () => {
    const outcome = classifyReply(redirectedTo(PASSPORT_URL, PASSPORT_HTML));
    expect(outcome.kind).toBe('loggedOut');
    expectPlainDetail(outcome);
  });

  // The passport page may redirect on to the login pages; a login page's script can hold words like
  // 网络繁忙 for its own error messages. The final URL alone must decide.
  const LOGIN_PAGE_WITH_SCRIPT = PASSPORT_HTML.replace(
    '</script>',
    "  function onError() { alert('网络繁忙，请稍后重试'); }\n</script>",
  );

  it.each([
    PASSPORT_URL,
    LOGIN_PAGE_URL,
    'https://kyfw.12306.cn/otn/login/userLogin',
    'https://kyfw.12306.cn/otn/login/init',
  ])('decides by the final URL %s even when the page mentions being busy', (url) => {
    const outcome = classifyReply(redirectedTo(url, LOGIN_PAGE_WITH_SCRIPT));
    expect(outcome.kind).toBe('loggedOut');
  });

  it('recognises the old 用户未登录 JSON even though its status is true', () => {
    const outcome = classifyReply(reply(LOGGED_OUT_JSON));
    expect(outcome.kind).toBe('loggedOut');
    expectPlainDetail(outcome);
  });

  it('reads a 200 HTML page in place of JSON as logged out', () => {
    const outcome = classifyReply(reply(PASSPORT_HTML, { contentType: HTML_TYPE }));
    expect(outcome.kind).toBe('loggedOut');
    expectPlainDetail(outcome);
  });

  it('reads an HTML page as HTML even when it is labelled JSON', () => {
    expect(classifyReply(reply(PASSPORT_HTML, { contentType: JSON_TYPE })).kind).toBe('loggedOut');
  });
});

describe('classifyReply: busy', () => {
  it.each(['https://kyfw.12306.cn/otn/login/error', 'https://www.12306.cn/mormhweb/logFiles/error.html'])(
    'recognises the redirect to %s',
    (url) => {
      const outcome = classifyReply(redirectedTo(url, ERROR_PAGE_HTML));
      expect(outcome.kind).toBe('busy');
      expectPlainDetail(outcome);
    },
  );

  it.each(['https://kyfw.12306.cn/otn/login/error', 'https://www.12306.cn/mormhweb/logFiles/error.html'])(
    'decides by the final URL %s even when the page does not say it is busy',
    (url) => {
      const outcome = classifyReply(redirectedTo(url, '<html><body><p>出错了</p></body></html>'));
      expect(outcome.kind).toBe('busy');
    },
  );

  it('reads a 200 error page as busy, with its text and without its style or script', () => {
    const outcome = classifyReply(reply(ERROR_PAGE_HTML, { contentType: HTML_TYPE }));
    expect(outcome.kind).toBe('busy');
    expectPlainDetail(outcome);
    const detail = 'detail' in outcome ? outcome.detail : '';
    expect(detail).toContain('网络繁忙');
    expect(detail).not.toContain('font-family');
    expect(detail).not.toContain('setTimeout');
  });

  it.each(['网络繁忙', '系统忙', '请稍后重试', '访问太频繁', '请求过于频繁'])(
    'reads the message %s as busy',
    (message) => {
      const outcome = classifyReply(reply(busyJson(message)));
      expect(outcome).toEqual({ kind: 'busy', detail: message });
    },
  );

  it('finds a busy word inside a longer message', () => {
    const outcome = classifyReply(reply(busyJson('对不起，网络繁忙，请稍后再试！')));
    expect(outcome.kind).toBe('busy');
  });

  it.each([500, 502, 503, 429])('reads HTTP %i as busy', (status) => {
    const outcome = classifyReply(reply(ERROR_PAGE_HTML, { status, contentType: HTML_TYPE }));
    expect(outcome.kind).toBe('busy');
    expectPlainDetail(outcome);
    expect('detail' in outcome && outcome.detail).toContain(String(status));
  });

  it.each([
    ['empty', ''],
    ['whitespace', ' \r\n\t '],
  ])('reads an %s 200 body as busy', (_, body) => {
    const outcome = classifyReply(reply(body));
    expect(outcome.kind).toBe('busy');
    expectPlainDetail(outcome);
  });
});

describe('classifyReply: rejected', () => {
  it('reads HTTP 403 as rejected, not logged out', () => {
    const outcome = classifyReply(
      reply('<html><head><title>403 Forbidden</title></head><body><h1>403 Forbidden</h1></body></html>', {
        status: 403,
        contentType: HTML_TYPE,
      }),
    );
    expect(outcome.kind).toBe('rejected');
    expectPlainDetail(outcome);
    expect('detail' in outcome && outcome.detail).toContain('403');
  });

  it('reads an empty 403 as rejected', () => {
    expect(classifyReply(reply('', { status: 403 }))).toEqual({ kind: 'rejected', detail: 'HTTP 403' });
  });
});

describe('classifyReply: unexpected', () => {
  it('reports malformed JSON', () => {
    const outcome = classifyReply(reply(MALFORMED_JSON));
    expect(outcome.kind).toBe('unexpected');
    expectPlainDetail(outcome);
  });

  it('reports a JSON array', () => {
    const outcome = classifyReply(reply('[{"status":true,"messages":[]}]'));
    expect(outcome.kind).toBe('unexpected');
    expectPlainDetail(outcome);
  });

  it('reports status false with an unknown message, keeping the message', () => {
    const outcome = classifyReply(reply(busyJson('车次信息有误')));
    expect(outcome).toEqual({ kind: 'unexpected', detail: '车次信息有误' });
  });

  it('reports HTTP 404', () => {
    const outcome = classifyReply(
      reply(
        '<html><head><title>404 Not Found</title></head><body><center><h1>404 Not Found</h1></center></body></html>',
        {
          status: 404,
          contentType: HTML_TYPE,
        },
      ),
    );
    expect(outcome.kind).toBe('unexpected');
    expectPlainDetail(outcome);
    expect('detail' in outcome && outcome.detail).toContain('404');
  });

  it.each([
    ['a number', 42],
    ['a string', '订单'],
    ['an array', [1, 2]],
    ['orderDBList not a list', { orderDBList: 'E849708636', to_page: 'db' }],
    ['orders without numbers', { orderDBList: [{ tickets: [] }], to_page: 'db' }],
    ['orderCacheDTO without a train', { orderCacheDTO: { waitTime: 5 }, to_page: 'cache' }],
  ])('reports data that is %s', (_, data) => {
    const json = tweak(NOTHING_UNFINISHED_JSON, (r) => {
      r.data = data;
    });
    const outcome = classifyReply(reply(json));
    expect(outcome.kind).toBe('unexpected');
    // (The detail's length is checked below, under "details shown to the user".)
    expect('detail' in outcome && outcome.detail).not.toContain('<');
  });

  // Only a reply understood in full may clear the user's list of orders.
  it('reports an object with data of an unknown shape rather than reading it as nothing unfinished', () => {
    const json = tweak(NOTHING_UNFINISHED_JSON, (r) => {
      r.data = { flag: false, errorMsg: '查询失败' };
    });
    expect(classifyReply(reply(json)).kind).toBe('unexpected');
  });

  // The documented "nothing unfinished" has no data at all; a list that is null is not an empty one.
  it.each([
    ['orderDBList null', { orderDBList: null }],
    ['orderDBList null in a db reply', { to_page: 'db', orderDBList: null }],
    ['orderCacheDTO null', { to_page: 'cache', orderCacheDTO: null }],
    ['both null', { orderDBList: null, orderCacheDTO: null }],
  ])('reports data with %s as unexpected, not as nothing unfinished', (_, data) => {
    const json = tweak(NOTHING_UNFINISHED_JSON, (r) => {
      r.data = data;
    });
    expect(classifyReply(reply(json)).kind).toBe('unexpected');
  });

  it('still reads an empty orderDBList, or a queued order beside a null list', () => {
    const empty = tweak(NOTHING_UNFINISHED_JSON, (r) => {
      r.data = { to_page: 'db', orderDBList: [] };
    });
    expect(classifyReply(reply(empty))).toEqual({ kind: 'none', orders: [] });
    const queued = tweak(queuingJson(), (r) => {
      r.data.orderDBList = null;
    });
    expect(classifyReply(reply(queued)).kind).toBe('queuing');
  });
});

describe('classifyReply: network failures', () => {
  it('passes timeout and offline through', () => {
    expect(classifyReply({ kind: 'timeout' })).toEqual({ kind: 'timeout' });
    expect(classifyReply({ kind: 'offline', detail: 'Failed to fetch' })).toEqual({
      kind: 'offline',
      detail: 'Failed to fetch',
    });
  });
});

describe('classifyReply: details shown to the user', () => {
  const LONG_TEXT = '对不起，由于您取消次数过多，今日将不能继续受理您的订票请求。'.repeat(12);

  it.each([
    [
      'a long 403 page',
      reply(`<html><body><p>${LONG_TEXT}</p></body></html>`, { status: 403, contentType: HTML_TYPE }),
    ],
    [
      'a long 404 page',
      reply(`<html><body><p>${LONG_TEXT}</p></body></html>`, { status: 404, contentType: HTML_TYPE }),
    ],
    ['a long busy page', reply(`<html><body><p>系统忙 ${LONG_TEXT}</p></body></html>`, { contentType: HTML_TYPE })],
    ['long malformed JSON', reply(`{"status":true,"messages":["${LONG_TEXT}"`)],
    ['a long JSON array', reply(JSON.stringify([LONG_TEXT]))],
    ['long orders not understood', reply(tweak(NOTHING_UNFINISHED_JSON, (r) => (r.data = { orderDBList: LONG_TEXT })))],
    ['a long unknown message', reply(busyJson(LONG_TEXT))],
    ['a long busy message', reply(busyJson(`网络繁忙 ${LONG_TEXT}`))],
  ])('keep %s to 161 characters of plain text', (_, result) => {
    expectPlainDetail(classifyReply(result));
  });

  it('strip markup from messages (12306 puts links in some)', () => {
    const message = '您还有未处理的订单，请您到<a href="../view/train_order.html">[未完成订单]</a>进行处理!';
    const outcome = classifyReply(reply(busyJson(message)));
    expect(outcome.kind).toBe('unexpected');
    expectPlainDetail(outcome);
    expect('detail' in outcome && outcome.detail).toContain('[未完成订单]');
  });

  it('leave no markup from a page cut off inside a tag', () => {
    const truncated = ERROR_PAGE_HTML.slice(0, ERROR_PAGE_HTML.indexOf('返回首页') - 30);
    const outcome = classifyReply(reply(truncated, { contentType: HTML_TYPE }));
    expect(outcome.kind).toBe('busy');
    expectPlainDetail(outcome);
  });
});
