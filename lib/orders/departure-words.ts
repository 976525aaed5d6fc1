import type { Params } from '../i18n/fill';
import { formatBeijingShort } from '../time/beijing';
import type { Order } from './model';

/**
 * What an order's `departure` means, in the words of the popup's and the notifications' tables: a
 * train departs on a day at a time ("03-25 06:36 开"); a scenic-area ticket is for a visit day
 * ("03-25 入园"), whose time of day the venue does not give.
 */
export function departureWords(order: Order): { key: 'departs' | 'visitOn'; params: Params } | null {
  if (order.departure === null) return null;
  const short = formatBeijingShort(order.departure);
  return order.source === 'ticket-system'
    ? { key: 'visitOn', params: { date: short.slice(0, 5) } }
    : { key: 'departs', params: { time: short } };
}
