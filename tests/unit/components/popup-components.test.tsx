// @vitest-environment happy-dom
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { render as renderWithoutAct } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OrderCard } from '@/components/OrderCard';
import { FIRST_FRAME_CARDS, OrderList } from '@/components/OrderList';
import { SourceLine } from '@/components/SourceLine';
import type { Order } from '@/lib/orders/model';
import { PAY_PAGE_URL } from '@/lib/sources/12306/endpoints';
import { EMPTY_SNAPSHOT, type Snapshot } from '@/lib/snapshots/snapshot';

// The fake browser has no i18n API, so these render in English.

const hostile = '<img src=x onerror="window.__pwned=1">';

function order(overrides: Partial<Order> = {}): Order {
  return {
    source: '12306',
    id: 'E1',
    state: 'unpaid',
    title: 'G101',
    route: '北京南 → 上海虹桥',
    departure: Date.UTC(2026, 10, 24, 22, 36),
    passengers: ['杨赟', '李明'],
    amountYuan: 553,
    deadline: Date.now() + 12 * 60_000 + 34_500,
    statusText: null,
    payUrl: PAY_PAGE_URL,
    queue: null,
    ...overrides,
  };
}

afterEach(cleanup);

describe('OrderCard', () => {
  it('shows train, route, Beijing departure, passengers, amount and a countdown', () => {
    const { container, getByRole } = render(<OrderCard order={order()} offsetMs={0} onOpen={() => {}} />);
    const text = container.textContent ?? '';
    expect(text).toContain('G101');
    expect(text).toContain('北京南 → 上海虹桥');
    expect(text).toContain('departs 11-25 06:36'); // 22:36 UTC is the next morning in Beijing
    expect(text).toContain('杨赟、李明');
    expect(text).toContain('¥553');
    expect(getByRole('timer').textContent).toBe('12:35');
    expect(getByRole('timer').className).toContain('countdown--calm');
  });

  it('counts down on the server clock', () => {
    const { getByRole } = render(<OrderCard order={order()} offsetMs={5 * 60_000} onOpen={() => {}} />);
    expect(getByRole('timer').textContent).toBe('07:35');
    expect(getByRole('timer').className).toContain('countdown--soon');
  });

  it('renders server text as text, never as HTML', () => {
    const { container } = render(
      <OrderCard
        order={order({ route: `${hostile} → 上海`, passengers: [hostile], title: hostile })}
        offsetMs={0}
        onOpen={() => {}}
      />,
    );
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toContain(hostile);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('shows a queuing order with its queue state and no countdown', () => {
    const { container, queryByRole } = render(
      <OrderCard
        order={order({
          state: 'queuing',
          deadline: null,
          queue: { waitSeconds: 240, outcome: 'waiting', message: null },
        })}
        offsetMs={0}
        onOpen={() => {}}
      />,
    );
    expect(queryByRole('timer')).toBeNull();
    expect(container.textContent).toContain('Queuing, about 4 min');
  });

  it('shows an overdue order as expired', () => {
    const { getByRole } = render(
      <OrderCard order={order({ deadline: Date.now() - 1000 })} offsetMs={0} onOpen={() => {}} />,
    );
    expect(getByRole('timer').textContent).toBe('Expired');
  });

  it('hands the order to its pay action', () => {
    const onOpen = vi.fn();
    const { getByText } = render(<OrderCard order={order()} offsetMs={0} onOpen={onOpen} />);
    fireEvent.click(getByText('Pay'));
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ id: 'E1' }));
  });
});

describe('SourceLine', () => {
  const snapshot = (overrides: Partial<Snapshot>): Snapshot => ({ ...EMPTY_SNAPSHOT, ...overrides });

  it('says when a logged-in source was last checked', () => {
    const { container } = render(
      <SourceLine
        name="12306"
        snapshot={snapshot({ status: 'ok', checkedAt: Date.now() - 42_000 })}
        onLogIn={() => {}}
      />,
    );
    expect(container.textContent).toContain('Logged in · checked 42 s ago');
  });

  it('offers a login link when logged out', () => {
    const onLogIn = vi.fn();
    const { getByText } = render(
      <SourceLine name="12306" snapshot={snapshot({ status: 'loggedOut' })} onLogIn={onLogIn} />,
    );
    fireEvent.click(getByText('Log in'));
    expect(onLogIn).toHaveBeenCalled();
  });

  it('says what went wrong and how old the orders shown are', () => {
    const { container } = render(
      <SourceLine
        name="12306"
        snapshot={snapshot({
          status: 'unexpected',
          detail: `not JSON: ${hostile}`,
          checkedAt: Date.now(),
          goodAt: Date.now() - 3 * 60_000,
          orders: [order()],
        })}
        onLogIn={() => {}}
      />,
    );
    expect(container.textContent).toContain('12306 sent a reply PayClock cannot read');
    expect(container.textContent).toContain(`not JSON: ${hostile}`);
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toContain('Orders below are from 3 min ago, not yet confirmed');
  });
});

describe('SourceLine with a venue’s words', () => {
  it('says a venue’s state in its own words and offers a fix', async () => {
    const { VENUE_STATUS_WORDS } = await import('@/components/SourceLine');
    const onFix = vi.fn();
    const { container, getByText } = render(
      <SourceLine
        name="黄山"
        snapshot={{ ...EMPTY_SNAPSHOT, status: 'noPermission' }}
        words={VENUE_STATUS_WORDS}
        onLogIn={() => {}}
        onFix={onFix}
      />,
    );
    expect(container.textContent).toContain('No access to the site; checks stopped');
    expect(container.textContent).not.toContain('12306');
    fireEvent.click(getByText('Fix in settings'));
    expect(onFix).toHaveBeenCalled();
  });

  it('offers no fix for 12306’s own states', () => {
    const { queryByText } = render(
      <SourceLine name="12306" snapshot={{ ...EMPTY_SNAPSHOT, status: 'busy' }} onLogIn={() => {}} onFix={() => {}} />,
    );
    expect(queryByText('Fix in settings')).toBeNull();
  });
});

describe('OrderCard for a ticket', () => {
  it('shows the visit day, not a train departure', () => {
    const { container } = render(
      <OrderCard
        order={order({ source: 'ticket-system', accountId: 'a1', route: null, departure: Date.UTC(2026, 3, 30, 16) })}
        offsetMs={0}
        onOpen={() => {}}
      />,
    );
    expect(container.textContent).toContain('visit 05-01'); // 16:00 UTC is midnight in Beijing
    expect(container.textContent).not.toContain('departs');
  });
});

describe('OrderList', () => {
  const many = Array.from({ length: 200 }, (_, index) =>
    order({ id: `E${1000 + index}`, deadline: Date.now() + 10 * 60_000 + index * 7_000 }),
  );

  it('draws the nearest dozen in the first frame and every other order, by deadline, once it is painted', async () => {
    const container = document.createElement('div');
    renderWithoutAct(
      <OrderList orders={[...many].reverse()} offsetMs={0} quiet={{}} onOpen={() => {}} onSilence={() => {}} />,
      container,
    );
    const ids = () => [...container.querySelectorAll('.order')].map((card) => card.getAttribute('data-order-id'));
    expect(ids()).toEqual(many.slice(0, FIRST_FRAME_CARDS).map((o) => o.id));
    await waitFor(() => expect(ids()).toEqual(many.map((o) => o.id)));
    renderWithoutAct(null, container);
  });

  it('offers snooze and mute only on orders whose deadline is still ahead', () => {
    const orders = [
      order({ id: 'E1', deadline: Date.now() - 1_000 }),
      order({ id: 'E2' }),
      order({ id: 'E3', deadline: null }),
    ];
    const { container } = render(
      <OrderList orders={orders} offsetMs={0} quiet={{}} onOpen={() => {}} onSilence={() => {}} />,
    );
    const withControls = [...container.querySelectorAll('.order')]
      .filter((card) => card.querySelector('.silence'))
      .map((card) => card.getAttribute('data-order-id'));
    expect(withControls).toEqual(['E2']);
  });
});
