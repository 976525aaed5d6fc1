// Checks the fake venue the way a browser reaches it: CONNECT through the proxy, TLS for the venue's
// host name, then plain HTTP/1.1, signed with @hapi/hawk's own client. Replies are read with the
// extension's own classifiers, so the fake and the extension are known to agree before any browser
// is involved.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { classifyTicketReply, isNoRoute } from '../../../lib/sources/ticket-system/classify';
import { parseHawkChallenge } from '../../../lib/sources/ticket-system/hawk-challenge';
import { deriveHawkKey } from '../../../lib/sources/ticket-system/key';
import vectors from '../../fixtures/ticket-system/hawk-vectors.json' with { type: 'json' };
import { startProxy, type Proxy } from '../harness/proxy';
import { throughProxy, type Answer } from '../harness/through-proxy';
import { hapiHawk, timestampMac, venueKey, type HawkCredentials } from './hawk';
import {
  startFakeTicketSystem,
  V3_PATH,
  V5_PATH,
  VENUE_A_HOST,
  VENUE_B_HOST,
  WEB_INTERFACE_V3_PATH,
  WEB_INTERFACE_V5_PATH,
  type FakeTicketSystem,
} from './server';

const MINUTE = 60_000;
const AGENT = { username: 'agent01', key: 'KEY', password: '123456' };
const AGENT_CREDENTIALS: HawkCredentials = { id: 'agent01', key: venueKey('KEY', '123456'), algorithm: 'sha256' };
// The fake's clock: fixed, so Date headers and Beijing times can be checked to the second.
// 2024-05-01 08:00:00 Beijing time.
const CLOCK = Date.UTC(2024, 4, 1, 0, 0, 0);
const ORDER = { orderid: '20240501000123', status: '0', orderedAt: CLOCK - 5 * MINUTE, payTimeoutMinutes: 30 };

let venue: FakeTicketSystem;
let proxy: Proxy;

const { send } = throughProxy(() => proxy.port);

/** Signs with @hapi/hawk's client: host lowercased, port 443, the clock given (default the fake's). */
function signed(
  host: string,
  path: string,
  options: { credentials?: HawkCredentials; ts?: number; nonce?: string } = {},
): Record<string, string> {
  const { header } = hapiHawk.client.header(`https://${host}${path}`, 'GET', {
    credentials: options.credentials ?? AGENT_CREDENTIALS,
    timestamp: options.ts ?? Math.floor(CLOCK / 1000),
    ...(options.nonce ? { nonce: options.nonce } : {}),
  });
  return { Authorization: header };
}

const get = (host: string, path: string, options: Parameters<typeof signed>[2] = {}) =>
  send(host, 'GET', path, { headers: signed(host, path, options) });

const reading = (answer: Answer, flavour: 'v5' | 'v3', orderId = ORDER.orderid) =>
  classifyTicketReply(
    {
      kind: 'reply',
      status: answer.status,
      contentType: answer.headers['content-type'] ?? '',
      headers: Object.fromEntries(Object.entries(answer.headers).map(([k, v]) => [k, String(v)])),
      body: answer.body,
    },
    { flavour, orderId, venueUrl: `https://${VENUE_A_HOST}/`, accountId: 'a1' },
  );

const challenge = (answer: Answer, key = AGENT_CREDENTIALS.key) =>
  parseHawkChallenge(
    { status: answer.status, headers: answer.headers as Record<string, string>, body: answer.body },
    key,
  );

beforeAll(async () => {
  venue = await startFakeTicketSystem({ now: () => CLOCK });
  proxy = await startProxy(venue.routes);
  venue.addAccount(AGENT);
  venue.addAccount({ username: 'member', key: 'K2', password: '密码', personalId: '42' });
  venue.setOrder('agent01', ORDER);
});

afterAll(async () => {
  await proxy.close();
  await venue.close();
});

beforeEach(() => {
  venue.setClockSkew(0);
  venue.setDialect('hapi');
  venue.setLatency(0);
  venue.setFailure(null);
  venue.setUnknownOrderReply('null');
  venue.setRouteSets(VENUE_A_HOST, ['standard', 'webInterface']);
  venue.requests.length = 0;
});

describe('the fake venue', () => {
  it('routes every venue host to itself, with a certificate naming them all', async () => {
    expect(venue.routes).toEqual({ [`${VENUE_A_HOST}:443`]: venue.port, [`${VENUE_B_HOST}:443`]: venue.port });
    const answer = await get(VENUE_B_HOST, V5_PATH(ORDER.orderid));
    expect(answer.san).toBe(`DNS:${VENUE_A_HOST}, DNS:${VENUE_B_HOST}`);
    expect(answer.status).toBe(200);
  });

  it('derives the Hawk key as KEY + UPPER(MD5(password)), as the extension does', () => {
    for (const { input, upperMd5 } of vectors.upperMd5) {
      expect(venueKey('K', input)).toBe(`K${upperMd5}`);
      expect(venueKey('K', input)).toBe(deriveHawkKey('K', input));
    }
    expect(timestampMac(vectors.timestampMac.key, vectors.timestampMac.ts)).toBe(vectors.timestampMac.tsm);
  });

  it('answers a signed V5 query with the Order, times in Beijing time', async () => {
    const answer = await get(VENUE_A_HOST, V5_PATH(ORDER.orderid));
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = JSON.parse(answer.body) as Record<string, unknown>;
    expect(body).toMatchObject({
      orderid: ORDER.orderid,
      statuscode: '0',
      statusname: '预定中',
      paytimeout: '30',
      ordertime: '20240501075500',
      paymentendtime: '2024-05-01T08:25:00.0000000+08:00',
      orderdetail: [],
    });
    const outcome = reading(answer, 'v5');
    expect(outcome.kind).toBe('order');
    expect(outcome.kind === 'order' && outcome.order?.deadline).toBe(ORDER.orderedAt + 30 * MINUTE);
    expect(venue.requests.at(-1)).toMatchObject({ auth: 'ok', hawkId: 'agent01', query: 'v5', status: 200 });
  });

  it('answers a signed V3 query with the OrderQueryview: numeric paytimeout, orderstatus', async () => {
    const answer = await get(VENUE_A_HOST, V3_PATH('agent01', ORDER.orderid));
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.body) as Record<string, unknown>;
    expect(body).toMatchObject({
      orderid: ORDER.orderid,
      orderstatus: '0',
      paytimeout: 30,
      ordertime: '20240501075500',
    });
    expect(body).not.toHaveProperty('statuscode');
    expect(body).not.toHaveProperty('paymentendtime');
    const outcome = reading(answer, 'v3');
    expect(outcome.kind === 'order' && outcome.order?.deadline).toBe(ORDER.orderedAt + 30 * MINUTE);
    expect(venue.requests.at(-1)).toMatchObject({ auth: 'ok', query: 'v3', routeSet: 'standard' });
  });

  it('gives the V5 paymentendtime precedence, or null when the order has none', async () => {
    venue.setOrder('agent01', { ...ORDER, orderid: 'E1', paymentEndTime: CLOCK + 7 * MINUTE });
    venue.setOrder('agent01', { ...ORDER, orderid: 'E2', paymentEndTime: null });
    const early = await get(VENUE_A_HOST, V5_PATH('E1'));
    expect(JSON.parse(early.body).paymentendtime).toBe('2024-05-01T08:07:00.0000000+08:00');
    const none = await get(VENUE_A_HOST, V5_PATH('E2'));
    expect(JSON.parse(none.body).paymentendtime).toBeNull();
    venue.removeOrder('agent01', 'E1');
    expect((await get(VENUE_A_HOST, V5_PATH('E1'))).body).toBe('null');
  });

  it('serves the same queries under api/WebInterface/, and only the prefixes a venue is set to', async () => {
    expect((await get(VENUE_A_HOST, WEB_INTERFACE_V5_PATH(ORDER.orderid))).status).toBe(200);
    expect((await get(VENUE_A_HOST, WEB_INTERFACE_V3_PATH('agent01', ORDER.orderid))).status).toBe(200);
    expect(venue.requests.map((r) => r.routeSet)).toEqual(['webInterface', 'webInterface']);
    venue.setRouteSets(VENUE_A_HOST, ['webInterface']);
    const standard = await get(VENUE_A_HOST, V5_PATH(ORDER.orderid));
    expect(standard.status).toBe(404);
    expect(isNoRoute(reading(standard, 'v5'))).toBe(true);
    // Route templates match without regard to case, as in Web API.
    expect((await get(VENUE_A_HOST, `/API/webinterface/ORDER/query/main/${ORDER.orderid}`)).status).toBe(200);
  });

  it("answers ASP.NET's own 404 for a path it does not serve", async () => {
    const answer = await get(VENUE_A_HOST, '/api/Orders/Main/1?x=1');
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.body)).toEqual({
      Message: `No HTTP resource was found that matches the request URI 'https://${VENUE_A_HOST}/api/Orders/Main/1?x=1'.`,
    });
    expect(venue.requests.at(-1)).toMatchObject({ auth: 'skipped', query: null, status: 404 });
  });

  it('answers null for an unknown order, another agent’s order, or another personal member', async () => {
    expect((await get(VENUE_A_HOST, V5_PATH('20990101000001'))).body).toBe('null');
    expect((await get(VENUE_A_HOST, V3_PATH('someone-else', ORDER.orderid))).body).toBe('null');
    expect((await get(VENUE_A_HOST, V5_PATH(ORDER.orderid, '7'))).body).toBe('null');
    const outcome = reading(await get(VENUE_A_HOST, V5_PATH('20990101000001')), 'v5', '20990101000001');
    expect(outcome.kind).toBe('notFound');
    // The personal member sees its order only with its own personalid.
    const member: HawkCredentials = { id: 'member', key: venueKey('K2', '密码'), algorithm: 'sha256' };
    venue.setOrder('member', { ...ORDER, orderid: 'P1' });
    expect((await get(VENUE_A_HOST, V5_PATH('P1', '42'), { credentials: member })).status).toBe(200);
    expect(JSON.parse((await get(VENUE_A_HOST, V5_PATH('P1', '42'), { credentials: member })).body).orderid).toBe('P1');
    expect((await get(VENUE_A_HOST, V5_PATH('P1', '43'), { credentials: member })).body).toBe('null');
    expect((await get(VENUE_A_HOST, V5_PATH('P1', 'abc'), { credentials: member })).status).toBe(400);
  });

  it('can answer an unknown order other ways', async () => {
    venue.setUnknownOrderReply('notFound');
    const answer = await get(VENUE_A_HOST, V5_PATH('X9'));
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.body)).toEqual({ Message: '订单不存在' });
    venue.setUnknownOrderReply('noContent');
    expect((await get(VENUE_A_HOST, V5_PATH('X9'))).status).toBe(204);
  });
});

describe('its Hawk check', () => {
  it('refuses a request without Authorization with a bare Hawk challenge', async () => {
    const answer = await send(VENUE_A_HOST, 'GET', V5_PATH(ORDER.orderid));
    expect(answer.status).toBe(401);
    expect(answer.headers['www-authenticate']).toBe('Hawk');
    expect(JSON.parse(answer.body)).toEqual({ Message: 'Authorization has been denied for this request.' });
    expect(venue.requests.at(-1)?.auth).toBe('missing');
  });

  it('refuses a wrong key (wrong password) as a bad mac, and an unknown id', async () => {
    const wrong = await get(VENUE_A_HOST, V5_PATH(ORDER.orderid), {
      credentials: { ...AGENT_CREDENTIALS, key: venueKey('KEY', '1234567') },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers['www-authenticate']).toBe('Hawk error="Bad mac"');
    expect(JSON.parse(wrong.body)).toEqual({ Message: 'Authorization has been denied for this request.' });
    expect(challenge(wrong).kind).toBe('badCredentials');
    const unknown = await get(VENUE_A_HOST, V5_PATH(ORDER.orderid), {
      credentials: { ...AGENT_CREDENTIALS, id: 'nobody' },
    });
    expect(unknown.headers['www-authenticate']).toBe('Hawk error="Unknown credentials"');
    expect(venue.requests.map((r) => r.auth)).toEqual(['badMac', 'unknownId']);
  });

  it('checks the MAC against the host lowercased and port 443, whatever the Host header says', async () => {
    // Signed for another port: the MAC no longer matches.
    const { header } = hapiHawk.client.header(`https://${VENUE_A_HOST}:8443${V5_PATH(ORDER.orderid)}`, 'GET', {
      credentials: AGENT_CREDENTIALS,
      timestamp: Math.floor(CLOCK / 1000),
    });
    expect(
      (await send(VENUE_A_HOST, 'GET', V5_PATH(ORDER.orderid), { headers: { Authorization: header } })).status,
    ).toBe(401);
    // The Host header in capitals: still the same lowercased host.
    const path = V5_PATH(ORDER.orderid);
    const answer = await send(VENUE_A_HOST, 'GET', path, {
      headers: { ...signed(VENUE_A_HOST, path), Host: VENUE_A_HOST.toUpperCase() },
    });
    expect(answer.status).toBe(200);
  });

  it('refuses a replayed nonce', async () => {
    const path = V5_PATH(ORDER.orderid);
    const headers = signed(VENUE_A_HOST, path, { nonce: 'n0nce1' });
    expect((await send(VENUE_A_HOST, 'GET', path, { headers })).status).toBe(200);
    const again = await send(VENUE_A_HOST, 'GET', path, { headers });
    expect(again.status).toBe(401);
    expect(venue.requests.at(-1)?.auth).toBe('replay');
  });

  it('allows ±60 s, against its own (skewed) clock', async () => {
    const ts = Math.floor(CLOCK / 1000);
    expect((await get(VENUE_A_HOST, V5_PATH(ORDER.orderid), { ts: ts - 59 })).status).toBe(200);
    expect((await get(VENUE_A_HOST, V5_PATH(ORDER.orderid), { ts: ts + 61 })).status).toBe(401);
    venue.setClockSkew(10 * MINUTE);
    expect((await get(VENUE_A_HOST, V5_PATH(ORDER.orderid), { ts })).status).toBe(401);
    expect((await get(VENUE_A_HOST, V5_PATH(ORDER.orderid), { ts: ts + 600 })).status).toBe(200);
  });

  describe.each([
    ['hapi', (ts: number, tsm: string) => `Hawk ts="${ts}", tsm="${tsm}", error="Stale timestamp"`, 'valid'],
    ['thinktecture', (ts: number, tsm: string) => `hawk ts="${ts}",tsm="${tsm}"`, 'valid'],
    ['hawknet', (ts: number) => `Hawk ts="${ts}" ntp="pool.ntp.org"`, 'absent'],
  ] as const)('a stale timestamp in the %s dialect', (dialect, expected, tsmCheck) => {
    it('names the server time, with a tsm the extension verifies', async () => {
      venue.setDialect(dialect);
      venue.setClockSkew(-5 * MINUTE);
      const serverTs = Math.floor((CLOCK - 5 * MINUTE) / 1000);
      const answer = await get(VENUE_A_HOST, V5_PATH(ORDER.orderid));
      expect(answer.status).toBe(401);
      expect(answer.headers['www-authenticate']).toBe(
        expected(serverTs, timestampMac(AGENT_CREDENTIALS.key, serverTs)),
      );
      if (dialect === 'hawknet') {
        expect(answer.headers['content-type']).toMatch(/^text\/plain/);
        expect(answer.body).toBe('Stale timestamp');
      } else {
        expect(JSON.parse(answer.body)).toEqual({ Message: 'Authorization has been denied for this request.' });
      }
      expect(answer.headers.date).toBe(new Date(CLOCK - 5 * MINUTE).toUTCString());
      const read = challenge(answer);
      expect(read).toMatchObject({ kind: 'clockSkew', serverTs, tsm: tsmCheck });
      expect(venue.requests.at(-1)?.auth).toBe('stale');
    });
  });
});

describe('its scripted behaviour', () => {
  it('puts its skewed clock in every Date header, 404s and preflights included', async () => {
    venue.setClockSkew(-90_000);
    const expected = new Date(CLOCK - 90_000).toUTCString();
    expect((await send(VENUE_A_HOST, 'GET', '/nothing')).headers.date).toBe(expected);
    const preflight = await send(VENUE_A_HOST, 'OPTIONS', V5_PATH(ORDER.orderid), {
      headers: {
        Origin: 'chrome-extension://abc',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization',
      },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers).toMatchObject({
      date: expected,
      'access-control-allow-origin': 'chrome-extension://abc',
      'access-control-allow-headers': 'authorization',
    });
    // The real replies carry no CORS headers.
    const reply = await get(VENUE_A_HOST, V5_PATH(ORDER.orderid), { ts: Math.floor((CLOCK - 90_000) / 1000) });
    expect(reply.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('writes ordertime in Beijing time whatever TZ the process runs in', async () => {
    const zone = process.env.TZ;
    try {
      for (const tz of ['America/Los_Angeles', 'Asia/Kolkata', 'Pacific/Kiritimati', 'UTC']) {
        process.env.TZ = tz;
        // 23:30 UTC on 30 April is 07:30 on 1 May in Beijing.
        venue.setOrder('agent01', { ...ORDER, orderid: 'TZ', orderedAt: Date.UTC(2024, 3, 30, 23, 30) });
        const body = JSON.parse((await get(VENUE_A_HOST, V5_PATH('TZ'))).body) as Record<string, string>;
        expect(body.ordertime).toBe('20240501073000');
        expect(body.paymentendtime).toBe('2024-05-01T08:00:00.0000000+08:00');
        expect(body.effectdate).toBe('20240502');
      }
    } finally {
      process.env.TZ = zone;
    }
  });

  it('holds every reply for the latency set, 401s and 404s too', async () => {
    venue.setLatency(300);
    for (const answer of [
      () => get(VENUE_A_HOST, V5_PATH(ORDER.orderid)),
      () => send(VENUE_A_HOST, 'GET', V5_PATH(ORDER.orderid)),
      () => send(VENUE_A_HOST, 'GET', '/nothing'),
    ]) {
      const started = Date.now();
      await answer();
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    }
  });

  it('counts requests in flight per venue', async () => {
    venue.setLatency(400);
    venue.resetInFlight();
    const pending = [
      ...Array.from({ length: 3 }, () => get(VENUE_A_HOST, V5_PATH(ORDER.orderid))),
      get(VENUE_B_HOST, V5_PATH(ORDER.orderid)),
    ];
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(venue.inFlight(VENUE_A_HOST)).toBe(3);
    expect(venue.inFlight()).toBe(4);
    await Promise.all(pending);
    expect(venue.inFlight()).toBe(0);
    expect(venue.maxInFlight(VENUE_A_HOST)).toBe(3);
    expect(venue.maxInFlight(VENUE_B_HOST)).toBe(1);
    expect(venue.maxInFlight()).toBe(3);
    venue.resetInFlight();
    expect(venue.maxInFlight()).toBe(0);
  });

  it('stops counting a request whose client went away', async () => {
    venue.setLatency(5_000);
    venue.resetInFlight();
    const path = V5_PATH(ORDER.orderid);
    const first = new AbortController();
    const second = new AbortController();
    const requests = [first, second].map((gone) =>
      send(VENUE_A_HOST, 'GET', path, { headers: signed(VENUE_A_HOST, path), signal: gone.signal }).catch(
        () => 'aborted',
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(venue.inFlight(VENUE_A_HOST)).toBe(2);
    first.abort();
    expect(await requests[0]).toBe('aborted');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(venue.inFlight(VENUE_A_HOST)).toBe(1);
    second.abort();
    await requests[1];
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(venue.inFlight(VENUE_A_HOST)).toBe(0);
    expect(venue.maxInFlight(VENUE_A_HOST)).toBe(2);
  });

  it.each([
    [{ kind: 'http500' } as const, 500, 'venueError'],
    [{ kind: 'aspnetError', message: '服务器维护中' } as const, 500, 'venueError'],
    [{ kind: 'appError', code: '1001', message: '参数错误' } as const, 200, 'venueError'],
    [{ kind: 'malformed' } as const, 200, 'unexpected'],
    [{ kind: 'html' } as const, 503, 'httpError'],
  ])('fails on request: %o', async (failure, status, kind) => {
    venue.setFailure(failure, { times: 1 });
    const answer = await get(VENUE_A_HOST, V5_PATH(ORDER.orderid));
    expect(answer.status).toBe(status);
    expect(reading(answer, 'v5').kind).toBe(kind);
    // Only the next reply failed.
    expect((await get(VENUE_A_HOST, V5_PATH(ORDER.orderid))).status).toBe(200);
  });

  it('fails every reply of one venue until cleared, and can cut the connection', async () => {
    venue.setFailure({ kind: 'aspnetError', message: 'x' }, { host: VENUE_B_HOST });
    expect((await get(VENUE_A_HOST, V5_PATH(ORDER.orderid))).status).toBe(200);
    expect((await get(VENUE_B_HOST, V5_PATH(ORDER.orderid))).status).toBe(500);
    expect((await get(VENUE_B_HOST, V5_PATH(ORDER.orderid))).status).toBe(500);
    venue.setFailure(null);
    expect((await get(VENUE_B_HOST, V5_PATH(ORDER.orderid))).status).toBe(200);
    venue.setFailure({ kind: 'reset' }, { times: 1 });
    await expect(get(VENUE_A_HOST, V5_PATH(ORDER.orderid))).rejects.toThrow();
  });

  it('lets a controller failure through only after the Hawk check passed', async () => {
    venue.setFailure({ kind: 'http500' });
    expect((await send(VENUE_A_HOST, 'GET', V5_PATH(ORDER.orderid))).status).toBe(401);
    expect((await get(VENUE_A_HOST, V5_PATH(ORDER.orderid))).status).toBe(500);
  });
});
