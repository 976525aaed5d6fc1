import { useEffect, useState } from 'preact/hooks';
import type { QuietOrders } from '@/lib/alerts/quiet';
import type { SilenceRequest } from '@/lib/messaging/pages';
import { orderKey, type Order } from '@/lib/orders/model';
import { OrderCard } from './OrderCard';
import { SilenceControls } from './SilenceControls';

/**
 * Cards drawn in the popup's first frame; the rest follow once it is painted. A travel agent may
 * have hundreds of orders due, and creating every card before the first paint would keep the
 * nearest ones (the list is by deadline) off the screen for as long again as the popup takes to
 * open. Twelve cards more than fill the popup's 600 px.
 */
export const FIRST_FRAME_CARDS = 12;

interface Props {
  /** In any order: the list shows the nearest deadline first. */
  orders: readonly Order[];
  offsetMs: number;
  quiet: QuietOrders;
  onOpen: (url: string) => void;
  onSilence: (order: Order, action: SilenceRequest['action']) => void;
}

const byDeadline = (a: Order, b: Order) => (a.deadline ?? Infinity) - (b.deadline ?? Infinity);

/** A source's or an account's orders: each with its countdown, and snooze and mute while it is still due. */
export function OrderList({ orders: given, offsetMs, quiet, onOpen, onSilence }: Props) {
  const orders = [...given].sort(byDeadline);
  const [all, setAll] = useState(given.length <= FIRST_FRAME_CARDS);
  // Preact runs effects after the frame is painted.
  useEffect(() => setAll(true), []);
  const now = Date.now();
  // Only an order with a deadline still ahead has reminders to silence.
  const silenceable = (order: Order) =>
    order.state === 'unpaid' && order.deadline !== null && order.deadline > now + offsetMs;

  return (
    <ul class="orders">
      {(all ? orders : orders.slice(0, FIRST_FRAME_CARDS)).map((order) => (
        <OrderCard key={orderKey(order)} order={order} offsetMs={offsetMs} onOpen={(o) => onOpen(o.payUrl)}>
          {silenceable(order) && (
            <SilenceControls
              silence={quiet[orderKey(order)]}
              now={now}
              offsetMs={offsetMs}
              onSilence={(action) => onSilence(order, action)}
            />
          )}
        </OrderCard>
      ))}
    </ul>
  );
}
