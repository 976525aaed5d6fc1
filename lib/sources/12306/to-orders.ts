import type { Order, QueueInfo } from '../../orders/model';
import { parseBeijingDateTime, parseBeijingTime } from '../../time/beijing';
import { UnreadableOrderError } from '../outcome';
import { PAY_PAGE_URL } from './endpoints';
import type { QueuedOrder, Ticket, UnpaidOrder } from './schemas';

// Ticket states that still await payment: i 待支付, j 改签待支付, s 变更到站待支付.
const AWAITING_PAYMENT = new Set(['i', 'j', 's']);
// Ticket states that are settled (paid, printed, refunded, changed). Any other code we have not seen
// counts as awaiting payment unless it carries the 2099 placeholder of a completed ticket: an order
// shown that turns out moot costs less than one hidden, and then announced gone, that was real.
const SETTLED = new Set(['a', 'b', 'c', 'd']);
// Completed orders carry a 2099 placeholder in pay_limit_time.
const PLACEHOLDER_YEAR_FROM = Date.UTC(2090, 0, 1);

/** A ticket's pay_limit_time: an instant, the completed-ticket placeholder, a date alone, or neither. */
type TicketDeadline = number | 'placeholder' | 'dateOnly' | 'unreadable';

function ticketDeadline(ticket: Ticket): TicketDeadline {
  const raw = ticket.pay_limit_time ?? ticket.lose_time;
  if (!raw) return 'unreadable';
  const instant = parseBeijingDateTime(raw);
  const day = instant ?? parseBeijingTime(raw);
  if (day === null) return 'unreadable';
  if (day >= PLACEHOLDER_YEAR_FROM) return 'placeholder';
  return instant ?? 'dateOnly';
}

function awaitsPayment(ticket: Ticket): boolean {
  const code = ticket.ticket_status_code ?? '';
  if (AWAITING_PAYMENT.has(code)) return true;
  if (SETTLED.has(code)) return false;
  return ticketDeadline(ticket) !== 'placeholder';
}

/**
 * The order's deadline: the earliest of its pending tickets' (one order is paid at once), or null
 * when none names a time of day. A date alone, or an unknown state's missing time, gives no
 * countdown rather than a wrong one. A 待支付 ticket with no deadline at all is a reply we do not
 * understand.
 */
function orderDeadline(order: UnpaidOrder, pending: Ticket[]): number | null {
  const deadlines = pending.map(ticketDeadline);
  const missing = pending.some((ticket, index) => {
    const deadline = deadlines[index];
    return (
      AWAITING_PAYMENT.has(ticket.ticket_status_code ?? '') && (deadline === 'unreadable' || deadline === 'placeholder')
    );
  });
  if (missing) {
    throw new UnreadableOrderError(`order ${order.sequence_no} awaits payment but has no readable pay_limit_time`);
  }
  const instants = deadlines.filter((deadline): deadline is number => typeof deadline === 'number');
  return instants.length > 0 ? Math.min(...instants) : null;
}

function routeOf(from: string | null | undefined, to: string | null | undefined): string | null {
  return from && to ? `${from} → ${to}` : null;
}

/**
 * The order's total in yuan, or null when the reply gives none. A total past the largest number
 * (a huge price, or prices summing past it) is not an amount but a reply we do not understand.
 */
function amountOf(order: UnpaidOrder): number | null {
  const amount = readAmount(order);
  if (amount !== null && !Number.isFinite(amount)) {
    throw new UnreadableOrderError(`order ${order.sequence_no} has a price that is not a number`);
  }
  return amount;
}

function readAmount(order: UnpaidOrder): number | null {
  // Text that is not a number at all falls back to the amounts in fen; a number too large stays.
  const page = order.ticket_total_price_page?.trim() ? Number(order.ticket_total_price_page) : NaN;
  if (!Number.isNaN(page)) return page;
  // ticket_price_all and ticket_price are in fen.
  if (typeof order.ticket_price_all === 'number') return order.ticket_price_all / 100;
  const prices = order.tickets.map((ticket) => ticket.ticket_price);
  return prices.every((price): price is number => typeof price === 'number')
    ? prices.reduce((sum, price) => sum + price, 0) / 100
    : null;
}

/** An unfinished order as the shared model, or null when none of its tickets awaits payment. */
export function unpaidOrderToOrder(order: UnpaidOrder): Order | null {
  const pending = order.tickets.filter(awaitsPayment);
  if (pending.length === 0) return null;
  const deadline = orderDeadline(order, pending);
  const firstTrain = order.tickets[0]?.stationTrainDTO;
  const departureText = order.start_train_date_page ?? order.tickets[0]?.start_train_date_page;
  return {
    source: '12306',
    id: order.sequence_no,
    state: 'unpaid',
    title: order.train_code_page ?? firstTrain?.station_train_code ?? order.sequence_no,
    route: routeOf(
      order.from_station_name_page?.[0] ?? firstTrain?.from_station_name,
      order.to_station_name_page?.[0] ?? firstTrain?.to_station_name,
    ),
    departure: departureText ? parseBeijingTime(departureText) : null,
    passengers:
      order.array_passser_name_page ??
      order.tickets.flatMap((ticket) =>
        ticket.passengerDTO?.passenger_name ? [ticket.passengerDTO.passenger_name] : [],
      ),
    amountYuan: amountOf(order),
    deadline,
    // Plain 待支付 goes without saying in a list of orders to pay; 改签待支付 and the like do not.
    statusText: pending.find((ticket) => ticket.ticket_status_code !== 'i')?.ticket_status_name ?? null,
    payUrl: PAY_PAGE_URL,
    queue: null,
  };
}

// waitTime codes come from 12306's queue-wait API; that this field uses the same ones is
// unconfirmed (shared/api-notes.md), so unknown values read as "unknown", never as failure.
function queueInfo(queued: QueuedOrder): QueueInfo {
  const wait = queued.waitTime;
  const message = queued.message?.message?.trim() || null;
  if (typeof wait !== 'number') return { waitSeconds: null, outcome: 'unknown', message };
  if (wait > 0) return { waitSeconds: wait, outcome: 'waiting', message };
  if (wait === -1) return { waitSeconds: null, outcome: 'succeeded', message };
  if (wait === -2 || wait === -3 || wait === -4) return { waitSeconds: null, outcome: 'failed', message };
  if (wait === -100 || wait === 0) return { waitSeconds: null, outcome: 'waiting', message };
  return { waitSeconds: null, outcome: 'unknown', message };
}

/** The order still queuing for seats. It has no order number yet, so its identity is the journey. */
export function queuedOrderToOrder(queued: QueuedOrder): Order {
  const from = queued.fromStationName ?? queued.fromStationCode;
  const to = queued.toStationName ?? queued.toStationCode;
  const departureText = queued.startTimeString ?? queued.trainDate;
  return {
    source: '12306',
    id: [
      'queue',
      queued.trainDate ?? '',
      queued.stationTrainCode,
      queued.fromStationCode ?? from ?? '',
      queued.toStationCode ?? to ?? '',
    ].join(':'),
    state: 'queuing',
    title: queued.stationTrainCode,
    route: routeOf(from, to),
    departure: departureText ? parseBeijingTime(departureText) : null,
    passengers:
      queued.array_passser_name_page ??
      (queued.tickets ?? []).flatMap((ticket) => (ticket.passengerName ? [ticket.passengerName] : [])),
    amountYuan: null,
    deadline: null,
    statusText: null,
    payUrl: PAY_PAGE_URL,
    queue: queueInfo(queued),
  };
}
