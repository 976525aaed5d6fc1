import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { Announcer } from '@/components/Announcer';
import { OrderList } from '@/components/OrderList';
import { SourceLine } from '@/components/SourceLine';
import { setTickPhase } from '@/hooks/ticker';
import { useDisplayStore } from '@/hooks/useDisplayStore';
import { countedOrders } from '@/lib/alerts/counted-orders';
import type { QuietOrders } from '@/lib/alerts/quiet';
import { DEFAULT_REMINDER_MINUTES } from '@/lib/alerts/reminder-plan';
import { URGENCY_COLORS } from '@/lib/badge';
import { askBackground } from '@/lib/browser/ask-background';
import { openOrFocus } from '@/lib/browser/tabs';
import { tPopup as t } from '@/lib/i18n/popup';
import type { SilenceRequest } from '@/lib/messaging/pages';
import { orderKey, type Order } from '@/lib/orders/model';
import { LOGIN_PAGE_URL } from '@/lib/sources/12306/endpoints';
import { SOURCE_DESCRIPTIONS, type DescribedSource } from '@/lib/sources/descriptions';
import { displayStore, type DisplayStore } from '@/lib/storage/display-store';
import { sourceSnapshots, stored } from '@/lib/storage/stored';
import type { Snapshot } from '@/lib/snapshots/snapshot';
import { POPUP_ITEMS } from './items';
import { PushLine } from './PushLine';
import { ticketCountedOrders, ticketOrders, TicketSections } from './TicketSections';

// The badge and the countdowns share one palette.
const palette = Object.fromEntries(Object.entries(URGENCY_COLORS).map(([urgency, color]) => [`--${urgency}`, color]));

type PopupSource = Extract<DescribedSource, { byAccount: false }>;

// A section each, in the descriptions' order; sources with a snapshot per account have TicketSections.
const SOURCES = SOURCE_DESCRIPTIONS.filter((source): source is PopupSource => !source.byAccount);

async function openAndClose(url: string) {
  await openOrFocus(url);
  window.close();
}

/** Everything the popup shows, read in one call: main.tsx starts it before the first render. */
export const popupStore = (): DisplayStore => displayStore(POPUP_ITEMS);

const silence = (order: Order, action: SilenceRequest['action']) =>
  void askBackground({ type: 'silence', orderKey: orderKey(order), action });

// Logging in is for the 12306 session, the only one a source with a section of its own can be logged
// out of (a ticket-system account's key is fixed in the settings).
function SourceSection({ source, snapshot, quiet }: { source: PopupSource; snapshot: Snapshot; quiet: QuietOrders }) {
  return (
    <>
      <SourceLine name={t(source.popup.name)} snapshot={snapshot} onLogIn={() => void openAndClose(LOGIN_PAGE_URL)} />
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
  const snapshots = SOURCES.map((source) => get(sourceSnapshots[source.id]));
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
    if (refreshing) return;
    setRefreshing(true);
    await askBackground({ type: 'refresh' });
    setRefreshing(false);
  }

  const ticket = accounts && watched && ticketSnapshots ? { accounts, watched, snapshots: ticketSnapshots } : undefined;
  const loaded = snapshots.every((snapshot) => snapshot !== undefined) && ticket !== undefined;
  const shown = SOURCES.flatMap((source, index) => {
    const snapshot = snapshots[index];
    if (!snapshot || (source.popup.whileOrders && snapshot.orders.length === 0)) return [];
    return [{ source, snapshot }];
  });
  const counted = [
    ...shown.flatMap(({ snapshot }) => countedOrders(snapshot.orders, snapshot.clock)),
    ...(ticket ? ticketCountedOrders(ticket) : []),
  ];
  const empty =
    shown.every(({ snapshot }) => snapshot.orders.length === 0) && (!ticket || ticketOrders(ticket).length === 0);

  return (
    <main class="popup" style={palette}>
      <header class="popup__header">
        <h1>PayClock</h1>
        <button type="button" class="settings" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('openSettings')}
        </button>
        {/* aria-disabled while it runs, not disabled: a disabled button drops the keyboard's focus. */}
        <button type="button" class="refresh" onClick={refresh} aria-disabled={refreshing} aria-busy={refreshing}>
          {refreshing ? t('refreshing') : t('refresh')}
        </button>
      </header>
      <PushLine channels={get(stored.pushChannels)} statuses={get(stored.pushStatus)} />
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
      <Announcer orders={counted} reminderMinutes={get(stored.settings)?.reminderMinutes ?? DEFAULT_REMINDER_MINUTES} />
    </main>
  );
}
