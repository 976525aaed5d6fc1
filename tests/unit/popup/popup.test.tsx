// @vitest-environment happy-dom
import { cleanup, render, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { popupStore } from '@/entrypoints/popup/App';
import { Popup } from '@/entrypoints/popup/Popup';
import { snapshot12306Item } from '@/lib/storage/items';
import { makeOrder, makeSnapshot } from '../helpers/orders';

// The popup shows stored values unvalidated (its size budget; lib/storage/display-store.ts).

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('the popup', () => {
  it('shows the stored orders', async () => {
    await snapshot12306Item.set(makeSnapshot({ status: 'ok', orders: [makeOrder({ id: 'E123', title: 'G7' })] }));
    const { container } = render(<Popup store={popupStore()} />);
    await waitFor(() => expect(container.querySelectorAll('.order')).toHaveLength(1));
    expect(container.textContent).toContain('G7');
  });

  it('says it cannot read data damaged outside the extension, instead of going blank', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await fakeBrowser.storage.local.set({
      'snapshot.12306': { ...makeSnapshot({ status: 'ok' }), orders: [{ id: 'E1', deadline: 'soon' }], clock: 7 },
      'snapshot.12306$': { v: 1 },
    });
    const { findByRole } = render(<Popup store={popupStore()} />);
    expect((await findByRole('alert')).textContent).toContain('cannot read the data it saved');
  });

  it('says it cannot read its data when storage fails, rather than showing no orders', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await snapshot12306Item.set(makeSnapshot({ status: 'ok', orders: [makeOrder({ id: 'E123' })] }));
    vi.spyOn(fakeBrowser.storage.local, 'get').mockRejectedValue(new Error('disk gone'));
    const { findByRole, container } = render(<Popup store={popupStore()} />);
    expect((await findByRole('alert')).textContent).toContain('cannot read the data it saved');
    expect(container.querySelector('.empty')).toBeNull();
  });
});
