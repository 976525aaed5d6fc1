// @vitest-environment happy-dom
import { cleanup, render, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { App, popupStore } from '@/entrypoints/popup/App';
import { DEFAULT_SETTINGS } from '@/lib/settings/defaults';
import { newWatchedOrder } from '@/lib/sources/ticket-system/watched';
import {
  accountsItem,
  settingsItem,
  snapshot12306Item,
  ticketSnapshotsItem,
  watchedOrdersItem,
} from '@/lib/storage/items';
import { account } from '../helpers/accounts';
import { makeOrder, makeSnapshot } from '../helpers/orders';

// The popup's live region, with the user's own reminder minutes, for 12306's orders and a venue's.
// On the real clock: the threshold is crossed a second and a half after the popup opens.

afterEach(cleanup);

describe('the popup’s announcements', () => {
  it('says in its polite live region when each order, 12306’s and a venue’s, crosses the user’s threshold', async () => {
    await settingsItem.set({ ...DEFAULT_SETTINGS, reminderMinutes: [15] });
    const deadline = Date.now() + 15 * 60_000 + 1_500;
    await snapshot12306Item.set(makeSnapshot({ status: 'ok', orders: [makeOrder({ title: 'G101', deadline })] }));
    await accountsItem.set([account({ id: 'a1' })]);
    await watchedOrdersItem.set([newWatchedOrder('a1', 'T1', 1)]);
    await ticketSnapshotsItem.set({
      a1: makeSnapshot({
        status: 'ok',
        orders: [makeOrder({ source: 'ticket-system', accountId: 'a1', id: 'T1', title: '黄山门票', deadline })],
      }),
    });
    const { container } = render(<App store={popupStore()} />);
    await waitFor(() => expect(container.querySelectorAll('.order')).toHaveLength(2));
    // The watch form's hint is a live region of its own, about what is typed there.
    const regions = container.querySelectorAll('[aria-live]:not(.watch-form__read)');
    expect(regions).toHaveLength(1);
    expect(regions[0]!.getAttribute('aria-live')).toBe('polite');
    expect(regions[0]!.textContent).toBe('');
    await waitFor(
      () =>
        expect([...regions[0]!.children].map((p) => p.textContent)).toEqual([
          'G101 · 15 min left to pay',
          '黄山门票 · 15 min left to pay',
        ]),
      { timeout: 4_000 },
    );
  });
});
