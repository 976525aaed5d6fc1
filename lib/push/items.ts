import { parseAlertId, type Alert } from '../alerts/alert-id';
import type { Notice } from '../alerts/notices';
import type { Locale } from '../i18n/messages';
import { translateAlert } from '../i18n/alert-words';
import { orderKey, type Order } from '../orders/model';
import { LOGIN_PAGE_URL } from '../sources/12306/endpoints';
import { toLocalInstant, type Clock } from '../time/clock';
import type { PushChannel } from './channel';
import type { PushItem, PushOrder } from './message';

// From the notices the browser shows to the items each channel queues: the same words, the orders
// they are about (for the webhook), and how long each is worth sending.

/** "Deadline passed" is still news for a while: the user may want to book again. */
export const DUE_USEFUL_MS = 30 * 60_000;
/** A new order without a deadline, an order gone, a login expired: news for an hour. */
export const NEWS_USEFUL_MS = 60 * 60_000;

/** An order as the snapshots hold it, with the clock of the server it came from. */
export interface KnownOrder {
  order: Order;
  clock: Pick<Clock, 'offsetMs'>;
}

function usefulUntil(kind: Alert['kind'], orders: readonly KnownOrder[], now: number): number {
  const deadlines = orders.flatMap(({ order, clock }) =>
    order.deadline === null ? [] : [toLocalInstant(clock, order.deadline)],
  );
  switch (kind) {
    // A reminder after its deadline helps nobody.
    case 'remind':
      return deadlines.length === 0 ? now : Math.min(...deadlines);
    case 'due':
      return (deadlines.length === 0 ? now : Math.max(...deadlines)) + DUE_USEFUL_MS;
    case 'found':
    case 'loginExpired':
      // Worth saying while any of the orders can still be paid, and for an hour in any case.
      return Math.max(now + NEWS_USEFUL_MS, ...deadlines);
    case 'gone':
      return now + NEWS_USEFUL_MS;
  }
}

const toPushOrder = ({ order, clock }: KnownOrder): PushOrder => ({
  source: order.source,
  orderId: order.id,
  title: order.title,
  route: order.route,
  deadline: order.deadline,
  clockOffsetMs: clock.offsetMs,
  passengers: order.passengers,
  amountYuan: order.amountYuan,
  payUrl: order.payUrl,
});

/**
 * One item per notice, with every order it names; `showPassengers` as the notices had it (their
 * words already follow it). A notice that names no alert PayClock knows is not pushed.
 */
export function itemsForNotices(
  notices: readonly Notice[],
  orders: ReadonlyMap<string, KnownOrder>,
  options: { now: number; showPassengers: boolean },
): PushItem[] {
  return notices.flatMap((notice): PushItem[] => {
    const alerts = notice.alertIds.map(parseAlertId).filter((alert) => alert !== null);
    const kind = alerts[0]?.kind;
    if (kind === undefined) return [];
    const known = alerts.flatMap((alert) => orders.get(alert.orderKey) ?? []);
    // A tap on a phone cannot open the extension's own settings page (a refused venue key): the
    // venue's page for the order does better, and 12306's login page failing that.
    const web = (url: string) => url.startsWith('https://');
    const url = web(notice.url) ? notice.url : (known.map(({ order }) => order.payUrl).find(web) ?? LOGIN_PAGE_URL);
    return [
      {
        alertIds: [...notice.alertIds],
        kind,
        headline: notice.title,
        text: notice.message,
        url,
        orders: known.map(toPushOrder).map((order) => (options.showPassengers ? order : { ...order, passengers: [] })),
        usefulUntil: usefulUntil(kind, known, options.now),
      },
    ];
  });
}

/** Every order of every snapshot, by order key. */
export function knownOrders(snapshots: readonly { orders: readonly Order[]; clock: Clock }[]): Map<string, KnownOrder> {
  return new Map(
    snapshots.flatMap(({ orders, clock }) => orders.map((order) => [orderKey(order), { order, clock }] as const)),
  );
}

/** Whether the channel forwards this item: its kind, and for a reminder its minutes. */
export function forwards(channel: Pick<PushChannel, 'kinds'>, item: Pick<PushItem, 'kind' | 'alertIds'>): boolean {
  if (item.kind !== 'remind') return channel.kinds[item.kind];
  const alert = parseAlertId(item.alertIds[0] ?? '');
  return alert?.kind === 'remind' && channel.kinds.remind.includes(alert.minutes);
}

/** The item as this channel gets it: amounts only when the channel includes them. */
export function itemForChannel(item: PushItem, channel: Pick<PushChannel, 'includeAmount'>, locale: Locale): PushItem {
  if (!channel.includeAmount) return { ...item, orders: item.orders.map((order) => ({ ...order, amountYuan: null })) };
  const amounts = item.orders.flatMap((order) => (order.amountYuan === null ? [] : [order.amountYuan]));
  if (amounts.length !== 1) return item;
  return {
    ...item,
    text: `${item.text} · ${translateAlert(locale, 'pushAmount', { amount: amounts[0]!.toFixed(2) })}`,
  };
}
