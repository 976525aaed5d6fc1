import type { ComponentChildren } from 'preact';
import { tPopup as t } from '@/lib/i18n/popup';
import { departureWords } from '@/lib/orders/departure-words';
import type { Order, QueueInfo } from '@/lib/orders/model';
import { describeSource } from '@/lib/sources/descriptions';
import { formatBeijingClock } from '@/lib/time/beijing';
import { Countdown } from './Countdown';

interface Props {
  order: Order;
  offsetMs: number;
  onOpen: (order: Order) => void;
  /** Extra controls under the order's lines (the popup's snooze and mute). */
  children?: ComponentChildren;
}

function queueText(queue: QueueInfo | null): string {
  if (queue?.message) return queue.message;
  if (queue?.outcome === 'succeeded') return t('queueSucceeded');
  if (queue?.outcome === 'failed') return t('queueFailed');
  if (queue?.waitSeconds) return t('queueWait', { n: Math.max(1, Math.round(queue.waitSeconds / 60)) });
  return t('queuing');
}

// Every value from the server is rendered as a text node by Preact, never parsed as HTML.
export function OrderCard({ order, offsetMs, onOpen, children }: Props) {
  const { words } = describeSource(order.source);
  const departure = departureWords(order);
  const details = [
    departure && t(departure.key, departure.params),
    order.passengers.join('、') || null,
    order.amountYuan !== null ? t('amount', { amount: order.amountYuan.toFixed(2).replace(/\.?0+$/, '') }) : null,
  ].filter(Boolean);

  return (
    <li class={`order order--${order.state}`} data-order-id={order.id} data-account-id={order.accountId}>
      <div class="order__when">
        {order.state === 'queuing' ? (
          <span class="countdown countdown--queue">{t('queuing')}</span>
        ) : order.deadline !== null ? (
          <Countdown deadline={order.deadline} offsetMs={offsetMs} />
        ) : (
          <span class="countdown">{t('noDeadline')}</span>
        )}
      </div>
      <div class="order__what">
        <div class="order__title">
          <strong class="order__train">{order.title}</strong>
          {order.route && <span class="order__route">{order.route}</span>}
        </div>
        <div class="order__details">{details.join(' · ')}</div>
        <div class="order__deadline">
          {order.state === 'queuing'
            ? queueText(order.queue)
            : order.deadline !== null
              ? [t(words.payBy, { time: formatBeijingClock(order.deadline) }), order.statusText]
                  .filter(Boolean)
                  .join(' · ')
              : order.statusText}
        </div>
        {children}
      </div>
      <button type="button" class="order__pay" onClick={() => onOpen(order)}>
        {order.state === 'queuing' ? t(words.view) : t(words.pay)}
      </button>
    </li>
  );
}
