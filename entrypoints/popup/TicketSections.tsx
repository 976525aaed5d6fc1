import { browser } from 'wxt/browser';
import { OrderList } from '@/components/OrderList';
import { SourceLine, VENUE_STATUS_WORDS } from '@/components/SourceLine';
import { WatchForm } from '@/components/WatchForm';
import { WatchedList } from '@/components/WatchedList';
import type { CountedOrder } from '@/lib/alerts/announcements';
import { countedOrders } from '@/lib/alerts/counted-orders';
import type { QuietOrders } from '@/lib/alerts/quiet';
import { tPopup as t } from '@/lib/i18n/popup';
import type { SilenceRequest } from '@/lib/messaging/pages';
import type { Order } from '@/lib/orders/model';
import type { Account } from '@/lib/sources/ticket-system/account';
import type { WatchedOrder } from '@/lib/sources/ticket-system/watched';
import { EMPTY_SNAPSHOT, type Snapshot } from '@/lib/snapshots/snapshot';

// The popup's ticket-system part: one section per account with watched orders (its health, its
// countdowns, its other watched orders in short), then the form to watch more.

export interface TicketData {
  accounts: readonly Account[];
  watched: readonly WatchedOrder[];
  snapshots: Readonly<Record<string, Snapshot>>;
}

interface Props extends TicketData {
  quiet: QuietOrders;
  onOpen: (url: string) => void;
  onSilence: (order: Order, action: SilenceRequest['action']) => void;
}

const openSettings = () => void browser.runtime.openOptionsPage();

/** An account's watched orders, grouped once (hundreds are expected). */
function groupWatched(watched: readonly WatchedOrder[]): Map<string, WatchedOrder[]> {
  const groups = new Map<string, WatchedOrder[]>();
  for (const entry of watched) {
    const group = groups.get(entry.accountId);
    if (group) group.push(entry);
    else groups.set(entry.accountId, [entry]);
  }
  return groups;
}

/** The accounts' orders awaiting payment, for the popup's "nothing due" decision. */
export function ticketOrders({ accounts, watched, snapshots }: TicketData): Order[] {
  const watchedAccounts = new Set(watched.map((entry) => entry.accountId));
  return accounts.flatMap((account) => (watchedAccounts.has(account.id) ? (snapshots[account.id]?.orders ?? []) : []));
}

/** The watched orders shown with a countdown, for the popup's announcements. */
export function ticketCountedOrders({ accounts, watched, snapshots }: TicketData): CountedOrder[] {
  return accounts.flatMap((account) => {
    const snapshot = snapshots[account.id];
    if (!snapshot) return [];
    const ids = new Set(watched.filter((entry) => entry.accountId === account.id).map((entry) => entry.orderId));
    return countedOrders(
      snapshot.orders.filter((order) => ids.has(order.id)),
      snapshot.clock,
    );
  });
}

function AccountSection({
  account,
  snapshot,
  entries,
  quiet,
  onOpen,
  onSilence,
}: { account: Account; snapshot: Snapshot; entries: WatchedOrder[] } & Pick<Props, 'quiet' | 'onOpen' | 'onSilence'>) {
  // An order just removed or dismissed goes at once, before the background rewrites the snapshot.
  const watchedIds = new Set(entries.map((entry) => entry.orderId));
  const pending = snapshot.orders.filter((order) => watchedIds.has(order.id));
  const pendingIds = new Set(pending.map((order) => order.id));
  const others = entries.filter((entry) => !pendingIds.has(entry.orderId));

  return (
    <div class="venue" data-account-id={account.id}>
      <SourceLine
        name={account.label}
        snapshot={snapshot}
        words={VENUE_STATUS_WORDS}
        onLogIn={openSettings}
        onFix={openSettings}
      />
      {pending.length > 0 && (
        <OrderList
          orders={pending}
          offsetMs={snapshot.clock.offsetMs}
          quiet={quiet}
          onOpen={onOpen}
          onSilence={onSilence}
        />
      )}
      {others.length > 0 && (
        <div class="venue__others">
          <div class="venue__others-heading">{t('watchOthers', { n: others.length })}</div>
          <WatchedList entries={others} />
        </div>
      )}
    </div>
  );
}

export function TicketSections({ accounts, watched, snapshots, quiet, onOpen, onSilence }: Props) {
  const groups = groupWatched(watched);
  return (
    <>
      {accounts.map((account) => {
        const entries = groups.get(account.id);
        if (!entries) return null;
        return (
          <AccountSection
            key={account.id}
            account={account}
            snapshot={snapshots[account.id] ?? EMPTY_SNAPSHOT}
            entries={entries}
            quiet={quiet}
            onOpen={onOpen}
            onSilence={onSilence}
          />
        );
      })}
      <section class="watch">
        {accounts.length === 0 ? (
          <p class="watch__hint">
            {t('watchNoAccount')}
            <button type="button" class="link" onClick={openSettings}>
              {t('watchNoAccountLink')}
            </button>
          </p>
        ) : (
          // Open while nothing is watched yet, so a first-time user sees where order numbers go.
          <details class="watch__details" open={watched.length === 0}>
            <summary>{t('watchPopupHeading')}</summary>
            <WatchForm accounts={accounts} compact />
          </details>
        )}
      </section>
    </>
  );
}
