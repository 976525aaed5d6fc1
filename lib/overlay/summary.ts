import { orderKey } from '../orders/model';
import type { Settings } from '../settings/schema';
import { toLocalInstant } from '../time/clock';
import type { Snapshot } from '../snapshots/snapshot';
import type { OverlayOrder, OverlaySummary } from '../messaging/overlay';
import { OVERLAY_NAMED_SOURCES } from '../sources/descriptions';
import type { OverlayView } from './view';

const isHttps = (url: string) => url.startsWith('https://');
const isNamed = (source: string): source is OverlayOrder['source'] =>
  (OVERLAY_NAMED_SOURCES as readonly string[]).includes(source);

/**
 * What the overlay shows, from every source's stored snapshot: each pending 12306 order reduced to
 * the few fields it displays (no passengers, amounts or anything else), nearest deadline first; the
 * other sources' orders only counted, with their nearest deadline. What the overlay is sent, 12306's
 * page scripts can read, so a venue's orders, address, accounts and order numbers stay here.
 *
 * Sources keep clocks of their own while the summary has one: that of the source with the nearest
 * deadline, so the countdown the user watches ticks on its own server's second. Every other deadline
 * is moved onto that clock, which keeps the instant it falls at unchanged.
 */
export function overlaySummary(
  snapshots: readonly Snapshot[],
  settings: Pick<Settings, 'overlay' | 'reminderMinutes'>,
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

  const orders: OverlayOrder[] = [];
  let othersCount = 0;
  let othersDeadline: number | null = null;
  for (const { order, localDeadline } of entries) {
    const deadline = localDeadline === null ? null : localDeadline + offsetMs;
    const { source } = order;
    if (!isNamed(source)) {
      othersCount += 1;
      // Sorted, so the first unpaid deadline met is the nearest.
      if (order.state === 'unpaid' && othersDeadline === null && deadline !== null) othersDeadline = deadline;
      continue;
    }
    orders.push({
      key: orderKey(order),
      source,
      title: order.title,
      route: order.route,
      deadline,
      payUrl: isHttps(order.payUrl) ? order.payUrl : null,
      state: order.state,
    });
  }
  return {
    enabled: settings.overlay,
    collapsed: view.collapsed,
    offsetMs,
    orders: settings.overlay ? orders : [],
    others: settings.overlay ? { count: othersCount, deadline: othersDeadline } : { count: 0, deadline: null },
    reminderMinutes: [...settings.reminderMinutes],
  };
}
