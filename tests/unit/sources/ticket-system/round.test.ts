import { describe, expect, it } from 'vitest';
import type { TicketQueryResult } from '@/lib/sources/ticket-system/client';
import { pollAccount } from '@/lib/sources/ticket-system/round';
import { queryTicketOrder } from '@/lib/sources/ticket-system/client';
import { createKeyedLimiter } from '@/lib/util/limiter';
import { LOCAL_CLOCK, type Clock } from '@/lib/time/clock';
import { account, HAWK_KEY } from '../../helpers/accounts';
import { fakeVenue } from '../../helpers/fake-venue';

const MINUTE = 60_000;
const ids = (n: number) => Array.from({ length: n }, (_, i) => `2026120200${String(i).padStart(4, '0')}`);

function venueWith(orderIds: string[], options: Partial<Parameters<typeof fakeVenue>[0]> = {}) {
  const placed = Date.now() - MINUTE;
  return fakeVenue({
    credentials: { agent01: HAWK_KEY },
    orders: Object.fromEntries(orderIds.map((orderId) => [orderId, { orderId, placed, paymentEnd: null }])),
    ...options,
  });
}

function round(orderIds: string[], fetch: typeof globalThis.fetch, key = HAWK_KEY, clock: Clock = LOCAL_CLOCK) {
  const limiter = createKeyedLimiter(4);
  return pollAccount({
    orderIds,
    clock,
    query: (orderId, at) => queryTicketOrder(account(), key, orderId, at, { fetch }),
    limit: (task) => limiter('tickets.venue-a.test', task),
  });
}

describe('pollAccount', () => {
  it('asks about every order, never more than 4 at once', async () => {
    const orders = ids(40);
    const venue = venueWith(orders, { latencyMs: 5 });
    const result = await round(orders, venue.fetch);
    expect(result.readings.size).toBe(40);
    expect([...result.readings.values()].every((outcome) => outcome.kind === 'order')).toBe(true);
    expect(venue.maxInFlight).toBe(4);
    expect(result.requests).toBe(40);
    expect(result.badCredentials).toBeNull();
  });

  it('corrects the clock on the first query, so the others are signed right the first time', async () => {
    const orders = ids(12);
    const venue = venueWith(orders, { skewMs: 10 * MINUTE });
    const result = await round(orders, venue.fetch);
    // One stale reply, then 12 accepted: the lone first query took the correction for everyone.
    expect(venue.requests.filter((r) => !r.authorized)).toHaveLength(1);
    expect(venue.requests.filter((r) => r.authorized)).toHaveLength(12);
    expect(Math.abs(result.clock.offsetMs - 10 * MINUTE)).toBeLessThan(1500);
  });

  it('stops at the first refused key instead of hammering the venue', async () => {
    const orders = ids(30);
    const venue = venueWith(orders);
    const result = await round(orders, venue.fetch, `${HAWK_KEY}x`);
    expect(venue.requests).toHaveLength(1);
    expect(result.badCredentials).not.toBeNull();
    expect(result.readings.size).toBe(1);
  });

  it('stops sending as soon as a refusal comes back mid-round', async () => {
    const orders = ids(20);
    let answered = 0;
    const query = async (orderId: string, clock: Clock): Promise<TicketQueryResult> => {
      answered += 1;
      const nth = answered;
      await new Promise((resolve) => setTimeout(resolve, 2));
      const outcome =
        nth === 3
          ? { kind: 'badCredentials' as const, detail: 'Bad mac' }
          : { kind: 'notFound' as const, detail: orderId };
      return { outcome, clock, requests: 1 };
    };
    const limiter = createKeyedLimiter(4);
    const result = await pollAccount({
      orderIds: orders,
      clock: LOCAL_CLOCK,
      query,
      limit: (task) => limiter('v', task),
    });
    expect(result.badCredentials).toBe('Bad mac');
    // Those already in flight finish; nothing new starts.
    expect(answered).toBeLessThanOrEqual(6);
  });

  it('does nothing for an account with nothing to ask', async () => {
    const venue = venueWith([]);
    const result = await round([], venue.fetch);
    expect(venue.requests).toHaveLength(0);
    expect(result.readings.size).toBe(0);
  });
});
