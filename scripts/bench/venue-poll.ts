import { queryTicketOrder } from '@/lib/sources/ticket-system/client';
import { pollAccount } from '@/lib/sources/ticket-system/round';
import { LOCAL_CLOCK } from '@/lib/time/clock';
import { createKeyedLimiter } from '@/lib/util/limiter';
import { account, HAWK_KEY } from '../../tests/unit/helpers/accounts';
import { fakeVenue } from '../../tests/unit/helpers/fake-venue';

// A full round of 500 watched orders, with the background's own round and limiter, against a venue
// answering every request in 50 ms after checking its Hawk signature with @hapi/hawk.

export interface VenuePoll {
  orders: number;
  wallMs: number;
  maxInFlight: number;
  allRead: boolean;
}

export async function pollFiveHundred(): Promise<VenuePoll> {
  const ids = Array.from({ length: 500 }, (_, i) => `2026120200${String(i).padStart(4, '0')}`);
  const placed = Date.now() - 60_000;
  const venue = fakeVenue({
    credentials: { agent01: HAWK_KEY },
    orders: Object.fromEntries(ids.map((orderId) => [orderId, { orderId, placed, paymentEnd: null }])),
    latencyMs: 50,
  });
  const limiter = createKeyedLimiter(4);
  const started = performance.now();
  const round = await pollAccount({
    orderIds: ids,
    clock: LOCAL_CLOCK,
    query: (orderId, clock) => queryTicketOrder(account(), HAWK_KEY, orderId, clock, { fetch: venue.fetch }),
    limit: (task) => limiter('tickets.venue-a.test', task),
  });
  return {
    orders: ids.length,
    wallMs: Math.round(performance.now() - started),
    maxInFlight: venue.maxInFlight,
    allRead: [...round.readings.values()].filter((outcome) => outcome.kind === 'order').length === ids.length,
  };
}
