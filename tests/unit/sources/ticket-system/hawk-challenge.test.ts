import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { learnClock, LOCAL_CLOCK } from '@/lib/time/clock';
import { hawkHeader, timestampMac } from '@/lib/sources/ticket-system/hawk';
import { parseHawkChallenge, type ChallengeReply } from '@/lib/sources/ticket-system/hawk-challenge';
// A copy of /work/shared/hawk-vectors.json: CI runs on a clean clone, where ../shared does not exist.
import vectors from '../../../fixtures/ticket-system/hawk-vectors.json' with { type: 'json' };

const { key, ts, tsm } = vectors.timestampMac;
const FORGED_TSM = timestampMac('not-the-key', ts);
const ASPNET_401 = '{"Message":"Authorization has been denied for this request."}';

function reply(wwwAuthenticate: string | null, body = '', extra: Partial<ChallengeReply> = {}): ChallengeReply {
  return {
    status: 401,
    headers: wwwAuthenticate === null ? {} : { 'WWW-Authenticate': wwwAuthenticate },
    body,
    ...extra,
  };
}

describe('clock skew, one dialect at a time', () => {
  it('hapi: verified tsm and an error', () => {
    const header = `Hawk ts="${ts}", tsm="${tsm}", error="Stale timestamp"`;
    expect(parseHawkChallenge(reply(header), key)).toEqual({
      kind: 'clockSkew',
      dialect: 'hapi',
      serverTs: ts,
      tsm: 'valid',
      clockSamples: [],
    });
  });

  it('Thinktecture: lowercase, no space after the comma, no error', () => {
    const header = `hawk ts="${ts}",tsm="${tsm}"`;
    expect(parseHawkChallenge(reply(header, ASPNET_401), key)).toMatchObject({
      kind: 'clockSkew',
      dialect: 'thinktecture',
      serverTs: ts,
      tsm: 'valid',
    });
  });

  it('HawkNet: no comma, no tsm, plain-text body', () => {
    const header = `Hawk ts="${ts}" ntp="pool.ntp.org"`;
    expect(parseHawkChallenge(reply(header, 'Stale timestamp'), key)).toMatchObject({
      kind: 'clockSkew',
      dialect: 'hawknet',
      serverTs: ts,
      tsm: 'absent',
    });
  });

  it('HawkNet with an unhelpful body: judged by how far our ts was off', () => {
    const header = `Hawk ts="${ts}" ntp="pool.ntp.org"`;
    expect(parseHawkChallenge(reply(header, 'Unauthorized', { requestTs: ts - 300 }), key)).toMatchObject({
      kind: 'clockSkew',
      serverTs: ts,
    });
    expect(parseHawkChallenge(reply(header, '', { requestTs: ts - 5 }), key)).toMatchObject({
      kind: 'badCredentials',
      dialect: 'hawknet',
    });
  });

  it('Thinktecture with a ts close to ours: the clock was fine, the key was not', () => {
    const header = `hawk ts="${ts}",tsm="${tsm}"`;
    expect(parseHawkChallenge(reply(header, ASPNET_401, { requestTs: ts + 2 }), key)).toMatchObject({
      kind: 'badCredentials',
      dialect: 'thinktecture',
    });
  });

  it('reads the challenge the real hapi server sends', async () => {
    const hapi = createRequire(import.meta.url)('@hapi/hawk') as {
      server: { authenticate(req: unknown, lookup: (id: string) => Promise<unknown>): Promise<unknown> };
    };
    const credentials = { id: 'agent01', key: 'KEYE10ADC3949BA59ABBE56E057F20F883E', algorithm: 'sha256' };
    const sentAt = Date.now();
    const staleTs = Math.floor(sentAt / 1000) - 600;
    const authorization = hawkHeader({ ...credentials, method: 'GET', url: 'https://t.example.cn/api/x', ts: staleTs });
    const request = {
      method: 'GET',
      url: '/api/x',
      headers: { host: 't.example.cn', authorization },
      connection: { encrypted: true },
    };
    const error = (await hapi.server.authenticate(request, async () => credentials).catch((e: unknown) => e)) as {
      output: { statusCode: number; headers: Record<string, string>; payload: unknown };
    };
    const receivedAt = Date.now();
    const parsed = parseHawkChallenge(
      {
        status: error.output.statusCode,
        headers: error.output.headers,
        body: JSON.stringify(error.output.payload),
        sentAt,
        receivedAt,
        requestTs: staleTs,
      },
      credentials.key,
    );
    expect(parsed).toMatchObject({ kind: 'clockSkew', dialect: 'hapi', tsm: 'valid' });
    if (parsed.kind !== 'clockSkew') throw new Error('unreachable');
    expect(Math.abs((parsed.serverTs ?? 0) - Math.floor(receivedAt / 1000))).toBeLessThanOrEqual(1);
    const clock = parsed.clockSamples.reduce(learnClock, LOCAL_CLOCK);
    expect(Math.abs(clock.offsetMs)).toBeLessThan(1000);
  });
});

describe('a forged tsm is not trusted', () => {
  it.each([
    ['hapi', `Hawk ts="${ts}", tsm="${FORGED_TSM}", error="Stale timestamp"`],
    ['Thinktecture', `hawk ts="${ts}",tsm="${FORGED_TSM}"`],
    ['hapi, tsm garbage', `Hawk ts="${ts}", tsm="AAAA", error="Stale timestamp"`],
    ['hapi, tsm of another ts', `Hawk ts="${ts}", tsm="${timestampMac(key, ts + 3600)}", error="Stale timestamp"`],
  ])('%s', (_, header) => {
    const parsed = parseHawkChallenge(
      reply(header, '', {
        sentAt: 1_000,
        receivedAt: 1_200,
        headers: { 'www-authenticate': header, date: 'Tue, 20 Nov 2012 08:30:34 GMT' },
      }),
      key,
    );
    expect(parsed).toMatchObject({ kind: 'clockSkew', serverTs: null, tsm: 'invalid', clockSamples: [] });
  });
});

describe('clock samples', () => {
  it('come from both the Date header and a trusted ts', () => {
    const header = `Hawk ts="${ts}", tsm="${tsm}", error="Stale timestamp"`;
    const sentAt = ts * 1000 - 120_000;
    const parsed = parseHawkChallenge(
      {
        status: 401,
        headers: new Headers({ 'WWW-Authenticate': header, Date: new Date(ts * 1000).toUTCString() }),
        body: '',
        sentAt,
        receivedAt: sentAt + 200,
      },
      key,
    );
    if (parsed.kind !== 'clockSkew') throw new Error(`expected clockSkew, got ${parsed.kind}`);
    expect(parsed.clockSamples).toHaveLength(2);
    const clock = parsed.clockSamples.reduce(learnClock, LOCAL_CLOCK);
    expect(clock.offsetMs).toBeGreaterThanOrEqual(119_800);
    expect(clock.offsetMs).toBeLessThanOrEqual(121_000);
  });
});

describe('bad credentials', () => {
  it.each([
    ['hapi bad mac', 'Hawk error="Bad mac"', ''],
    ['hapi unknown id', 'Hawk error="Unknown credentials"', ''],
    ['bare scheme', 'Hawk', ASPNET_401],
    ['lowercase bare scheme', 'hawk', ''],
    ['HawkNet with a ts on every 401', `Hawk ts="${ts}" ntp="pool.ntp.org"`, 'Invalid credentials'],
  ])('%s', (_, header, body) => {
    expect(parseHawkChallenge(reply(header, body), key)).toMatchObject({ kind: 'badCredentials' });
  });

  it('keeps the server message and never the key', () => {
    const parsed = parseHawkChallenge(reply('Hawk error="Bad mac"'), key);
    expect(parsed).toEqual({ kind: 'badCredentials', dialect: 'hapi', message: 'Bad mac' });
    expect(JSON.stringify(parsed)).not.toContain(key);
  });
});

describe('other', () => {
  it('a status other than 401', () => {
    expect(parseHawkChallenge({ status: 500, headers: {}, body: '{"Message":"An error has occurred."}' }, key)).toEqual(
      {
        kind: 'other',
        message: 'An error has occurred.',
      },
    );
    expect(parseHawkChallenge({ status: 403, headers: {}, body: '' }, key)).toEqual({
      kind: 'other',
      message: 'HTTP 403',
    });
  });

  it('a 401 without a Hawk challenge', () => {
    expect(parseHawkChallenge(reply('Basic realm="x"', '<h1>401 Unauthorized</h1>'), key)).toEqual({
      kind: 'other',
      message: '401 Unauthorized',
    });
    expect(parseHawkChallenge(reply(null), key)).toEqual({ kind: 'other', message: 'HTTP 401' });
  });

  it('a replayed nonce or a bad payload hash', () => {
    expect(parseHawkChallenge(reply('Hawk error="Invalid nonce"'), key)).toEqual({
      kind: 'other',
      message: 'Invalid nonce',
    });
    expect(parseHawkChallenge(reply('Hawk error="Bad payload hash"'), key)).toMatchObject({ kind: 'other' });
  });
});

describe('lenient reading', () => {
  it('finds Hawk among other schemes and in repeated headers', () => {
    const header = `Bearer realm="api", Hawk ts="${ts}", tsm="${tsm}", error="Stale timestamp"`;
    expect(parseHawkChallenge(reply(header), key)).toMatchObject({ kind: 'clockSkew', serverTs: ts, tsm: 'valid' });
    const repeated = {
      status: 401,
      headers: { 'www-authenticate': ['Negotiate', `hawk ts="${ts}",tsm="${tsm}"`] },
      body: '',
    };
    expect(parseHawkChallenge(repeated, key)).toMatchObject({ kind: 'clockSkew', serverTs: ts });
  });

  it('accepts unquoted values and odd spacing', () => {
    expect(parseHawkChallenge(reply(`HAWK  ts = ${ts} ,  tsm="${tsm}" , error="Stale timestamp"`), key)).toMatchObject({
      kind: 'clockSkew',
      serverTs: ts,
      tsm: 'valid',
    });
  });

  it('treats an unreadable ts as none', () => {
    expect(parseHawkChallenge(reply('Hawk ts="soon", error="Stale timestamp"'), key)).toMatchObject({
      kind: 'clockSkew',
      serverTs: null,
    });
    expect(parseHawkChallenge(reply('Hawk ts="12e3" ntp="x"', 'Stale timestamp'), key)).toMatchObject({
      kind: 'clockSkew',
      serverTs: null,
    });
  });

  it.each([
    '',
    'Hawk ts="',
    'Hawk ts="1", tsm=',
    'Hawk ===',
    'hawk,,,,',
    '"Hawk"',
    'Hawk ts="1" tsm="2" error="3',
    'Hawk ' + 'a="b", '.repeat(2000),
    '\u0000Hawk\u0000',
  ])('never throws on %j', (header) => {
    expect(() => parseHawkChallenge(reply(header, '{"Message": 3'), key)).not.toThrow();
  });

  it('never throws on odd header objects or bodies', () => {
    const throwing = {
      get() {
        throw new Error('boom');
      },
    };
    expect(parseHawkChallenge({ status: 401, headers: throwing, body: '' }, key)).toEqual({
      kind: 'other',
      message: 'HTTP 401',
    });
    expect(() =>
      parseHawkChallenge({ status: 401, headers: { 'www-authenticate': undefined }, body: 'x'.repeat(10_000) }, key),
    ).not.toThrow();
    const long = parseHawkChallenge({ status: 500, headers: {}, body: 'x'.repeat(10_000) }, key);
    expect(long.kind === 'other' && long.message.length).toBeLessThanOrEqual(201);
  });
});
