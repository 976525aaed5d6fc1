import { secondsLeft } from '../time/countdown';
import type { OverlayOrder, OverlaySummary } from '../messaging/overlay';

export type DueOrder = OverlayOrder & { state: 'unpaid'; deadline: number };

/**
 * The nearest deadline still ahead, by the summary's server clock: a 12306 order's, or, with `order`
 * null, that of another source's orders, which the overlay shows only as a count. Null when nothing
 * is due, which hides the overlay.
 */
export interface Due {
  deadline: number;
  order: DueOrder | null;
}

export function nearestDue(summary: OverlaySummary, localNow: number): Due | null {
  if (!summary.enabled) return null;
  const serverNow = localNow + summary.offsetMs;
  const ahead = (deadline: number | null): deadline is number =>
    deadline !== null && secondsLeft(deadline, serverNow) > 0;
  let nearest: Due | null = null;
  for (const order of summary.orders) {
    if (order.state !== 'unpaid' || !ahead(order.deadline)) continue;
    if (!nearest || order.deadline < nearest.deadline) nearest = { deadline: order.deadline, order: order as DueOrder };
  }
  const { count, deadline } = summary.others;
  // On a tie the 12306 order shows: it is the one the overlay can name and link to.
  if (count > 0 && ahead(deadline) && (!nearest || deadline < nearest.deadline)) nearest = { deadline, order: null };
  return nearest;
}
