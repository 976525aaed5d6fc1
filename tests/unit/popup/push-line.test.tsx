// @vitest-environment happy-dom
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { popupStore } from '@/entrypoints/popup/App';
import { Popup } from '@/entrypoints/popup/Popup';
import type { ChannelStatus, PushChannel } from '@/lib/push/channel';
import { pushChannelsItem, pushStatusItem } from '@/lib/storage/items';

// The popup's one line about a push channel that fails, read from storage without zod.

const channel = (id: string, label: string): PushChannel => ({
  id,
  label,
  service: 'wecom',
  kinds: { remind: [5, 1], due: true, loginExpired: true, found: false, gone: false },
  includeAmount: false,
  fields: {},
  originPatterns: ['https://qyapi.weixin.qq.com/*'],
  secretHint: '…3f9a',
});
const failing: ChannelStatus = {
  health: 'failing',
  last: { at: 1, outcome: 'retry', httpStatus: 502, detail: 'HTTP 502: Bad gateway <b>x</b>' },
};

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const line = (container: Element) => container.querySelector<HTMLElement>('[data-testid="push-line"]');

describe('the popup’s push line', () => {
  it('says which channel fails and what its service answered, as text', async () => {
    await pushChannelsItem.set([channel('a', 'My group'), channel('b', 'My iPhone')]);
    await pushStatusItem.set({ a: { health: 'ok', last: null }, b: failing });
    const { container } = render(<Popup store={popupStore()} />);
    await waitFor(() => expect(line(container)).not.toBeNull());
    expect(line(container)!.textContent).toContain('Pushing to “My iPhone” fails: HTTP 502: Bad gateway <b>x</b>');
    expect(line(container)!.querySelector('b')).toBeNull();
  });

  it('puts a refused key first and leads to the settings', async () => {
    const openOptionsPage = vi.fn(async () => {});
    fakeBrowser.runtime.openOptionsPage = openOptionsPage;
    await pushChannelsItem.set([channel('a', 'My group'), channel('b', 'My iPhone')]);
    await pushStatusItem.set({ a: failing, b: { health: 'refused', last: null } });
    const { container, getByRole } = render(<Popup store={popupStore()} />);
    await waitFor(() => expect(line(container)?.getAttribute('data-health')).toBe('refused'));
    expect(line(container)!.textContent).toContain('“My iPhone” refused its key; update it in Settings');
    fireEvent.click(getByRole('button', { name: 'Push settings' }));
    expect(openOptionsPage).toHaveBeenCalled();
  });

  it('shows nothing while every channel is fine, or when what is stored cannot be read', async () => {
    await pushChannelsItem.set([channel('a', 'My group')]);
    await pushStatusItem.set({ a: { health: 'ok', last: null } });
    const { container, unmount } = render(<Popup store={popupStore()} />);
    await waitFor(() => expect(container.querySelector('.popup__header')).not.toBeNull());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(line(container)).toBeNull();
    unmount();

    // Hand-edited from outside the extension: a status that is not one is read as none.
    await fakeBrowser.storage.local.set({ 'push.status': { a: { health: 'broken', last: 7 } } });
    const second = render(<Popup store={popupStore()} />);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(line(second.container)).toBeNull();
    expect(second.container.querySelector('[role="alert"]')).toBeNull();
  });
});
