import { describeSource } from '@/lib/sources/descriptions';
import type { CountedOrder } from '@/lib/alerts/announcements';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { tOverlay as t } from '@/lib/i18n/overlay';
import { nearestDue, type Due } from '@/lib/overlay/due';
import type { OverlayOrder, OverlaySummary } from '@/lib/messaging/overlay';
import { Announcer } from './Announcer';
import { Countdown } from './Countdown';
import { useNow } from '@/hooks/ticker';

// The countdown overlay on 12306 pages. Collapsed, a pill with the nearest deadline; expanded, every
// pending 12306 order and a count of the others. Every value from the server is rendered as a text
// node, never parsed as HTML. Only the user's own clicks toggle it: a page's script can click too,
// but its clicks are untrusted, and each toggle is a storage write and a message to every 12306 tab.

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
  const root = useRef<HTMLDivElement>(null);
  // The toggle the user pressed is replaced by the other view's: its focus goes to the new toggle
  // (not back to the page's start). Not when another tab changed it: that would steal the focus.
  const toggledHere = useRef(false);
  // Before the paint: the new toggle must have the focus as soon as it shows.
  useLayoutEffect(() => {
    if (!toggledHere.current) return;
    toggledHere.current = false;
    root.current?.querySelector<HTMLElement>('.toggle')?.focus();
  }, [summary.collapsed]);
  const toggle = (collapsed: boolean) =>
    byUser(() => {
      toggledHere.current = true;
      onCollapsedChange(collapsed);
    });
  const nearest = nearestDue(summary, now);
  useEffect(() => {
    onTick?.();
    // The last deadline passed between two updates from the background: hide until told otherwise.
    if (!nearest) onNothingDue();
    // Once a tick: the callbacks are new closures on every render, and listing them would run it on each.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [now]);
  if (!nearest) return null;

  return (
    <div class="pc" role="region" aria-label={t('extName')} ref={root}>
      <Announcer orders={countedOf(summary)} reminderMinutes={summary.reminderMinutes} />
      {summary.collapsed ? (
        <Pill due={nearest} summary={summary} onExpand={toggle(false)} />
      ) : (
        <Panel summary={summary} onCollapse={toggle(true)} />
      )}
    </div>
  );
}

/** The named 12306 orders that count down; the others are only a count here, and stay unnamed. */
const countedOf = (summary: OverlaySummary): CountedOrder[] =>
  summary.orders.flatMap((order) =>
    order.state === 'unpaid' && order.deadline !== null
      ? [{ key: order.key, title: order.title, deadline: order.deadline, offsetMs: summary.offsetMs }]
      : [],
  );

const byUser = (action: () => void) => (event: Event) => {
  if (event.isTrusted) action();
};

function PayLink({ order }: { order: OverlayOrder }) {
  if (order.payUrl === null) return null;
  const { words } = describeSource(order.source);
  // A new tab: whatever the user was doing on this page (a booking form, a search) stays as it was.
  return (
    <a class="pay" href={order.payUrl} target="_blank" rel="noopener noreferrer">
      {order.state === 'queuing' ? t(words.view) : t(words.pay)}
    </a>
  );
}

function Pill({ due, summary, onExpand }: { due: Due; summary: OverlaySummary; onExpand: (event: Event) => void }) {
  const [before, after] = t('overlayTimeLeft').split('{time}');
  const { order } = due;
  const others = summary.orders.length + summary.others.count - 1;
  return (
    <div class="pill">
      <span class="pill__order">
        {order ? (
          <>
            <strong class="title">{order.title}</strong>
            {order.route && <span class="route">{order.route}</span>}
          </>
        ) : (
          <strong class="title">{t('overlayOthers', { n: summary.others.count })}</strong>
        )}
      </span>
      <span class="sep" aria-hidden="true">
        ·
      </span>
      <span class="pill__left">
        {before}
        <Countdown deadline={due.deadline} offsetMs={summary.offsetMs} />
        {after}
      </span>
      {order && order.payUrl !== null && (
        <span class="sep" aria-hidden="true">
          ·
        </span>
      )}
      {order && <PayLink order={order} />}
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

function Panel({ summary, onCollapse }: { summary: OverlaySummary; onCollapse: (event: Event) => void }) {
  const { others } = summary;
  return (
    // Escape closes the list from anywhere in it, as it would a menu.
    <div class="panel" onKeyDown={(event) => event.key === 'Escape' && onCollapse(event)}>
      <div class="panel__header">
        <span class="panel__title">{t('overlayListTitle', { n: summary.orders.length + others.count })}</span>
        <button type="button" class="toggle" aria-expanded="true" onClick={onCollapse}>
          {t('overlayCollapse')} <span aria-hidden="true">▾</span>
        </button>
      </div>
      <ul class="rows">
        {summary.orders.map((order) => (
          <li key={order.key} class={`row row--${order.state}`}>
            <span class="row__when">
              {order.state === 'queuing' ? (
                <span class="countdown countdown--queue">{t('queuing')}</span>
              ) : (
                <When deadline={order.deadline} offsetMs={summary.offsetMs} />
              )}
            </span>
            <span class="row__what">
              <strong class="title">{order.title}</strong>
              {order.route && <span class="route">{order.route}</span>}
            </span>
            <PayLink order={order} />
          </li>
        ))}
        {others.count > 0 && (
          <li key="others" class="row row--others">
            <span class="row__when">
              <When deadline={others.deadline} offsetMs={summary.offsetMs} />
            </span>
            <span class="row__what">
              <strong class="title">{t('overlayOthers', { n: others.count })}</strong>
            </span>
          </li>
        )}
      </ul>
    </div>
  );
}

function When({ deadline, offsetMs }: { deadline: number | null; offsetMs: number }) {
  return deadline !== null ? (
    <Countdown deadline={deadline} offsetMs={offsetMs} />
  ) : (
    <span class="countdown">{t('noDeadline')}</span>
  );
}
