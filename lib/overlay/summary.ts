import { orderKey } from '../orders/model';
import type { Settings } from '../settings/schema';
import { toLocalInstant } from '../time/clock';
import type { Snapshot } from '../watch/snapshot';
import type { OverlayOrder, OverlaySummary } from './messages';
import type { OverlayView } from './view';

const isHttps = (url: string) => url.startsWith('https://');

/**
 * What the overlay shows, from every source's stored snapshot: each pending order reduced to the
 * few fields it displays (no passengers, amounts or anything else), nearest deadline first.
 *
 * Sources keep clocks of their own while the summary has one: that of the source with the nearest
 * deadline, so the countdown the user watches ticks on its own server's second. Every other deadline
 * is moved onto that clock, which keeps the instant it falls at unchanged.
 */
export function overlaySummary(
  snapshots: readonly Snapshot[],
  settings: Pick<Settings, 'overlay'>,
  view: OverlayView,
): OverlaySummary {
  const entries = snapshots.flatMap((snapshot) =>
    snapshot.orders.map((order) => ({
      order,
      offsetMs: snapshot.clock.offsetMs,
      localDeadline: order.deadline === null ? null : toLocalInstant(snapshot.clock, order.deadline),
    })),
  );
  entries.sort((a, b) => (a.localDeadline ?? Infinity) - (b.localDeadline ?? Infinity));
  const offsetMs = entries.find((entry) => entry.localDeadline !== null)?.offsetMs ?? snapshots[0]?.clock.offsetMs ?? 0;

  const orders: OverlayOrder[] = entries.map(({ order, localDeadline }) => ({
    key: orderKey(order),
    source: order.source,
    title: order.title,
    route: order.route,
    deadline: localDeadline === null ? null : localDeadline + offsetMs,
    payUrl: isHttps(order.payUrl) ? order.payUrl : null,
    state: order.state,
  }));
  return {
    enabled: settings.overlay,
    collapsed: view.collapsed,
    offsetMs,
    orders: settings.overlay ? orders : [],
  };
}
