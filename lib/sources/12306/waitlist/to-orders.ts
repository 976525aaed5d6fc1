import type { Order, QueueInfo } from '../../../orders/model';
import { parseBeijingDateTime, parseBeijingTime } from '../../../time/beijing';
import { UnreadableOrderError, type GoodOutcome } from '../../outcome';
import { LINEUP_PAGE_URL } from './endpoints';
import type { WaitlistNeed, WaitlistOrder, WaitlistQueue } from './schemas';

// A 候补 (waitlist) order goes: queuing → succeeded, awaiting its prepayment (待支付, with a deadline
// of its own: `loseTime`) → prepaid, awaiting seats (待兑现) → fulfilled or refunded. Only the
// prepayment has a deadline the user can miss, so only that stage is 'unpaid'. A request still in
// the queue is 'queuing', like the main source's seat queue: it may turn into a prepayment at any
// moment. Everything after the prepayment is nothing to do.

/** What the user must do about the waitlist: prepay, wait, or nothing. */
type Stage = 'prepay' | 'queuing' | 'failed' | 'done' | 'unknown';

// Order status codes, from one public client (unconfirmed): 00 排队中, 01 待支付, 04 待兑现,
// 05 已退单, 06 已退单（自动退单）, 07 兑现成功, 08 (unnamed, refunded like 05-07).
const ORDER_QUEUING = 0;
const ORDER_AWAITING_PREPAY = 1;
const ORDER_PAST_PREPAY = new Set([4, 5, 6, 7, 8]);

// Queue status (shared/api-notes.md): -1 failed, 0 queuing, 1 succeeded, 2 cancelled or none.
const QUEUE_FAILED = -1;
const QUEUE_WAITING = 0;
const QUEUE_SUCCEEDED = 1;
const QUEUE_NONE = 2;

// An epoch-ms deadline before 2000 is not one (a time in seconds would land in 1970 here), and
// 12306 marks "no deadline" with 2099 elsewhere.
const EARLIEST_DEADLINE = Date.UTC(2000, 0, 1);
const PLACEHOLDER_YEAR_FROM = Date.UTC(2090, 0, 1);

/** `1`, `"01"` and `" 1 "` are all code 1; anything else is no code. */
function codeOf(value: number | string | null | undefined): number | null {
  if (typeof value === 'number') return Number.isInteger(value) ? value : null;
  if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) return Number(value);
  return null;
}

const plausible = (instant: number | null): instant is number =>
  instant !== null && Number.isFinite(instant) && instant >= EARLIEST_DEADLINE && instant < PLACEHOLDER_YEAR_FROM;

/**
 * `loseTime` as an absolute instant. Epoch milliseconds as a number or a string of digits is the
 * documented form; Beijing wall-clock text (also compact, `20240422152720`) is accepted because
 * 12306 writes its other times that way. Seconds are not guessed at: a deadline read wrongly is
 * worse than one reported unreadable.
 */
export function waitlistDeadline(value: number | string | null | undefined): number | null {
  if (typeof value === 'number') return plausible(value) ? Math.round(value) : null;
  if (typeof value !== 'string') return null;
  const millis = /^\s*\d+\s*$/.test(value) ? Number(value) : null;
  if (plausible(millis)) return Math.round(millis);
  // A date alone would read as midnight: a wrong deadline, not a rough one.
  const text = parseBeijingDateTime(value);
  return plausible(text) ? text : null;
}

function stageOf(order: WaitlistOrder | null, queueStatus: number | null): Stage {
  // The order's own status is the more specific word; the queue status decides when it says nothing
  // we know.
  const orderCode = codeOf(order?.status_code);
  if (orderCode === ORDER_AWAITING_PREPAY) return 'prepay';
  if (orderCode === ORDER_QUEUING) return queueStatus === QUEUE_FAILED ? 'failed' : 'queuing';
  if (orderCode !== null && ORDER_PAST_PREPAY.has(orderCode)) return 'done';
  switch (queueStatus) {
    case QUEUE_SUCCEEDED:
      return 'prepay';
    case QUEUE_WAITING:
      return 'queuing';
    case QUEUE_FAILED:
      return 'failed';
    case QUEUE_NONE:
      return 'done';
    default:
      return 'unknown';
  }
}

const nonEmpty = (text: string | null | undefined): text is string => typeof text === 'string' && text.trim() !== '';
const distinct = <T>(values: T[]): T[] => [...new Set(values)];

function departureOf(need: WaitlistNeed): number | null {
  if (nonEmpty(need.local_start_time)) {
    const instant = parseBeijingTime(need.local_start_time);
    if (instant !== null) return instant;
  }
  return nonEmpty(need.train_date) && nonEmpty(need.start_time)
    ? parseBeijingTime(`${need.train_date.trim()} ${need.start_time.trim()}`)
    : null;
}

function routeOf(need: WaitlistNeed): string | null {
  const from = nonEmpty(need.from_station_name) ? need.from_station_name : need.from_tele_code;
  const to = nonEmpty(need.to_station_name) ? need.to_station_name : need.to_tele_code;
  return nonEmpty(from) && nonEmpty(to) ? `${from.trim()} → ${to.trim()}` : null;
}

function amountOf(order: WaitlistOrder): number | null {
  const raw = order.prepay_amount;
  const amount = typeof raw === 'number' ? raw : nonEmpty(raw) ? Number(raw) : NaN;
  return Number.isFinite(amount) && amount >= 0 ? amount : null;
}

/** Stable across polls: the order number, or the trains asked for before there is one. */
function idOf(order: WaitlistOrder, needs: WaitlistNeed[]): string | null {
  if (nonEmpty(order.reserve_no)) return order.reserve_no.trim();
  const journeys = needs
    .filter((need) => nonEmpty(need.board_train_code))
    .map((need) =>
      [
        need.train_date ?? '',
        need.board_train_code,
        need.from_tele_code ?? need.from_station_name ?? '',
        need.to_tele_code ?? need.to_station_name ?? '',
      ].join(':'),
    );
  return journeys.length > 0 ? `trains:${distinct(journeys).join('|')}` : null;
}

// A request the queue dropped (cancelled) will not turn into a prepayment any more than a failed one.
const QUEUE_OUTCOMES: ReadonlyMap<number | null, QueueInfo['outcome']> = new Map([
  [QUEUE_WAITING, 'waiting'],
  [QUEUE_SUCCEEDED, 'succeeded'],
  [QUEUE_FAILED, 'failed'],
  [QUEUE_NONE, 'failed'],
]);

function queueInfo(queueStatus: number | null, message: string | null | undefined): QueueInfo {
  const outcome = QUEUE_OUTCOMES.get(queueStatus) ?? 'unknown';
  return { waitSeconds: null, outcome, message: nonEmpty(message) ? message.trim() : null };
}

/**
 * The waitlist order as the shared model, or null when it names neither its number nor a train (there
 * is nothing to show it by). Several needs are alternatives for one order: the title lists every
 * train, and route and departure are given only as far as the alternatives agree.
 */
function toOrder(order: WaitlistOrder, fields: Pick<Order, 'state' | 'deadline' | 'queue'>): Order | null {
  const needs = (order.needs ?? []).filter((need): need is WaitlistNeed => need !== null);
  const id = idOf(order, needs);
  if (id === null) return null;
  const trains = distinct(
    needs
      .map((need) => need.board_train_code)
      .filter(nonEmpty)
      .map((code) => code.trim()),
  );
  const routes = distinct(needs.map(routeOf).filter((route): route is string => route !== null));
  const departures = distinct(needs.map(departureOf).filter((instant): instant is number => instant !== null));
  const statusName = order.status_name?.trim() ?? '';
  return {
    source: '12306-waitlist',
    id,
    state: fields.state,
    title: trains.length > 0 ? trains.join(' / ') : id,
    route: routes.length > 0 ? routes.join(' / ') : null,
    departure: departures.length === 1 ? departures[0]! : null,
    passengers: (order.passengers ?? []).flatMap((passenger) =>
      nonEmpty(passenger?.passenger_name) ? [passenger.passenger_name.trim()] : [],
    ),
    amountYuan: amountOf(order),
    deadline: fields.deadline,
    // Plain 待支付 goes without saying: the source itself says it is a waitlist prepayment.
    statusText: fields.state === 'unpaid' && statusName !== '' && statusName !== '待支付' ? statusName : null,
    payUrl: LINEUP_PAGE_URL,
    queue: fields.queue,
  };
}

/**
 * What the waitlist queue reply asks of the user. Throws UnreadableOrderError when it says an order
 * awaits prepayment but not by when (or not which), or says something we do not know: reading either
 * as "nothing waiting" could hide a deadline.
 */
export function readWaitlistQueue(queue: WaitlistQueue): GoodOutcome {
  const queueStatus = codeOf(queue.status);
  const order = queue.order ?? null;
  const stage = stageOf(order, queueStatus);

  if (stage === 'prepay' || stage === 'unknown') {
    const deadline = waitlistDeadline(queue.loseTime);
    if (order === null || deadline === null) {
      // A status we do not know with no order or deadline to go by tells us nothing either way.
      const what =
        stage === 'prepay' ? 'a waitlist order awaits prepayment' : `waitlist status ${String(queue.status)}`;
      throw new UnreadableOrderError(
        `${what} but ${order === null ? 'no order came with it' : 'its loseTime is unreadable'}`,
      );
    }
    // An unknown status that still carries a real deadline counts: a deadline shown that turns out
    // moot costs less than one hidden that was real.
    const unpaid = toOrder(order, { state: 'unpaid', deadline, queue: null });
    if (unpaid === null)
      throw new UnreadableOrderError('a waitlist order awaits prepayment but names no order or train');
    return { kind: 'unpaid', orders: [unpaid] };
  }

  if (stage === 'queuing' || stage === 'failed') {
    const queued =
      order && toOrder(order, { state: 'queuing', deadline: null, queue: queueInfo(queueStatus, queue.msg) });
    if (queued) return { kind: 'queuing', orders: [queued] };
    // Queuing with nothing to show it by is still queuing; a failure with nothing to show is over.
    return stage === 'queuing' ? { kind: 'queuing', orders: [] } : { kind: 'none', orders: [] };
  }

  return { kind: 'none', orders: [] };
}
