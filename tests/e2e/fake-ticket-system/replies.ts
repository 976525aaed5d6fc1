// What the fake venue writes: the two documented order queries' bodies (built by the shared fixture
// builders in tests/fixtures/ticket-system/replies.ts, so unit and end-to-end tests see the same
// JSON), ASP.NET's own error bodies, and the failures a test can script.

import {
  ASPNET_EXCEPTION_JSON,
  IIS_ERROR_HTML,
  MALFORMED_JSON,
  v3Order,
  v5Order,
  type FixtureTicketOrder,
} from '../../fixtures/ticket-system/replies';

export interface FakeOrder {
  orderid: string;
  /** `0` 预定中 (awaiting payment), `3`, `4`, `5`, `7`, `B`, `X`, `D`, or anything else. */
  status: string;
  /** When it was placed (epoch ms); written as `ordertime` in Beijing time. */
  orderedAt: number;
  payTimeoutMinutes: number;
  /** V5 only. Default `orderedAt + payTimeoutMinutes`; null writes `"paymentendtime": null`. */
  paymentEndTime?: number | null;
  /** V5 only: `statusname`. Default the documents' name for `status`. */
  statusName?: string;
  /** Default `黄山风景区门票`. */
  product?: string;
  /** The order's total (`summary`). Default 190. */
  amount?: number;
  /** V5 only: `guestname`. Default `杨赟`. */
  guest?: string;
  /** The visit day (`effectdate` / `sxrq`), as an instant. Default a day after `orderedAt`. */
  visitDate?: number;
}

function fixtureOf(order: FakeOrder): FixtureTicketOrder {
  return {
    orderId: order.orderid,
    placed: order.orderedAt,
    payTimeoutMinutes: order.payTimeoutMinutes,
    status: order.status,
    ...(order.statusName !== undefined ? { statusName: order.statusName } : {}),
    ...(order.paymentEndTime !== undefined ? { paymentEnd: order.paymentEndTime } : {}),
    ...(order.product !== undefined ? { product: order.product } : {}),
    ...(order.amount !== undefined ? { summary: order.amount } : {}),
    ...(order.guest !== undefined ? { guest: order.guest } : {}),
    ...(order.visitDate !== undefined ? { visit: order.visitDate } : {}),
  };
}

/** The V5 `Order` main record: `statuscode`, string `paytimeout`, `paymentendtime` at +08:00. */
export const v5Body = (order: FakeOrder) => JSON.stringify(v5Order(fixtureOf(order)));
/** The V3 `OrderQueryview`: `orderstatus`, numeric `paytimeout`, no `paymentendtime`. */
export const v3Body = (order: FakeOrder) => JSON.stringify(v3Order(fixtureOf(order)));

/**
 * A scripted failure. Those the venue's controller produces come after the Hawk check passed
 * (`http500`, `aspnetError`, `appError`, `malformed`, `empty`); those of the web server in front
 * (`html`, `status`, `reset`) replace the reply whatever the Authorization header.
 */
export type Failure =
  | { kind: 'http500' } // 500, ASP.NET's unhandled-exception JSON
  | { kind: 'aspnetError'; message: string; status?: number } // `{"Message": message}`, default 500
  | { kind: 'appError'; code: string; message: string } // 200 `{"resultcode", "resultmsg"}`
  | { kind: 'malformed' } // 200, truncated JSON
  | { kind: 'empty' } // 200 with an empty body
  | { kind: 'html'; status?: number; body?: string } // IIS's error page, default 503
  | { kind: 'status'; status: number; body?: string; contentType?: string }
  | { kind: 'reset' }; // the connection is cut without a reply

export const afterAuth = (failure: Failure) =>
  failure.kind === 'http500' ||
  failure.kind === 'aspnetError' ||
  failure.kind === 'appError' ||
  failure.kind === 'malformed' ||
  failure.kind === 'empty';

/** A reply ready to write; the server adds `Date`, `Content-Length` and the IIS headers. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const JSON_TYPE = 'application/json; charset=utf-8';
export const HTML_TYPE = 'text/html';

export const json = (body: string, status = 200): Reply => ({
  status,
  headers: { 'Content-Type': JSON_TYPE },
  body,
});

/** ASP.NET's own 404 for a path no route matches. */
export const noRoute = (url: string) =>
  json(JSON.stringify({ Message: `No HTTP resource was found that matches the request URI '${url}'.` }), 404);

/** Web API's 400 for a query value it cannot bind (e.g. a non-numeric `personalid`). */
export const INVALID_REQUEST = json(JSON.stringify({ Message: 'The request is invalid.' }), 400);

/** The reply for every failure but `reset`, which the server handles itself. */
export function failureReply(failure: Exclude<Failure, { kind: 'reset' }>): Reply {
  switch (failure.kind) {
    case 'http500':
      return json(ASPNET_EXCEPTION_JSON, 500);
    case 'aspnetError':
      return json(JSON.stringify({ Message: failure.message }), failure.status ?? 500);
    case 'appError':
      return json(JSON.stringify({ resultcode: failure.code, resultmsg: failure.message }));
    case 'malformed':
      return json(MALFORMED_JSON);
    case 'empty':
      return json('');
    case 'html':
      return {
        status: failure.status ?? 503,
        headers: { 'Content-Type': HTML_TYPE },
        body: failure.body ?? IIS_ERROR_HTML,
      };
    case 'status':
      return {
        status: failure.status,
        headers: { 'Content-Type': failure.contentType ?? HTML_TYPE },
        body: failure.body ?? '',
      };
  }
}
