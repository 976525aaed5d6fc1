// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { act, cleanup, fireEvent, render } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Overlay } from '@/components/Overlay';
import { URGENCY_COLORS } from '@/lib/badge';
import type { OverlayOrder } from '@/lib/messaging/overlay';
import { makeOverlayOrder, makeOverlaySummary as summary, ORDERS_PAGE } from '../helpers/overlay';
import { userClick } from '../helpers/user-events';

// The fake browser has no i18n API, so these render in English.

const MINUTE = 60_000;
const hostile = '<img src=x onerror="window.__pwned=1">';

const order = (overrides: Partial<OverlayOrder> = {}) =>
  makeOverlayOrder({ deadline: Date.now() + 12 * MINUTE + 34_500, ...overrides });

const WAITLIST_PAGE = 'https://kyfw.12306.cn/otn/view/lineUp_order.html';
const three = () => [
  order({ key: '12306:E2', title: 'D2281', route: '杭州东 → 黄山北', deadline: Date.now() + 25 * MINUTE }),
  order(),
  order({
    key: '12306-waitlist:H1',
    source: '12306-waitlist',
    title: 'G3124',
    route: '上海 → 常州',
    deadline: Date.now() + 40 * MINUTE,
    payUrl: WAITLIST_PAGE,
  }),
  order({ key: '12306:Q', title: 'G7', route: null, state: 'queuing', deadline: null }),
];

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('Overlay', () => {
  it('collapsed, is a pill with the nearest due order, its countdown and its pay link', () => {
    const { container, getByRole, getAllByRole } = render(
      <Overlay summary={summary(three())} onCollapsedChange={() => {}} />,
    );
    expect(getAllByRole('timer')).toHaveLength(1);
    expect(getByRole('timer').textContent).toBe('12:35');
    expect(getByRole('timer').className).toContain('countdown--calm');
    expect(container.textContent).toBe('G101北京南 → 上海虹桥·12:35 left·Pay+3▴');
    const pay = getByRole('link', { name: 'Pay' });
    expect(pay.getAttribute('href')).toBe(ORDERS_PAGE);
    expect(pay.getAttribute('rel')).toContain('noopener');
    expect(getByRole('button', { name: 'Show all pending orders' }).getAttribute('aria-expanded')).toBe('false');
  });

  it('expanded, lists every pending order, and each button asks to toggle', () => {
    const onCollapsedChange = vi.fn();
    const { container, getByRole, getAllByRole, rerender } = render(
      <Overlay summary={summary(three(), { collapsed: false })} onCollapsedChange={onCollapsedChange} />,
    );
    const rows = [...container.querySelectorAll('.row')];
    // Each order as it was sent (the background sorts them), a waitlist order with its own words.
    expect(rows.map((row) => row.textContent)).toEqual([
      '25:00D2281杭州东 → 黄山北Pay',
      '12:35G101北京南 → 上海虹桥Pay',
      '40:00G3124上海 → 常州Prepay',
      'QueuingG7View',
    ]);
    expect(getAllByRole('timer')).toHaveLength(3);
    expect(container.textContent).toContain('Pending orders: 4');

    userClick(getByRole('button', { name: /Collapse/ }));
    expect(onCollapsedChange).toHaveBeenLastCalledWith(true);
    rerender(<Overlay summary={summary(three())} onCollapsedChange={onCollapsedChange} />);
    userClick(getByRole('button', { name: 'Show all pending orders' }));
    expect(onCollapsedChange).toHaveBeenLastCalledWith(false);
  });

  it('ignores clicks that are not the user’s, such as a page script’s .click()', () => {
    const onCollapsedChange = vi.fn();
    for (const collapsed of [true, false]) {
      const { getByRole } = render(
        <Overlay summary={summary(three(), { collapsed })} onCollapsedChange={onCollapsedChange} />,
      );
      const toggle = getByRole('button', { name: collapsed ? 'Show all pending orders' : /Collapse/ });
      toggle.click();
      fireEvent.click(toggle);
      const untrusted = new MouseEvent('click', { bubbles: true });
      Object.defineProperty(untrusted, 'isTrusted', { value: false });
      fireEvent(toggle, untrusted);
      cleanup();
    }
    expect(onCollapsedChange).not.toHaveBeenCalled();
  });

  it('shows the venue orders as a count and their nearest deadline, with no name, key or link', () => {
    const others = { count: 2, deadline: Date.now() + 5 * MINUTE };
    // Theirs is the nearest deadline: the pill counts them down, unnamed.
    const { container, queryByRole } = render(
      <Overlay summary={summary([order()], { others })} onCollapsedChange={() => {}} />,
    );
    expect(container.textContent).toBe('Scenic-area orders: 2·05:00 left+2▴');
    expect(queryByRole('link')).toBeNull();
    cleanup();

    // Expanded, one row for all of them after the 12306 orders.
    const panel = render(
      <Overlay summary={summary(three(), { collapsed: false, others })} onCollapsedChange={() => {}} />,
    ).container;
    expect(panel.textContent).toContain('Pending orders: 6');
    expect([...panel.querySelectorAll('.row')].map((row) => row.textContent).at(-1)).toBe('05:00Scenic-area orders: 2');
    // One link for each 12306 order, none for the venue's.
    expect(panel.querySelectorAll('a')).toHaveLength(4);
    expect(panel.querySelector('[data-key]')).toBeNull();
    cleanup();

    // Only queuing ones: counted, no countdown of theirs, and alone they show no overlay.
    const queuing = { count: 1, deadline: null };
    const rows = render(
      <Overlay summary={summary([order()], { collapsed: false, others: queuing })} onCollapsedChange={() => {}} />,
    ).container.querySelectorAll('.row');
    expect(rows[1]?.textContent).toBe('Deadline unknownScenic-area orders: 1');
    cleanup();
    const alone = render(<Overlay summary={summary([], { others: queuing })} onCollapsedChange={() => {}} />);
    expect(alone.container.innerHTML).toBe('');
  });

  it('counts down on the server clock', () => {
    const { getByRole } = render(
      <Overlay summary={summary([order()], { offsetMs: 5 * MINUTE })} onCollapsedChange={() => {}} />,
    );
    expect(getByRole('timer').textContent).toBe('07:35');
    expect(getByRole('timer').className).toContain('countdown--soon');
  });

  it('shows nothing when nothing is due, or when turned off', () => {
    for (const hidden of [
      summary([]),
      summary([order({ deadline: Date.now() - 1_000 })]),
      summary([order({ state: 'queuing', deadline: null }), order({ deadline: null })]),
      summary([order()], { enabled: false }),
      summary([order({ deadline: Date.now() + 60_000 })], { offsetMs: 2 * MINUTE }),
    ]) {
      const { container } = render(<Overlay summary={hidden} onCollapsedChange={() => {}} />);
      expect(container.innerHTML, JSON.stringify(hidden)).toBe('');
      cleanup();
    }
  });

  it('hides itself when the last deadline passes, and then leaves no timer running', () => {
    vi.useFakeTimers();
    // On a whole second, so the ticks land at known instants.
    vi.setSystemTime(Date.UTC(2026, 2, 24, 6, 0, 0));
    const onTick = vi.fn();
    const { container, getByRole } = render(
      <Overlay
        summary={summary([order({ deadline: Date.now() + 2_500 })], { collapsed: false })}
        onCollapsedChange={() => {}}
        onTick={onTick}
      />,
    );
    expect(getByRole('timer').textContent).toBe('00:03');
    void act(() => void vi.advanceTimersByTime(1_100));
    expect(getByRole('timer').textContent).toBe('00:02');
    expect(onTick).toHaveBeenCalled();
    void act(() => void vi.advanceTimersByTime(3_000));
    expect(container.innerHTML).toBe('');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('renders server text as text, never as HTML', () => {
    const orders = [order({ title: hostile, route: `${hostile} → 上海` })];
    for (const collapsed of [true, false]) {
      const { container } = render(<Overlay summary={summary(orders, { collapsed })} onCollapsedChange={() => {}} />);
      expect(container.querySelector('img')).toBeNull();
      expect(container.textContent).toContain(hostile);
      cleanup();
    }
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('makes no link when there is no https address to go to', () => {
    const { queryByRole, container } = render(
      <Overlay summary={summary([order({ payUrl: null })])} onCollapsedChange={() => {}} />,
    );
    expect(queryByRole('link')).toBeNull();
    expect(container.textContent).toBe('G101北京南 → 上海虹桥·12:35 left▴');
  });
});

describe('overlay styles', () => {
  // With the countdown's and a11y rules, which it @imports into the same shadow root.
  const css = ['entrypoints/overlay.content/style.css', 'components/countdown.css', 'components/a11y.css']
    .map((file) => readFileSync(resolve(file), 'utf8'))
    .join('\n');

  it('use the badge’s colours for urgency', () => {
    for (const [urgency, colour] of Object.entries(URGENCY_COLORS)) expect(css).toContain(`--${urgency}: ${colour};`);
  });

  it('never size anything in rem, which follows the page', () => {
    expect(css).not.toMatch(/\d+(\.\d+)?rem\b/);
  });
});
