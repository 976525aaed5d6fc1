import { secondsLeft } from '../time/countdown';
import type { OverlayOrder, OverlaySummary } from './messages';

export type DueOrder = OverlayOrder & { state: 'unpaid'; deadline: number };

/**
 * The order the collapsed overlay shows: the unpaid one with the nearest deadline still ahead, by
 * the summary's server clock. Null when nothing is due, which hides the overlay.
 */
export function nearestDue(summary: OverlaySummary, localNow: number): DueOrder | null {
  if (!summary.enabled) return null;
  const serverNow = localNow + summary.offsetMs;
  let nearest: DueOrder | null = null;
  for (const order of summary.orders) {
    if (order.state !== 'unpaid' || order.deadline === null || secondsLeft(order.deadline, serverNow) <= 0) continue;
    if (!nearest || order.deadline < nearest.deadline) nearest = order as DueOrder;
  }
  return nearest;
}
