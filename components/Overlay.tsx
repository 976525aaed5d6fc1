import { SOURCE_WORDS } from '@/lib/orders/source-words';
import { useEffect, useState } from 'preact/hooks';
import { tOverlay as t } from '@/lib/i18n/overlay';
import { nearestDue, type DueOrder } from '@/lib/overlay/due';
import type { OverlayOrder, OverlaySummary } from '@/lib/overlay/messages';
import { Countdown } from './Countdown';
import { useNow } from './ticker';

// The countdown overlay on 12306 pages. Collapsed, a pill with the nearest deadline; expanded, every
// pending order. Every value from the server is rendered as a text node, never parsed as HTML.

interface Props {
  summary: OverlaySummary;
  onCollapsedChange: (collapsed: boolean) => void;
  /** Called once a second while the overlay shows. */
  onTick?: () => void;
}

export function Overlay(props: Props) {
  const [, recheck] = useState(0);
  // Nothing due renders nothing, so no countdown subscribes to the shared ticker and no timer runs.
  if (!nearestDue(props.summary, Date.now())) return null;
  return <OverlayShown {...props} onNothingDue={() => recheck((n) => n + 1)} />;
}

function OverlayShown({ summary, onCollapsedChange, onTick, onNothingDue }: Props & { onNothingDue: () => void }) {
  const now = useNow();
  const nearest = nearestDue(summary, now);
  useEffect(() => {
    onTick?.();
    // The last deadline passed between two updates from the background: hide until told otherwise.
    if (!nearest) onNothingDue();
  }, [now]);
  if (!nearest) return null;

  return (
    <div class="pc" role="region" aria-label={t('extName')}>
      {summary.collapsed ? (
        <Pill order={nearest} summary={summary} onExpand={() => onCollapsedChange(false)} />
      ) : (
        <Panel summary={summary} onCollapse={() => onCollapsedChange(true)} />
      )}
    </div>
  );
}

function PayLink({ order }: { order: OverlayOrder }) {
  if (order.payUrl === null) return null;
  const words = SOURCE_WORDS[order.source];
  // A new tab: whatever the user was doing on this page (a booking form, a search) stays as it was.
  return (
    <a class="pay" href={order.payUrl} target="_blank" rel="noopener noreferrer">
      {order.state === 'queuing' ? t(words.view) : t(words.pay)}
    </a>
  );
}

function Pill({ order, summary, onExpand }: { order: DueOrder; summary: OverlaySummary; onExpand: () => void }) {
  const [before, after] = t('overlayTimeLeft').split('{time}');
  const others = summary.orders.length - 1;
  return (
    <div class="pill" data-key={order.key}>
      <span class="pill__order">
        <strong class="title">{order.title}</strong>
        {order.route && <span class="route">{order.route}</span>}
      </span>
      <span class="sep" aria-hidden="true">
        ·
      </span>
      <span class="pill__left">
        {before}
        <Countdown deadline={order.deadline} offsetMs={summary.offsetMs} />
        {after}
      </span>
      {order.payUrl !== null && (
        <span class="sep" aria-hidden="true">
          ·
        </span>
      )}
      <PayLink order={order} />
      <button
        type="button"
        class="toggle"
        aria-expanded="false"
        aria-label={t('overlayExpand')}
        title={t('overlayExpand')}
        onClick={onExpand}
      >
        {others > 0 && <span class="toggle__more">+{others}</span>}
        <span aria-hidden="true">▴</span>
      </button>
    </div>
  );
}

function Panel({ summary, onCollapse }: { summary: OverlaySummary; onCollapse: () => void }) {
  return (
    <div class="panel">
      <div class="panel__header">
        <span class="panel__title">{t('overlayListTitle', { n: summary.orders.length })}</span>
        <button type="button" class="toggle" aria-expanded="true" onClick={onCollapse}>
          {t('overlayCollapse')} <span aria-hidden="true">▾</span>
        </button>
      </div>
      <ul class="rows">
        {summary.orders.map((order) => (
          <li key={order.key} class={`row row--${order.state}`} data-key={order.key}>
            <span class="row__when">
              {order.state === 'queuing' ? (
                <span class="countdown countdown--queue">{t('queuing')}</span>
              ) : order.deadline !== null ? (
                <Countdown deadline={order.deadline} offsetMs={summary.offsetMs} />
              ) : (
                <span class="countdown">{t('noDeadline')}</span>
              )}
            </span>
            <span class="row__what">
              <strong class="title">{order.title}</strong>
              {order.route && <span class="route">{order.route}</span>}
            </span>
            <PayLink order={order} />
          </li>
        ))}
      </ul>
    </div>
  );
}
