import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { OrderList } from '@/components/OrderList';
import { SourceLine } from '@/components/SourceLine';
import { setTickPhase } from '@/hooks/ticker';
import { useDisplayStore } from '@/hooks/useDisplayStore';
import type { QuietOrders } from '@/lib/alerts/quiet';
import { URGENCY_COLORS } from '@/lib/badge';
import { askBackground } from '@/lib/browser/ask-background';
import { openOrFocus } from '@/lib/browser/tabs';
import { tPopup as t } from '@/lib/i18n/popup';
import type { PopupMessageKey } from '@/lib/i18n/popup';
import type { SilenceRequest } from '@/lib/messaging/pages';
import { orderKey, type Order, type SourceId } from '@/lib/orders/model';
import { LOGIN_PAGE_URL } from '@/lib/sources/12306/endpoints';
import { displayStore, type DisplayStore } from '@/lib/storage/display-store';
import type { StoredItem } from '@/lib/storage/stored-item';
import { stored } from '@/lib/storage/stored';
import type { Snapshot } from '@/lib/snapshots/snapshot';
import { POPUP_ITEMS } from './items';
import { ticketOrders, TicketSections } from './TicketSections';

// The badge and the countdowns share one palette.
const palette = Object.fromEntries(Object.entries(URGENCY_COLORS).map(([urgency, color]) => [`--${urgency}`, color]));

interface PopupSource {
  id: SourceId;
  name: PopupMessageKey;
  item: StoredItem<Snapshot>;
  loginUrl: string;
  /** A secondary source gets a section only while it has orders: its own status would be noise. */
  secondary: boolean;
}

const SOURCES: readonly PopupSource[] = [
  {
    id: '12306',
    name: 'source12306',
    item: stored.snapshot12306,
    loginUrl: LOGIN_PAGE_URL,
    secondary: false,
  },
  {
    id: '12306-waitlist',
    name: 'waitlistSource',
    item: stored.snapshotWaitlist,
    loginUrl: LOGIN_PAGE_URL,
    secondary: true,
  },
];

async function openAndClose(url: string) {
  await openOrFocus(url);
  window.close();
}

/** Everything the popup shows, read in one call: main.tsx starts it before the first render. */
export const popupStore = (): DisplayStore => displayStore(POPUP_ITEMS);

const silence = (order: Order, action: SilenceRequest['action']) =>
  void askBackground({ type: 'silence', orderKey: orderKey(order), action });

function SourceSection({ source, snapshot, quiet }: { source: PopupSource; snapshot: Snapshot; quiet: QuietOrders }) {
  return (
    <>
      <SourceLine name={t(source.name)} snapshot={snapshot} onLogIn={() => void openAndClose(source.loginUrl)} />
      {snapshot.orders.length > 0 && (
        <OrderList
          orders={snapshot.orders}
          offsetMs={snapshot.clock.offsetMs}
          quiet={quiet}
          onOpen={(url) => void openAndClose(url)}
          onSilence={silence}
        />
      )}
    </>
  );
}

export function App({ store }: { store: DisplayStore }) {
  // Rendered straight from storage: the popup never waits for the network.
  const get = useDisplayStore(store);
  const snapshots = SOURCES.map((source) => get(source.item));
  const quiet = get(stored.quietOrders) ?? {};
  const accounts = get(stored.accounts);
  const watched = get(stored.watchedOrders);
  const ticketSnapshots = get(stored.ticketSnapshots);
  const [refreshing, setRefreshing] = useState(false);
  const [main] = snapshots;
  const offsetMs = main?.clock.offsetMs;

  useEffect(() => {
    if (offsetMs !== undefined) setTickPhase(offsetMs);
  }, [offsetMs]);

  async function refresh() {
    setRefreshing(true);
    await askBackground({ type: 'refresh' });
    setRefreshing(false);
  }

  const ticket = accounts && watched && ticketSnapshots ? { accounts, watched, snapshots: ticketSnapshots } : undefined;
  const loaded = snapshots.every((snapshot) => snapshot !== undefined) && ticket !== undefined;
  const shown = SOURCES.flatMap((source, index) => {
    const snapshot = snapshots[index];
    if (!snapshot || (source.secondary && snapshot.orders.length === 0)) return [];
    return [{ source, snapshot }];
  });
  const empty =
    shown.every(({ snapshot }) => snapshot.orders.length === 0) && (!ticket || ticketOrders(ticket).length === 0);

  return (
    <main class="popup" style={palette}>
      <header class="popup__header">
        <h1>PayClock</h1>
        <button type="button" class="settings" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('openSettings')}
        </button>
        <button type="button" class="refresh" onClick={refresh} disabled={refreshing} aria-busy={refreshing}>
          {refreshing ? t('refreshing') : t('refresh')}
        </button>
      </header>
      {loaded && (
        <>
          {shown.map(({ source, snapshot }) => (
            <SourceSection key={source.id} source={source} snapshot={snapshot} quiet={quiet} />
          ))}
          {empty && main && (
            <div class="empty">
              <p class="empty__title">{t('emptyTitle')}</p>
              <p class="empty__hint">{main.status === 'loggedOut' ? t('emptyLoggedOut') : t('emptyHint')}</p>
            </div>
          )}
          {ticket && (
            <TicketSections {...ticket} quiet={quiet} onOpen={(url) => void openAndClose(url)} onSilence={silence} />
          )}
        </>
      )}
    </main>
  );
}
