import type { Locale } from '../i18n/messages';
import { translateAlert } from '../i18n/alert-words';
import { departureWords } from '../orders/departure-words';
import { orderKey, type Order } from '../orders/model';
import { LOGIN_PAGE_URL } from '../sources/12306/endpoints';
import { statusLabel } from '../sources/ticket-system/statuses';
import { formatBeijingClock } from '../time/beijing';
import { serverNow, type Clock } from '../time/clock';
import { secondsLeft } from '../time/countdown';
import type { WatchEvent } from '../snapshots/apply-outcome';
import type { Snapshot } from '../snapshots/snapshot';
import { alertId, type Alert } from './alert-id';
import type { SentLog } from './sent-log';

/** A browser notification to show. Its id is an alert id, so a click knows what it was about. */
export interface Notice {
  id: string;
  title: string;
  message: string;
  /** Alert ids this notice fulfils; recorded so none is shown twice. */
  alertIds: string[];
  /** Where a click takes the user. */
  url: string;
  /** A reminder the user can snooze or mute from the notification itself (where buttons exist). */
  silenceable?: boolean;
}

export interface NoticeContext {
  locale: Locale;
  clock: Pick<Clock, 'offsetMs'>;
  sent: SentLog;
  now: number;
  /** Name passengers in notices. Off unless the user chose it: notifications can show on a lock screen. */
  showPassengers?: boolean;
  /** The settings page, where a refused ticket-system key is replaced. */
  settingsUrl?: string;
}

/**
 * "G101 北京南 → 上海虹桥 · 03-25 06:36 开" (a venue ticket: "… · 03-25 入园"), with "杨赟、李明" after the
 * route only when asked for.
 */
export function describeOrder(order: Order, locale: Locale, showPassengers = false): string {
  const parts = [[order.title, order.route].filter(Boolean).join(' ')];
  if (showPassengers && order.passengers.length > 0) parts.push(order.passengers.join('、'));
  const departure = departureWords(order);
  if (departure) parts.push(translateAlert(locale, departure.key, departure.params));
  return parts.join(' · ');
}

function orderLine(order: Order, context: NoticeContext): string {
  const { locale } = context;
  return order.deadline === null
    ? describeOrder(order, locale, context.showPassengers)
    : translateAlert(locale, 'noticeOrderLine', {
        order: describeOrder(order, locale, context.showPassengers),
        deadline: formatBeijingClock(order.deadline),
      });
}

const minutesLeftRoundedUp = (deadline: number, context: NoticeContext) =>
  Math.max(1, Math.ceil(secondsLeft(deadline, serverNow(context.clock, context.now)) / 60));

function foundTitle(order: Order, context: NoticeContext): string {
  if (order.deadline === null) return translateAlert(context.locale, 'noticeFoundTitle', { minutes: '?' });
  // An order can be found after its deadline (the browser was closed through it): say so plainly.
  if (secondsLeft(order.deadline, serverNow(context.clock, context.now)) <= 0) {
    return translateAlert(context.locale, 'noticeFoundOverdueTitle');
  }
  return translateAlert(context.locale, 'noticeFoundTitle', { minutes: minutesLeftRoundedUp(order.deadline, context) });
}

/** More new (or settled) orders than this in one check make one notice, not a screenful. */
export const MAX_SEPARATE_NOTICES = 3;

type OrderEvent = Extract<WatchEvent, { kind: 'found' | 'gone' }>;

/**
 * One notice for many orders found (or gone) in one check: an agent pasting fifty order numbers
 * wants one "50 new unpaid orders" with the nearest deadline, not fifty notifications.
 */
function summaryNotice(kind: OrderEvent['kind'], events: readonly OrderEvent[], context: NoticeContext): Notice {
  const { locale } = context;
  const nearest = [...events].sort((a, b) => (a.order.deadline ?? Infinity) - (b.order.deadline ?? Infinity))[0]!.order;
  const ids = events.map((event) => alertId({ kind, orderKey: orderKey(event.order) }));
  return {
    id: ids[0]!,
    title: translateAlert(locale, kind === 'found' ? 'noticeFoundManyTitle' : 'noticeGoneManyTitle', {
      count: events.length,
    }),
    message:
      kind === 'found'
        ? translateAlert(locale, 'noticeFoundManyBody', { order: orderLine(nearest, context) })
        : translateAlert(locale, 'noticeGoneManyBody'),
    alertIds: ids,
    url: nearest.payUrl,
  };
}

/** Notices for what a check found: new orders, orders no longer pending, a login that expired. */
export function noticesForEvents(events: readonly WatchEvent[], context: NoticeContext): Notice[] {
  const { locale, sent } = context;
  const notices: Notice[] = [];
  const grouped = new Set<OrderEvent['kind']>();
  for (const kind of ['found', 'gone'] as const) {
    const unsent = events.filter(
      (event): event is OrderEvent =>
        event.kind === kind && !(alertId({ kind, orderKey: orderKey(event.order) }) in sent),
    );
    if (unsent.length <= MAX_SEPARATE_NOTICES) continue;
    grouped.add(kind);
    notices.push(summaryNotice(kind, unsent, context));
  }
  for (const event of events) {
    if (event.kind !== 'loginExpired' && grouped.has(event.kind)) continue;
    if (event.kind === 'loginExpired') {
      const ids = event.orders
        .map((order) => alertId({ kind: 'loginExpired', orderKey: orderKey(order) }))
        .filter((id) => !(id in sent));
      if (ids.length === 0) continue;
      // A venue account's key was refused: the fix is in PayClock's settings, not on a login page.
      const venue = event.orders[0]?.source === 'ticket-system';
      notices.push({
        id: ids[0]!,
        title: translateAlert(locale, venue ? 'noticeVenueAuthTitle' : 'noticeLoginTitle'),
        message: translateAlert(locale, venue ? 'noticeVenueAuthBody' : 'noticeLoginBody', {
          count: event.orders.length,
        }),
        alertIds: ids,
        url: venue ? (context.settingsUrl ?? LOGIN_PAGE_URL) : LOGIN_PAGE_URL,
      });
      continue;
    }
    const id = alertId({ kind: event.kind, orderKey: orderKey(event.order) });
    if (id in sent) continue;
    const { order } = event;
    notices.push(
      event.kind === 'found'
        ? {
            id,
            title: foundTitle(order, context),
            message: orderLine(order, context),
            alertIds: [id],
            url: order.payUrl,
          }
        : event.status
          ? {
              // The venue said where the order went: say it in its words rather than guess.
              id,
              title: translateAlert(locale, 'noticeGoneStatusTitle', { status: statusLabel(event.status, locale) }),
              message: translateAlert(locale, 'noticeGoneStatusBody', {
                order: describeOrder(order, locale, context.showPassengers),
                id: order.id,
              }),
              alertIds: [id],
              url: order.payUrl,
            }
          : {
              id,
              title: translateAlert(locale, 'noticeGoneTitle'),
              message: translateAlert(locale, 'noticeGoneBody', {
                order: describeOrder(order, locale, context.showPassengers),
              }),
              alertIds: [id],
              url: order.payUrl,
            },
    );
  }
  return notices;
}

/**
 * The notice for a reminder or deadline alert, or null when it no longer applies: the order is gone
 * or its deadline moved since the alarm was set (its replacement alarm covers it).
 */
export function noticeForTimedAlert(alert: Alert, snapshot: Snapshot, context: NoticeContext): Notice | null {
  if (alert.kind !== 'remind' && alert.kind !== 'due') return null;
  const id = alertId(alert);
  if (id in context.sent) return null;
  const order = snapshot.orders.find((candidate) => orderKey(candidate) === alert.orderKey);
  if (!order || order.state !== 'unpaid' || order.deadline !== alert.deadline) return null;
  const { locale } = context;
  return alert.kind === 'remind'
    ? {
        id,
        title: translateAlert(locale, 'noticeRemindTitle', { minutes: minutesLeftRoundedUp(order.deadline, context) }),
        message: orderLine(order, context),
        alertIds: [id],
        url: order.payUrl,
        silenceable: true,
      }
    : {
        id,
        title: translateAlert(locale, 'noticeDueTitle'),
        message: translateAlert(locale, 'noticeDueBody', {
          order: describeOrder(order, locale, context.showPassengers),
        }),
        alertIds: [id],
        url: order.payUrl,
      };
}
