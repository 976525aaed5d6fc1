// @vitest-environment happy-dom
import { act, cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Overlay } from '@/components/Overlay';
import { makeOverlayOrder, makeOverlaySummary as summary } from '../helpers/overlay';
import { userClick, userKey } from '../helpers/user-events';

// The overlay by keyboard and for screen readers. The fake browser has no i18n API: English.

const MINUTE = 60_000;

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('Overlay by keyboard', () => {
  const orders = () => [makeOverlayOrder({ deadline: Date.now() + 20 * MINUTE })];

  it('collapses on Escape from anywhere in the open list, and only on the user’s own key', () => {
    const onCollapsedChange = vi.fn();
    const { getByRole } = render(
      <Overlay summary={summary(orders(), { collapsed: false })} onCollapsedChange={onCollapsedChange} />,
    );
    const pay = getByRole('link', { name: 'Pay' });
    userKey(pay, 'Enter');
    userKey(pay, 'Escape', false);
    expect(onCollapsedChange).not.toHaveBeenCalled();
    userKey(pay, 'Escape');
    expect(onCollapsedChange).toHaveBeenCalledExactlyOnceWith(true);
  });

  it('gives the focus to the other view’s toggle when the user toggles, and not when another tab does', () => {
    const onCollapsedChange = vi.fn();
    const shown = (collapsed: boolean) => (
      <Overlay summary={summary(orders(), { collapsed })} onCollapsedChange={onCollapsedChange} />
    );
    const { getByRole, rerender } = render(shown(false));
    const collapse = getByRole('button', { name: /Collapse/ });
    collapse.focus();
    userKey(collapse, 'Escape');
    rerender(shown(true));
    const expand = getByRole('button', { name: 'Show all pending orders' });
    expect(document.activeElement).toBe(expand);

    userClick(expand);
    rerender(shown(false));
    expect(document.activeElement).toBe(getByRole('button', { name: /Collapse/ }));

    // Collapsed from another tab: the focus stays where the user had it.
    (document.activeElement as HTMLElement).blur();
    rerender(shown(true));
    expect(document.activeElement).toBe(document.body);
  });
});

describe('Overlay for screen readers', () => {
  it('keeps its countdown out of the live region and says a reminder threshold once, as it is crossed', () => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.UTC(2026, 2, 24, 6, 0, 0));
    const deadline = Date.now() + 10 * MINUTE + 2_000;
    const { container, getByRole } = render(
      <Overlay summary={summary([makeOverlayOrder({ deadline })])} onCollapsedChange={() => {}} />,
    );
    const regions = container.querySelectorAll('[aria-live]');
    expect(regions).toHaveLength(1);
    const [live] = regions;
    expect(live!.getAttribute('aria-live')).toBe('polite');
    expect(live!.contains(getByRole('timer'))).toBe(false);
    expect(live!.textContent).toBe('');

    void act(() => void vi.advanceTimersByTime(1_100));
    expect(live!.textContent).toBe('');
    void act(() => void vi.advanceTimersByTime(1_000));
    expect(live!.textContent).toBe('G101 · 10 min left to pay');
    const sentence = live!.firstElementChild;
    // Ticks later, the same sentence stays put: nothing new for a screen reader to say.
    void act(() => void vi.advanceTimersByTime(5_000));
    expect(live!.firstElementChild).toBe(sentence);
    expect(live!.textContent).toBe('G101 · 10 min left to pay');
  });

  it('does not announce a threshold already passed when the overlay appears', () => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.UTC(2026, 2, 24, 6, 0, 0));
    const deadline = Date.now() + 4 * MINUTE;
    const { container } = render(
      <Overlay summary={summary([makeOverlayOrder({ deadline })])} onCollapsedChange={() => {}} />,
    );
    void act(() => void vi.advanceTimersByTime(3_000));
    expect(container.querySelector('[aria-live]')!.textContent).toBe('');
  });
});
