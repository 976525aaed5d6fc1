import type { Order, QueueInfo } from '../../orders/model';
import { parseBeijingTime } from '../../time/beijing';
import { PAY_PAGE_URL } from './endpoints';
import type { QueuedOrder, Ticket, UnpaidOrder } from './schemas';

/** A reply we can read as JSON but not as orders: the caller reports it instead of guessing. */
export class UnreadableOrderError extends Error {}

// Ticket states that still await payment: i 待支付, j 改签待支付, s 变更到站待支付.
const AWAITING_PAYMENT = new Set(['i', 'j', 's']);
// Ticket states that are settled (paid, printed, refunded, changed). Any other code we have not seen
// counts as awaiting payment when it carries a real deadline: showing a deadline that turns out
// moot costs less than hiding one that was real.
const SETTLED = new Set(['a', 'b', 'c', 'd']);
// Completed orders carry a 2099 placeholder in pay_limit_time.
const PLACEHOLDER_YEAR_FROM = Date.UTC(2090, 0, 1);

function ticketDeadline(ticket: Ticket): number | null {
  const raw = ticket.pay_limit_time ?? ticket.lose_time;
  const instant = raw ? parseBeijingTime(raw) : null;
  return instant !== null && instant < PLACEHOLDER_YEAR_FROM ? instant : null;
}

function awaitsPayment(ticket: Ticket): boolean {
  const code = ticket.ticket_status_code ?? '';
  if (AWAITING_PAYMENT.has(code)) return true;
  if (SETTLED.has(code)) return false;
  return ticketDeadline(ticket) !== null;
}

function routeOf(from: string | null | undefined, to: string | null | undefined): string | null {
  return from && to ? `${from} → ${to}` : null;
}

function amountOf(order: UnpaidOrder): number | null {
  const page = order.ticket_total_price_page ? Number(order.ticket_total_price_page) : NaN;
  if (Number.isFinite(page)) return page;
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
  const deadlines = pending.map(ticketDeadline);
  if (deadlines.some((deadline) => deadline === null)) {
    throw new UnreadableOrderError(`order ${order.sequence_no} awaits payment but has no readable pay_limit_time`);
  }
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
    deadline: Math.min(...(deadlines as number[])),
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
