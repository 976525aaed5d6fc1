import { excerpt } from '../excerpt';
import { aspNetErrorSchema, appErrorSchema, v3OrderSchema, v5OrderSchema, type TicketFlavour } from './schemas';
import {
  v3OrderToOrder,
  v5OrderToOrder,
  type TicketOrderReading,
  type TicketOrderResult,
  type ToOrderOptions,
} from './to-order';

/**
 * What the network gave us for one order query. Unlike 12306's `HttpResult` it keeps the headers:
 * a 401's `WWW-Authenticate` (and every reply's `Date`) is what the Hawk code learns the clock from.
 */
export type TicketHttpResult =
  | {
      kind: 'reply';
      status: number;
      contentType: string;
      /** Header names lower-cased. */
      headers: Readonly<Record<string, string>>;
      body: string;
    }
  | { kind: 'timeout' }
  | { kind: 'offline'; detail: string };

export type TicketOutcome =
  | ({ kind: 'order' } & TicketOrderReading)
  /**
   * The venue has no such order, or not one this account placed (the V5 query answers only for those).
   * `detail`: the venue's own words, or '' when it just answered with no data.
   */
  | { kind: 'notFound'; detail: string }
  /** The venue refused with its own words, shown as text. */
  | { kind: 'venueError'; status: number; message: string }
  /** Left to the Hawk code (stale timestamp, wrong key): everything it needs is kept raw. */
  | { kind: 'unauthorized'; headers: Readonly<Record<string, string>>; body: string }
  | { kind: 'httpError'; status: number; detail: string }
  | { kind: 'timeout' }
  | { kind: 'offline'; detail: string }
  | { kind: 'unexpected'; detail: string };

export interface ClassifyOptions extends ToOrderOptions {
  flavour: TicketFlavour;
  /** The order asked for: a reply about another one is not believed. */
  orderId: string;
}

// Words a venue's message uses for an order it does not have. Unconfirmed: the documents show no
// error replies at all, so anything else stays a venue error with the venue's own words.
const NOT_FOUND_WORDS = [
  '不存在',
  '未找到',
  '找不到',
  '没有找到',
  '查无',
  '无此订单',
  '无该订单',
  'not found',
  'not exist',
];
// ASP.NET's own 404 for a path the venue does not serve: a wrong path template, not a missing order.
const NO_ROUTE = 'No HTTP resource was found';

/** A venue error that says the query's path does not exist on this instance (wrong path template). */
export const isNoRoute = (outcome: TicketOutcome) =>
  outcome.kind === 'venueError' && outcome.status === 404 && outcome.message.includes(NO_ROUTE);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const saysNotFound = (message: string) =>
  !message.includes(NO_ROUTE) && NOT_FOUND_WORDS.some((word) => message.toLowerCase().includes(word.toLowerCase()));

// Success values are undocumented; 0 and 200 are what the venue's sibling APIs use. Unconfirmed.
const SUCCESS_CODES = new Set(['0', '200', '']);

/** The venue's words when the body is one of its error forms, else null. */
function errorMessage(json: Record<string, unknown>): string | null {
  const aspNet = aspNetErrorSchema.safeParse(json);
  if (aspNet.success) {
    const { Message, MessageDetail, ExceptionMessage } = aspNet.data;
    return [Message, ExceptionMessage ?? MessageDetail].filter((part) => !!part?.trim()).join(' — ') || Message;
  }
  if (!('resultcode' in json) && !('errcode' in json)) return null;
  const app = appErrorSchema.safeParse(json);
  if (!app.success) return null;
  const code = String(app.data.resultcode ?? app.data.errcode ?? '').trim();
  const said = [app.data.resultmsg, app.data.errmsg, app.data.message, app.data.msg].find((m) => !!m?.trim());
  if (SUCCESS_CODES.has(code) && !said) return null;
  return said?.trim() || `error ${code}`;
}

function fromError(status: number, message: string): TicketOutcome {
  // Server words can carry markup and run long; excerpt() makes them short plain text.
  const plain = excerpt(message) || `HTTP ${status}`;
  return saysNotFound(plain) ? { kind: 'notFound', detail: plain } : { kind: 'venueError', status, message: plain };
}

function readOrder(json: Record<string, unknown>, body: string, options: ClassifyOptions): TicketOutcome {
  let reading: TicketOrderResult;
  if (options.flavour === 'v5') {
    const parsed = v5OrderSchema.safeParse(json);
    if (!parsed.success) return { kind: 'unexpected', detail: excerpt(body, 'order not understood: ') };
    reading = v5OrderToOrder(parsed.data, options);
  } else {
    const parsed = v3OrderSchema.safeParse(json);
    if (!parsed.success) return { kind: 'unexpected', detail: excerpt(body, 'order not understood: ') };
    reading = v3OrderToOrder(parsed.data, options);
  }
  const id = typeof json.orderid === 'string' ? json.orderid.trim() : '';
  // ASP.NET serialises an empty result object rather than failing when the order is not the caller's.
  if (id === '') return { kind: 'notFound', detail: '' };
  if (id !== options.orderId.trim()) return { kind: 'unexpected', detail: excerpt(`reply is about order ${id}`) };
  if ('unreadable' in reading) return { kind: 'unexpected', detail: excerpt(reading.unreadable) };
  return { kind: 'order', ...reading };
}

/** Sorts any reply to a V5 or V3 single-order query into one outcome (shared/api-notes.md). */
export function classifyTicketReply(result: TicketHttpResult, options: ClassifyOptions): TicketOutcome {
  if (result.kind !== 'reply') return result;
  const { status, headers, body } = result;
  if (status === 401) return { kind: 'unauthorized', headers, body };

  let json: unknown;
  const trimmed = body.trim();
  try {
    json = trimmed === '' ? null : JSON.parse(trimmed);
  } catch {
    json = undefined;
  }

  if (status < 200 || status >= 300) {
    if (isObject(json)) {
      const message = errorMessage(json);
      if (message !== null) return fromError(status, message);
    }
    return { kind: 'httpError', status, detail: excerpt(body, `HTTP ${status} `) };
  }
  // "Data is returned only for orders you placed": Web API writes a null result as `null`, or as 204
  // when configured to. An empty 200 is neither, more likely a proxy's doing: not proof of no order.
  if (status === 204) return { kind: 'notFound', detail: '' };
  if (trimmed === '') return { kind: 'unexpected', detail: 'empty reply' };
  if (json === null) return { kind: 'notFound', detail: '' };
  if (json === undefined) return { kind: 'unexpected', detail: excerpt(body, 'not JSON: ') };
  if (!isObject(json)) return { kind: 'unexpected', detail: excerpt(body, 'unknown reply: ') };
  if (!('orderid' in json) || json.orderid === null) {
    const message = errorMessage(json);
    if (message !== null) return fromError(status, message);
    // Every field of an empty result object is null, including the order number.
    if ('orderid' in json) return { kind: 'notFound', detail: '' };
    return { kind: 'unexpected', detail: excerpt(body, 'unknown reply: ') };
  }
  return readOrder(json, body, options);
}
