import type { Order } from '../../orders/model';
import { parseBeijingTime } from '../../time/beijing';
import { finiteOrNull } from '../../util/guards';
import type { V3Order, V5Order } from './schemas';
import { ticketStatus, type TicketStatus } from './statuses';

/** One order-query reply read: its status, and the order to show when it still matters. */
export interface TicketOrderReading {
  status: TicketStatus;
  /**
   * The shared model for an order awaiting payment (status `0`) or in a state nobody documented;
   * null once the order needs no payment (paid, closed, refunding): the caller reports it as no
   * longer pending, and stops watching once `status.final`.
   */
  order: Order | null;
}

/**
 * A reply whose numbers make no real order (a deadline past the end of time): "unexpected" for this
 * order alone. Storing it would fail the snapshot's schema and, with it, the whole account's write.
 */
export interface UnreadableOrder {
  unreadable: string;
}

export type TicketOrderResult = TicketOrderReading | UnreadableOrder;

export interface ToOrderOptions {
  /**
   * Where the user pays: the venue's base URL as the user configured it. The documents name no pay
   * page, and every venue runs its own site, so the venue's own address is the only honest link.
   */
  venueUrl: string;
  /** The account the order belongs to: part of its identity (`orderKey`). */
  accountId: string;
}

const MINUTE = 60_000;
// The largest instant a Date can hold: a deadline past it cannot even be displayed.
const LATEST_TIME = 8.64e15;
// ASP.NET writes an unset DateTime as 0001-01-01T00:00:00; no real deadline is older than this.
const EARLIEST_REAL_TIME = Date.UTC(2000, 0, 1);

/**
 * An ASP.NET date: ISO 8601 with an offset (the sample's `2025-12-06T12:13:33.3429041+08:00`, seven
 * fractional digits that `Date.parse` need not accept), without one (an unspecified-kind DateTime,
 * read as Beijing time like every other time of the venue), or the old `/Date(ms+0800)/` form.
 */
export function parseVenueDate(raw: string | null | undefined): number | null {
  if (!raw) return null;
  const legacy = /^\s*\/Date\((-?\d+)(?:[+-]\d{4})?\)\/\s*$/.exec(raw);
  if (legacy) return realTime(Number(legacy[1]));
  const match =
    /^\s*(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(Z|[+-]\d{2}:?\d{2})?\s*$/i.exec(raw);
  if (!match) return null;
  const [, year, month, day, hour, minute, second = '00', fraction = '', zone] = match;
  const wallClock = parseBeijingTime(`${year}-${month}-${day} ${hour}:${minute}:${second}`);
  if (wallClock === null) return null;
  const millis = Math.floor(Number(`0.${fraction || '0'}`) * 1000);
  if (zone === undefined) return realTime(wallClock + millis);
  // parseBeijingTime read the wall clock as UTC+8; move it to the zone the venue named.
  const offsetMinutes =
    zone.toUpperCase() === 'Z'
      ? 0
      : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
  return realTime(wallClock + millis + (8 * 60 - offsetMinutes) * MINUTE);
}

const realTime = (instant: number) =>
  Number.isFinite(instant) && instant >= EARLIEST_REAL_TIME && instant <= LATEST_TIME ? instant : null;

function numberOf(value: number | string | null | undefined): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || value.trim() === '') return null;
  const parsed = Number(value.trim());
  return Number.isFinite(parsed) ? parsed : null;
}

/**
 * `ordertime` + `paytimeout` minutes. A missing or zero timeout means the venue never closes the order
 * by itself (accounts allowed to pay at the counter ignore it, per the V5 document): no deadline.
 * A timeout so large the sum is no real instant is not "no deadline" but a reply we cannot read.
 */
function deadlineFromTimeout(
  ordertime: string | null | undefined,
  paytimeout: number | string | null | undefined,
): number | null | UnreadableOrder {
  const placed = ordertime ? parseBeijingTime(ordertime) : null;
  const minutes = numberOf(paytimeout);
  if (placed === null || minutes === null || minutes <= 0) return null;
  const deadline = finiteOrNull(placed + minutes * MINUTE);
  if (deadline === null || deadline > LATEST_TIME)
    return { unreadable: `paytimeout ${String(paytimeout).slice(0, 40)} gives no real deadline` };
  return deadline;
}

/** `yyyyMMdd` (the documents' format) or a dashed date, as the start of that day in Beijing. */
function visitDate(raw: string | null | undefined): number | null {
  if (!raw) return null;
  const compact = /^\s*(\d{4})(\d{2})(\d{2})\s*$/.exec(raw);
  return parseBeijingTime(compact ? `${compact[1]}-${compact[2]}-${compact[3]}` : raw);
}

const present = (value: string | null | undefined): value is string => !!value && value.trim() !== '';

function distinct(values: (string | null | undefined)[]): string[] {
  return [...new Set(values.filter(present).map((value) => value.trim()))];
}

function build(
  status: TicketStatus,
  fields: Omit<Order, 'source' | 'accountId' | 'state' | 'statusText' | 'payUrl' | 'queue' | 'deadline'> & {
    deadline: number | null | UnreadableOrder;
  },
  options: ToOrderOptions,
): TicketOrderResult {
  if (!status.awaitingPayment && status.known) return { status, order: null };
  const { deadline } = fields;
  if (deadline !== null && typeof deadline === 'object') return deadline;
  return {
    status,
    order: {
      source: 'ticket-system',
      accountId: options.accountId,
      state: 'unpaid',
      ...fields,
      deadline,
      // Plain 预定中 goes without saying in a list of orders to pay; an undocumented state does not.
      statusText: status.awaitingPayment ? null : status.zh,
      payUrl: options.venueUrl,
      queue: null,
    },
  };
}

/**
 * A V5 order main record. The pay deadline is `paymentendtime` when readable, else `ordertime` +
 * `paytimeout`. An undocumented status still gets its deadline: showing one that turns out moot
 * costs less than hiding one that was real.
 */
export function v5OrderToOrder(reply: V5Order, options: ToOrderOptions): TicketOrderResult {
  const status = ticketStatus(reply.statuscode, reply.statusname);
  const details = reply.orderdetail ?? [];
  const guest = present(reply.guestname) ? [reply.guestname.trim()] : [];
  const holders = distinct(details.map((item) => item.fullname));
  return build(
    status,
    {
      id: reply.orderid.trim(),
      title:
        distinct(details.map((item) => item.productname)).join('、') ||
        [reply.theatrial, reply.orderdescription].find(present)?.trim() ||
        reply.orderid,
      route: null,
      departure: visitDate(reply.effectdate),
      passengers: holders.length > 0 ? holders : guest,
      amountYuan: numberOf(reply.summary),
      deadline: parseVenueDate(reply.paymentendtime) ?? deadlineFromTimeout(reply.ordertime, reply.paytimeout),
    },
    options,
  );
}

/** A V3 order view: no `paymentendtime`, so the deadline is always `ordertime` + `paytimeout`. */
export function v3OrderToOrder(reply: V3Order, options: ToOrderOptions): TicketOrderResult {
  const status = ticketStatus(reply.orderstatus);
  return build(
    status,
    {
      id: reply.orderid.trim(),
      title:
        distinct((reply.orderviewdetail ?? []).map((item) => item.productname)).join('、') ||
        [reply.tickettypedesc, reply.description].find(present)?.trim() ||
        reply.orderid,
      route: null,
      departure: visitDate(reply.sxrq),
      // V3 carries only the booker's phone and ID number, never a name.
      passengers: [],
      amountYuan: numberOf(reply.summary),
      deadline: deadlineFromTimeout(reply.ordertime, reply.paytimeout),
    },
    options,
  );
}
