import { describe, expect, it } from 'vitest';
import { DEFAULT_PATH_TEMPLATES } from '@/lib/sources/ticket-system/account';
import { queryTicketOrder } from '@/lib/sources/ticket-system/client';
import { LOCAL_CLOCK } from '@/lib/time/clock';
import { account, HAWK_KEY } from '../../helpers/accounts';
import { fakeVenue, type Dialect } from '../../helpers/fake-venue';

const MINUTE = 60_000;
const ORDER = '20261202000123';

function venue(options: Partial<Parameters<typeof fakeVenue>[0]> = {}) {
  const placed = Date.now() - 5 * MINUTE;
  return fakeVenue({
    credentials: { agent01: HAWK_KEY },
    orders: { [ORDER]: { orderId: ORDER, placed, payTimeoutMinutes: 30, paymentEnd: null } },
    ...options,
  });
}

describe('queryTicketOrder', () => {
  it('signs a V5 query the reference Hawk server accepts and reads the order', async () => {
    const fake = venue();
    const result = await queryTicketOrder(account(), HAWK_KEY, ORDER, LOCAL_CLOCK, { fetch: fake.fetch });
    expect(fake.requests).toEqual([{ path: `/api/Order/Query/Main/${ORDER}?personalid=0`, authorized: true }]);
    expect(result.requests).toBe(1);
    expect(result.outcome).toMatchObject({ kind: 'order', status: { code: '0', awaitingPayment: true } });
    if (result.outcome.kind === 'order') {
      expect(result.outcome.order).toMatchObject({ source: 'ticket-system', accountId: 'acc-1', id: ORDER });
      // ordertime (Beijing) + paytimeout, to the second.
      expect(Math.abs(result.outcome.order!.deadline! - (Date.now() + 25 * MINUTE))).toBeLessThan(2000);
    }
  });

  it('fills the V3 template with the username and signs with an overridden Hawk id', async () => {
    const fake = venue({ credentials: { 'hawk-7': HAWK_KEY } });
    const v3 = account({ flavour: 'v3', pathTemplate: DEFAULT_PATH_TEMPLATES.v3, hawkId: 'hawk-7' });
    const result = await queryTicketOrder(v3, HAWK_KEY, ORDER, LOCAL_CLOCK, { fetch: fake.fetch });
    expect(fake.requests[0]).toEqual({
      path: `/api/V3Reserve/Order/Query/Single/RetOrderQueryview/agent01/${ORDER}`,
      authorized: true,
    });
    expect(result.outcome.kind).toBe('order');
  });

  it.each<Dialect>(['hapi', 'thinktecture', 'hawknet'])(
    'corrects a clock 5 minutes behind from a %s stale-timestamp reply and retries once',
    async (dialect) => {
      const fake = venue({ skewMs: 5 * MINUTE, dialect });
      const result = await queryTicketOrder(account(), HAWK_KEY, ORDER, LOCAL_CLOCK, { fetch: fake.fetch });
      expect(fake.requests.map((r) => r.authorized)).toEqual([false, true]);
      expect(result.outcome.kind).toBe('order');
      expect(result.requests).toBe(2);
      expect(Math.abs(result.clock.offsetMs - 5 * MINUTE)).toBeLessThan(1500);
    },
  );

  it('signs and sends nothing when the filled-in path leaves the venue', async () => {
    const fake = venue();
    const sent: string[] = [];
    const spy = (async (input: RequestInfo | URL, init?: RequestInit) => {
      sent.push(String(input));
      return fake.fetch(input, init);
    }) as typeof fetch;
    for (const pathTemplate of [
      '\\\\evil.test/{orderid}',
      'ht\ttps://evil.test/{orderid}',
      '\x01//evil.test/{orderid}',
    ]) {
      const result = await queryTicketOrder(account({ pathTemplate }), HAWK_KEY, ORDER, LOCAL_CLOCK, { fetch: spy });
      expect(result.outcome.kind).toBe('unsafePath');
      expect(result.requests).toBe(0);
    }
    expect(sent).toEqual([]);
  });

  it('signs on the clock it was given: a learnt offset needs no retry', async () => {
    const fake = venue({ skewMs: -7 * MINUTE });
    const clock = { offsetMs: -7 * MINUTE, samples: [] };
    const result = await queryTicketOrder(account(), HAWK_KEY, ORDER, clock, { fetch: fake.fetch });
    expect(fake.requests.map((r) => r.authorized)).toEqual([true]);
    expect(result.outcome.kind).toBe('order');
  });

  it('gives up after one retry when the venue still calls the timestamp stale', async () => {
    let calls = 0;
    const stale = () => {
      calls += 1;
      // A server whose answer moves each time: the retry is signed with the first answer, and is stale again.
      const ts = Math.floor(Date.now() / 1000) + calls * 600;
      return new Response('Stale timestamp', {
        status: 401,
        headers: { 'www-authenticate': `Hawk ts="${ts}" ntp="pool.ntp.org"` },
      });
    };
    const result = await queryTicketOrder(account(), HAWK_KEY, ORDER, LOCAL_CLOCK, {
      fetch: (async () => stale()) as typeof fetch,
    });
    expect(calls).toBe(2);
    expect(result.outcome.kind).toBe('clockSkew');
  });

  it('does not trust a server time whose tsm does not verify, and does not retry on it', async () => {
    let calls = 0;
    const forged = (async () => {
      calls += 1;
      return new Response('', {
        status: 401,
        headers: { 'www-authenticate': `Hawk ts="99999", tsm="Zm9yZ2Vk", error="Stale timestamp"` },
      });
    }) as typeof fetch;
    const result = await queryTicketOrder(account(), HAWK_KEY, ORDER, LOCAL_CLOCK, { fetch: forged });
    expect(calls).toBe(1);
    expect(result.outcome.kind).toBe('clockSkew');
    expect(result.clock.offsetMs).toBe(0);
  });

  it('reports a wrong key as bad credentials after one request, never echoing the key', async () => {
    const fake = venue();
    const wrong = `${HAWK_KEY.slice(0, -1)}0`;
    const result = await queryTicketOrder(account(), wrong, ORDER, LOCAL_CLOCK, { fetch: fake.fetch });
    expect(fake.requests).toHaveLength(1);
    expect(result.outcome).toMatchObject({ kind: 'badCredentials' });
    expect(JSON.stringify(result)).not.toContain(wrong);
  });

  it('reports an unknown Hawk id as bad credentials', async () => {
    const fake = venue({ credentials: { someoneElse: HAWK_KEY } });
    const result = await queryTicketOrder(account(), HAWK_KEY, ORDER, LOCAL_CLOCK, { fetch: fake.fetch });
    expect(result.outcome.kind).toBe('badCredentials');
  });

  it('tells an unknown order from a path the venue does not serve', async () => {
    const fake = venue();
    const missing = await queryTicketOrder(account(), HAWK_KEY, '20990101000000', LOCAL_CLOCK, { fetch: fake.fetch });
    expect(missing.outcome.kind).toBe('notFound');
    const wrongPath = account({ pathTemplate: 'api/WebInterface/Order/Get/{orderid}' });
    const noRoute = await queryTicketOrder(wrongPath, HAWK_KEY, ORDER, LOCAL_CLOCK, { fetch: fake.fetch });
    expect(noRoute.outcome).toMatchObject({ kind: 'noRoute' });
  });

  it('shows the venue its own error words', async () => {
    const fake = venue({ answer: () => Response.json({ resultcode: '1001', resultmsg: '账户已停用' }) });
    const result = await queryTicketOrder(account(), HAWK_KEY, ORDER, LOCAL_CLOCK, { fetch: fake.fetch });
    expect(result.outcome).toEqual({ kind: 'venueError', status: 200, message: '账户已停用' });
  });

  it('reports a network failure and a timeout as such', async () => {
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    expect((await queryTicketOrder(account(), HAWK_KEY, ORDER, LOCAL_CLOCK, { fetch: offline })).outcome).toEqual({
      kind: 'offline',
      detail: 'Failed to fetch',
    });
    const hanging = ((_url: string, init: RequestInit) =>
      new Promise((_resolve, reject) =>
        init.signal!.addEventListener('abort', () => reject(new Error('aborted'))),
      )) as typeof fetch;
    const timedOut = await queryTicketOrder(account(), HAWK_KEY, ORDER, LOCAL_CLOCK, { fetch: hanging, timeoutMs: 20 });
    expect(timedOut.outcome).toEqual({ kind: 'timeout' });
  });

  it('sends no cookies and follows no redirect with the signature', async () => {
    let init: RequestInit | undefined;
    const spy = (async (_url: string, given: RequestInit) => {
      init = given;
      return new Response('null');
    }) as typeof fetch;
    await queryTicketOrder(account(), HAWK_KEY, ORDER, LOCAL_CLOCK, { fetch: spy });
    expect(init).toMatchObject({ method: 'GET', credentials: 'omit', redirect: 'manual' });
  });
});
