// @vitest-environment happy-dom
import { cleanup, fireEvent, render, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { App, popupStore } from '@/entrypoints/popup/App';
import type { Request } from '@/lib/messaging/pages';
import type { Account } from '@/lib/sources/ticket-system/account';
import { newWatchedOrder, type WatchedOrder } from '@/lib/sources/ticket-system/watched';
import { accountsItem, snapshot12306Item, ticketSnapshotsItem, watchedOrdersItem } from '@/lib/storage/items';
import { makeOrder, makeSnapshot } from '../helpers/orders';
import { account as makeAccount } from '../helpers/accounts';

// The fake browser has no i18n API, so the popup renders in English.

const hostile = '<img src=x onerror="window.__pwned=1">';

const account = (id: string, label: string): Account =>
  makeAccount({ id, label, baseUrl: `https://${id}.example.cn/` });

const ticket = (accountId: string, id: string, minutesLeft: number, title = '黄山门票') =>
  makeOrder({
    source: 'ticket-system',
    accountId,
    id,
    title,
    route: null,
    passengers: [],
    departure: null,
    deadline: Date.now() + minutesLeft * 60_000,
    statusText: null,
    payUrl: `https://${accountId}.example.cn/`,
  });

const PAID = { code: '3', zh: '已交割', en: 'Completed', awaitingPayment: false, final: true };
const AWAITING = { code: '0', zh: '预定中', en: 'Awaiting payment', awaitingPayment: true, final: false };

const originalSendMessage = fakeBrowser.runtime.sendMessage;
let sent: Request[];

beforeEach(async () => {
  sent = [];
  fakeBrowser.runtime.sendMessage = vi.fn(async (request: Request) => {
    sent.push(request);
    return request.type === 'watch.add' ? { ok: true, added: 1, already: 0 } : { ok: true };
  }) as unknown as typeof fakeBrowser.runtime.sendMessage;
  fakeBrowser.runtime.openOptionsPage = vi.fn(async () => {});
  await snapshot12306Item.set(makeSnapshot({ status: 'ok', checkedAt: Date.now() }));
});

afterEach(() => {
  cleanup();
  fakeBrowser.runtime.sendMessage = originalSendMessage;
  vi.restoreAllMocks();
});

const venue = (container: Element, id: string) =>
  container.querySelector<HTMLElement>(`.venue[data-account-id="${id}"]`);

describe('popup ticket-system sections', () => {
  it('shows each account’s pending countdowns sorted by deadline, and its other watched orders', async () => {
    await accountsItem.set([account('a1', '黄山'), account('a2', '泰山'), account('a3', '没有订单')]);
    await watchedOrdersItem.set([
      { ...newWatchedOrder('a1', 'T-LATE', 1), status: AWAITING },
      { ...newWatchedOrder('a1', 'T-SOON', 1), status: AWAITING },
      { ...newWatchedOrder('a1', 'T-PAID', 1), status: PAID, title: '索道票', finalAt: Date.now() },
      { ...newWatchedOrder('a1', 'T-GONE', 1), problem: { kind: 'notFound', detail: hostile }, checkedAt: Date.now() },
      newWatchedOrder('a2', 'T-NEW', 1),
    ]);
    await ticketSnapshotsItem.set({
      a1: makeSnapshot({
        status: 'ok',
        checkedAt: Date.now() - 30_000,
        orders: [ticket('a1', 'T-LATE', 25, hostile), ticket('a1', 'T-SOON', 4)],
      }),
      a2: makeSnapshot({ status: 'busy' }),
    });
    const { container } = render(<App store={popupStore()} />);
    await waitFor(() => expect(venue(container, 'a1')).not.toBeNull());
    const a1 = venue(container, 'a1')!;
    expect(a1.querySelector('.source__status')!.textContent).toBe('Working · checked 30 s ago');
    const cards = [...a1.querySelectorAll('.order')];
    expect(cards.map((card) => card.getAttribute('data-order-id'))).toEqual(['T-SOON', 'T-LATE']);
    expect(within(cards[0] as HTMLElement).getByRole('timer').textContent).toMatch(/^(04:00|03:59)$/);
    expect(cards[1]!.textContent).toContain(hostile);
    // The other watched orders, compactly.
    const rows = [...a1.querySelectorAll('.watched__row')];
    expect(rows.map((row) => row.getAttribute('data-order-id'))).toEqual(['T-PAID', 'T-GONE']);
    expect(rows[0]!.textContent).toContain('Completed (已交割)');
    expect(rows[0]!.textContent).toContain('索道票');
    expect(rows[1]!.textContent).toContain(`The venue has no such order: ${hostile}`);
    // Checked, with no status to name: the problem speaks alone.
    expect(rows[1]!.textContent).not.toContain('Not checked yet');
    expect(container.querySelector('img')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    // A venue's words, not 12306's.
    expect(venue(container, 'a2')!.textContent).toContain('The ticket system is busy; retrying automatically');
    expect(venue(container, 'a2')!.textContent).toContain('Not checked yet');
    expect(venue(container, 'a3')).toBeNull(); // nothing watched, no section
    expect(container.textContent).not.toContain('No orders waiting for payment');
  });

  it('dismisses a final order and removes another', async () => {
    await accountsItem.set([account('a1', '黄山')]);
    await watchedOrdersItem.set([
      { ...newWatchedOrder('a1', 'T-PAID', 1), status: PAID, finalAt: Date.now() },
      newWatchedOrder('a1', 'T-NEW', 1),
    ]);
    const { findByRole, getByRole } = render(<App store={popupStore()} />);
    fireEvent.click(await findByRole('button', { name: 'Dismiss' }));
    fireEvent.click(getByRole('button', { name: 'Stop watching T-NEW' }));
    await waitFor(() =>
      expect(sent).toEqual([
        { type: 'watch.remove', accountId: 'a1', orderId: 'T-PAID' },
        { type: 'watch.remove', accountId: 'a1', orderId: 'T-NEW' },
      ]),
    );
  });

  it('keeps the keyboard’s focus in the list when a row goes, and sends one removal per row', async () => {
    await accountsItem.set([account('a1', '黄山')]);
    const paid = { ...newWatchedOrder('a1', 'T-PAID', 1), status: PAID, finalAt: Date.now() };
    await watchedOrdersItem.set([paid, newWatchedOrder('a1', 'T-NEW', 1)]);
    const { findByRole } = render(<App store={popupStore()} />);
    const dismiss = await findByRole('button', { name: 'Dismiss' });
    dismiss.focus();
    fireEvent.click(dismiss);
    fireEvent.click(dismiss);
    await waitFor(() => expect(sent).toEqual([{ type: 'watch.remove', accountId: 'a1', orderId: 'T-PAID' }]));
    // The background removes it; the row goes, and the focus moves to the row now in its place.
    await watchedOrdersItem.set([newWatchedOrder('a1', 'T-NEW', 1)]);
    const next = await findByRole('button', { name: 'Stop watching T-NEW' });
    await waitFor(() => expect(document.activeElement).toBe(next));
  });

  it('silences one venue order’s reminders by its own key', async () => {
    await accountsItem.set([account('a1', '黄山')]);
    await watchedOrdersItem.set([{ ...newWatchedOrder('a1', 'T1', 1), status: AWAITING }]);
    await ticketSnapshotsItem.set({ a1: makeSnapshot({ status: 'ok', orders: [ticket('a1', 'T1', 20)] }) });
    const { findByRole } = render(<App store={popupStore()} />);
    fireEvent.click(await findByRole('button', { name: 'No more reminders for this order' }));
    await waitFor(() => expect(sent).toEqual([{ type: 'silence', orderKey: 'ticket-system:a1:T1', action: 'mute' }]));
  });

  it('offers to fix a refused key in the settings', async () => {
    await accountsItem.set([account('a1', '黄山')]);
    await watchedOrdersItem.set([newWatchedOrder('a1', 'T1', 1)]);
    await ticketSnapshotsItem.set({ a1: makeSnapshot({ status: 'authFailed', detail: 'Bad mac' }) });
    const { findByRole, container } = render(<App store={popupStore()} />);
    fireEvent.click(await findByRole('button', { name: 'Fix in settings' }));
    expect(fakeBrowser.runtime.openOptionsPage).toHaveBeenCalled();
    expect(venue(container, 'a1')!.textContent).toContain('Authentication failed; checks stopped');
    expect(venue(container, 'a1')!.textContent).toContain('Bad mac');
  });

  it('keeps hundreds of watched orders short', async () => {
    await accountsItem.set([account('a1', '黄山')]);
    const many: WatchedOrder[] = Array.from({ length: 300 }, (_, index) => newWatchedOrder('a1', `N${index}`, index));
    await watchedOrdersItem.set(many);
    const { findByRole, container } = render(<App store={popupStore()} />);
    const more = await findByRole('button', { name: 'Show 280 more orders' });
    expect(container.querySelectorAll('.watched__row')).toHaveLength(20);
    expect(container.textContent).toContain('Other watched orders (300)');
    fireEvent.click(more);
    expect(container.querySelectorAll('.watched__row')).toHaveLength(300);
  });

  it('watches pasted order numbers from the popup', async () => {
    await accountsItem.set([account('a1', '黄山'), account('a2', '泰山')]);
    const { findByLabelText, getByLabelText, getByRole, findByText } = render(<App store={popupStore()} />);
    const box = await findByLabelText('Order numbers (paste many at once)');
    fireEvent.change(getByLabelText('Account'), { target: { value: 'a2' } });
    fireEvent.input(box, { target: { value: 'X1 X2' } });
    fireEvent.click(getByRole('button', { name: 'Watch' }));
    expect(await findByText('Added 1, 0 already watched')).toBeTruthy();
    expect(sent).toEqual([{ type: 'watch.add', accountId: 'a2', orderIds: ['X1', 'X2'] }]);
  });

  it('without an account, points to the settings in one line', async () => {
    const { findByText, getByRole, queryByLabelText } = render(<App store={popupStore()} />);
    expect(await findByText(/add a ticket-system account in Settings/)).toBeTruthy();
    expect(queryByLabelText('Order numbers (paste many at once)')).toBeNull();
    fireEvent.click(getByRole('button', { name: 'Open Settings' }));
    expect(fakeBrowser.runtime.openOptionsPage).toHaveBeenCalled();
    expect(sent).toEqual([]); // rendered from storage, nothing asked of the network
  });
});

describe('popup ticket-system sections, removed orders', () => {
  it('drops a countdown as soon as its order is no longer watched', async () => {
    await accountsItem.set([account('a1', '黄山')]);
    await watchedOrdersItem.set([newWatchedOrder('a1', 'T2', 1)]);
    await ticketSnapshotsItem.set({
      a1: makeSnapshot({ status: 'ok', orders: [ticket('a1', 'T1', 20), ticket('a1', 'T2', 30)] }),
    });
    const { container } = render(<App store={popupStore()} />);
    await waitFor(() => expect(container.querySelectorAll('.order')).toHaveLength(1));
    expect(container.querySelector('.order')!.getAttribute('data-order-id')).toBe('T2');
  });
});
