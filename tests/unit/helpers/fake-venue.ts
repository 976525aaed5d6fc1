import { createRequire } from 'node:module';
import { v3Order, v5Order, type FixtureTicketOrder } from '../../fixtures/ticket-system/replies';

// A venue in a `fetch`: the reference Hawk server (@hapi/hawk) checks every request our client
// signs, the way a real ticket-system instance would, and answers V5 or V3 order queries. For unit
// tests of the client, the rounds and the background; the end-to-end tests have a real HTTPS one.

interface HapiHawk {
  server: {
    authenticate(
      req: { method: string; url: string; headers: Record<string, string>; connection: { encrypted: boolean } },
      credentialsFunc: (id: string) => Promise<{ id: string; key: string; algorithm: 'sha256' } | null>,
      options?: { localtimeOffsetMsec?: number; nonceFunc?: (key: string, nonce: string, ts: number) => void },
    ): Promise<unknown>;
  };
}
const hapiHawk = createRequire(import.meta.url)('@hapi/hawk') as HapiHawk;

export type Dialect = 'hapi' | 'thinktecture' | 'hawknet';

export interface FakeVenueOptions {
  /** Hawk id → Hawk key. */
  credentials: Record<string, string>;
  /** Order id → the order's fixture. */
  orders?: Record<string, FixtureTicketOrder>;
  /** How the venue's clock differs from this machine's. */
  skewMs?: number;
  dialect?: Dialect;
  /** Each reply waits this long (with fake timers off). */
  latencyMs?: number;
  /** Replaces the answer to any authenticated request. */
  answer?: (path: string) => Response | null;
}

export interface FakeVenue {
  fetch: typeof fetch;
  options: FakeVenueOptions;
  /** Every request: its path and whether Hawk accepted it. */
  requests: { path: string; authorized: boolean; error?: string }[];
  maxInFlight: number;
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });

export function fakeVenue(options: FakeVenueOptions): FakeVenue {
  const venue: FakeVenue = { fetch: undefined as unknown as typeof fetch, options, requests: [], maxInFlight: 0 };
  let inFlight = 0;
  const seen = new Set<string>();

  async function handle(url: URL, headers: Headers): Promise<Response> {
    const skew = options.skewMs ?? 0;
    const date = new Date(Date.now() + skew).toUTCString();
    const path = url.pathname + url.search;
    try {
      await hapiHawk.server.authenticate(
        {
          method: 'GET',
          url: path,
          headers: { host: url.host, authorization: headers.get('authorization') ?? '' },
          connection: { encrypted: url.protocol === 'https:' },
        },
        async (id) => (id in options.credentials ? { id, key: options.credentials[id]!, algorithm: 'sha256' } : null),
        {
          localtimeOffsetMsec: skew,
          nonceFunc: (_key, nonce, ts) => {
            if (seen.has(`${nonce}|${ts}`)) throw new Error('Invalid nonce');
            seen.add(`${nonce}|${ts}`);
          },
        },
      );
    } catch (error) {
      const boom = error as { output?: { headers?: Record<string, string> }; message?: string };
      const challenge = boom.output?.headers?.['WWW-Authenticate'] ?? 'Hawk';
      venue.requests.push({ path, authorized: false, error: boom.message });
      const ts = /ts="(\d+)"/.exec(challenge)?.[1];
      const tsm = /tsm="([^"]+)"/.exec(challenge)?.[1];
      if (ts && options.dialect === 'thinktecture')
        return new Response('', { status: 401, headers: { 'www-authenticate': `hawk ts="${ts}",tsm="${tsm}"`, date } });
      if (ts && options.dialect === 'hawknet')
        return new Response('Stale timestamp', {
          status: 401,
          headers: { 'www-authenticate': `Hawk ts="${ts}" ntp="pool.ntp.org"`, 'content-type': 'text/plain', date },
        });
      return json({ Message: 'Authorization has been denied for this request.' }, 401, {
        'www-authenticate': challenge,
        date,
      });
    }
    venue.requests.push({ path, authorized: true });
    const custom = options.answer?.(path);
    if (custom) return custom;
    const v5 = /\/Order\/Query\/Main\/([^/?]+)/.exec(url.pathname);
    const v3 = /\/RetOrderQueryview\/[^/]+\/([^/?]+)$/.exec(url.pathname);
    const id = decodeURIComponent((v5 ?? v3)?.[1] ?? '');
    if (!v5 && !v3)
      return json({ Message: `No HTTP resource was found that matches the request URI '${url}'.` }, 404, { date });
    const order = options.orders?.[id];
    if (!order) return new Response('null', { status: 200, headers: { 'content-type': 'application/json', date } });
    return json(v5 ? v5Order(order) : v3Order(order), 200, { date });
  }

  venue.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    inFlight += 1;
    venue.maxInFlight = Math.max(venue.maxInFlight, inFlight);
    try {
      if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
      return await handle(new URL(String(input)), new Headers(init?.headers));
    } finally {
      inFlight -= 1;
    }
  }) as typeof fetch;
  return venue;
}
