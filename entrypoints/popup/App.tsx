import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { OrderCard } from '@/components/OrderCard';
import { SilenceControls } from '@/components/SilenceControls';
import { SourceLine } from '@/components/SourceLine';
import { setTickPhase } from '@/components/ticker';
import { useStoredValue } from '@/components/useStoredValue';
import { URGENCY_COLORS } from '@/lib/badge';
import { openOrFocus } from '@/lib/browser/tabs';
import { t } from '@/lib/i18n';
import { replySchema, type Request, type SilenceRequest } from '@/lib/messages';
import { orderKey, type Order } from '@/lib/orders/model';
import { LOGIN_PAGE_URL } from '@/lib/sources/12306/endpoints';
import { quietOrdersItem, snapshot12306Item } from '@/lib/storage/items';

// The badge and the countdowns share one palette.
const palette = Object.fromEntries(Object.entries(URGENCY_COLORS).map(([urgency, color]) => [`--${urgency}`, color]));

async function openAndClose(url: string) {
  await openOrFocus(url);
  window.close();
}

export function App() {
  // Rendered straight from storage: the popup never waits for the network.
  const snapshot = useStoredValue(snapshot12306Item);
  const quiet = useStoredValue(quietOrdersItem) ?? {};
  const [refreshing, setRefreshing] = useState(false);

  useEffect(() => {
    if (snapshot) setTickPhase(snapshot.clock.offsetMs);
  }, [snapshot?.clock.offsetMs]);

  async function refresh() {
    setRefreshing(true);
    try {
      const request: Request = { type: 'refresh' };
      replySchema.safeParse(await browser.runtime.sendMessage(request));
    } catch (error) {
      console.warn('PayClock: refresh failed', error);
    } finally {
      setRefreshing(false);
    }
  }

  async function silence(order: Order, action: SilenceRequest['action']) {
    try {
      const request: Request = { type: 'silence', orderKey: orderKey(order), action };
      replySchema.safeParse(await browser.runtime.sendMessage(request));
    } catch (error) {
      console.warn('PayClock: could not change reminders', error);
    }
  }

  // Only an order with a deadline still ahead has reminders to silence.
  const silenceable = (order: Order) =>
    order.state === 'unpaid' &&
    order.deadline !== null &&
    order.deadline > Date.now() + (snapshot?.clock.offsetMs ?? 0);

  const orders = snapshot?.orders ?? [];
  const sorted = [...orders].sort((a, b) => (a.deadline ?? Infinity) - (b.deadline ?? Infinity));

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
                >
                  {silenceable(order) && (
                    <SilenceControls
                      silence={quiet[orderKey(order)]}
                      now={Date.now()}
                      offsetMs={snapshot.clock.offsetMs}
                      onSilence={(action) => void silence(order, action)}
                    />
                  )}
                </OrderCard>
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
