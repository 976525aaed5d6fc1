import { useEffect, useRef, useState } from 'preact/hooks';
import { tPopup as t } from '@/lib/i18n/popup';
import { watchedKey } from '@/lib/sources/ticket-system/order-ids';
import type { WatchedOrder } from '@/lib/sources/ticket-system/watched';
import { askBackground } from '@/lib/browser/ask-background';
import { orderProblemText, statusName } from './ticket-words';

interface Props {
  entries: readonly WatchedOrder[];
  /** Rows shown before "show N more": agents watch hundreds of orders. */
  limit?: number;
}

/** Final ones first (they wait to be dismissed), newest first; then those with a problem; then the rest. */
function rank(entry: WatchedOrder): number {
  if (entry.finalAt !== null) return 0;
  if (entry.problem !== null) return 1;
  return 2;
}
const byRank = (a: WatchedOrder, b: WatchedOrder) =>
  rank(a) - rank(b) || (b.finalAt ?? 0) - (a.finalAt ?? 0) || b.addedAt - a.addedAt;

/** Watched orders without a countdown, one compact row each. Venue text is rendered as text. */
export function WatchedList({ entries, limit = 20 }: Props) {
  const [expanded, setExpanded] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const [removing, setRemoving] = useState<ReadonlySet<string>>(new Set());
  const list = useRef<HTMLUListElement>(null);
  // The row whose button the user pressed goes once the background has removed it, and the focus
  // with it: it moves to the row now in its place (or the new last), not back to the popup's top.
  const refocusAt = useRef<number | null>(null);
  useEffect(() => {
    const at = refocusAt.current;
    const focused = document.activeElement;
    const lost = !focused || focused === document.body || !focused.isConnected;
    if (at === null || !lost || !list.current) return;
    refocusAt.current = null;
    const rows = list.current.querySelectorAll('li');
    rows[Math.min(at, rows.length - 1)]?.querySelector('button')?.focus();
  });
  if (entries.length === 0) return null;

  const sorted = [...entries].sort(byRank);
  const shown = expanded ? sorted : sorted.slice(0, limit);

  async function remove(entry: WatchedOrder) {
    const key = watchedKey(entry);
    if (removing.has(key)) return;
    refocusAt.current = shown.indexOf(entry);
    setFailed(null);
    setRemoving((current) => new Set(current).add(key));
    const reply = await askBackground({ type: 'watch.remove', accountId: entry.accountId, orderId: entry.orderId });
    setRemoving((current) => {
      const next = new Set(current);
      next.delete(key);
      return next;
    });
    // On success the row goes when the stored list changes.
    if (!reply?.ok) setFailed(key);
  }

  return (
    <>
      <ul class="watched" ref={list}>
        {shown.map((entry) => {
          const key = watchedKey(entry);
          const final = entry.finalAt !== null;
          return (
            <li key={key} class={`watched__row${final ? ' watched__row--final' : ''}`} data-order-id={entry.orderId}>
              <span class="watched__id">{entry.orderId}</span>
              {/* A checked order with only a problem so far has no status to name: the problem says it. */}
              {(entry.status || entry.checkedAt === null) && (
                <span class="watched__status">{entry.status ? statusName(entry.status) : t('watchNotChecked')}</span>
              )}
              {entry.title && <span class="watched__title">{entry.title}</span>}
              {entry.problem && <span class="watched__problem">{orderProblemText(entry.problem)}</span>}
              {failed === key && (
                <span class="watched__problem" role="alert">
                  {t('watchRemoveFailed')}
                </span>
              )}
              {final ? (
                <button
                  type="button"
                  class="watched__dismiss"
                  aria-disabled={removing.has(key)}
                  onClick={() => void remove(entry)}
                >
                  {t('watchDismiss')}
                </button>
              ) : (
                <button
                  type="button"
                  class="watched__remove"
                  aria-label={t('watchRemove', { id: entry.orderId })}
                  title={t('watchRemove', { id: entry.orderId })}
                  aria-disabled={removing.has(key)}
                  onClick={() => void remove(entry)}
                >
                  ×
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {sorted.length > limit && (
        <button type="button" class="link watched__more" onClick={() => setExpanded(!expanded)}>
          {expanded ? t('watchShowFewer') : t('watchShowAll', { n: sorted.length - limit })}
        </button>
      )}
    </>
  );
}
