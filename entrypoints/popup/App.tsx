import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { OrderCard } from '@/components/OrderCard';
import { SourceLine } from '@/components/SourceLine';
import { setTickPhase } from '@/components/ticker';
import { useStoredValue } from '@/components/useStoredValue';
import { URGENCY_COLORS } from '@/lib/badge';
import { openOrFocus } from '@/lib/browser/tabs';
import { t } from '@/lib/i18n';
import { refreshReplySchema, type Request } from '@/lib/messages';
import type { Order } from '@/lib/orders/model';
import { LOGIN_PAGE_URL } from '@/lib/sources/12306/endpoints';
import { snapshot12306Item } from '@/lib/storage/items';

// The badge and the countdowns share one palette.
const palette = Object.fromEntries(Object.entries(URGENCY_COLORS).map(([urgency, color]) => [`--${urgency}`, color]));

async function openAndClose(url: string) {
  await openOrFocus(url);
  window.close();
}

export function App() {
  // Rendered straight from storage: the popup never waits for the network.
  const snapshot = useStoredValue(snapshot12306Item);
  const [refreshing, setRefreshing] = useState(false);

  useEffect(() => {
    if (snapshot) setTickPhase(snapshot.clock.offsetMs);
  }, [snapshot?.clock.offsetMs]);

  async function refresh() {
    setRefreshing(true);
    try {
      const request: Request = { type: 'refresh' };
      refreshReplySchema.safeParse(await browser.runtime.sendMessage(request));
    } catch (error) {
      console.warn('PayClock: refresh failed', error);
    } finally {
      setRefreshing(false);
    }
  }

  const orders = snapshot?.orders ?? [];
  const sorted = [...orders].sort((a, b) => (a.deadline ?? Infinity) - (b.deadline ?? Infinity));

  return (
    <main class="popup" style={palette}>
      <header class="popup__header">
        <h1>PayClock</h1>
        <button type="button" class="refresh" onClick={refresh} disabled={refreshing} aria-busy={refreshing}>
          {refreshing ? t('refreshing') : t('refresh')}
        </button>
      </header>
      {snapshot && (
        <>
          <SourceLine name={t('source12306')} snapshot={snapshot} onLogIn={() => void openAndClose(LOGIN_PAGE_URL)} />
          {sorted.length > 0 ? (
            <ul class="orders">
              {sorted.map((order: Order) => (
                <OrderCard
                  key={`${order.source}:${order.id}`}
                  order={order}
                  offsetMs={snapshot.clock.offsetMs}
                  onOpen={(o) => void openAndClose(o.payUrl)}
                />
              ))}
            </ul>
          ) : (
            <div class="empty">
              <p class="empty__title">{t('emptyTitle')}</p>
              <p class="empty__hint">{snapshot.status === 'loggedOut' ? t('emptyLoggedOut') : t('emptyHint')}</p>
            </div>
          )}
        </>
      )}
    </main>
  );
}
