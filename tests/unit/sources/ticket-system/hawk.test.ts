import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  hawkArtifacts,
  hawkHeader,
  hawkMac,
  hawkPayloadHash,
  hawkTimestamp,
  HawkSigningError,
  makeNonce,
  normalizedString,
  requestTarget,
  timestampMac,
  type HawkHeaderOptions,
} from '@/lib/sources/ticket-system/hawk';
// A copy of /work/shared/hawk-vectors.json: CI runs on a clean clone, where ../shared does not exist.
import vectors from '../../../fixtures/ticket-system/hawk-vectors.json' with { type: 'json' };

// @hapi/hawk ships no types; this is the little of it the tests use.
interface HapiCredentials {
  id: string;
  key: string;
  algorithm: 'sha256';
}
interface HapiHawk {
  server: {
    authenticate(
      req: { method: string; url: string; headers: Record<string, string>; connection: { encrypted: boolean } },
      credentialsFunc: (id: string) => Promise<HapiCredentials | null>,
      options?: { payload?: string; localtimeOffsetMsec?: number },
    ): Promise<{ credentials: HapiCredentials; artifacts: Record<string, unknown> }>;
  };
}
const hapiHawk = createRequire(import.meta.url)('@hapi/hawk') as HapiHawk;

type Vector = (typeof vectors.vectors)[number] & { ext?: string; payload?: string; contentType?: string };

function optionsOf(v: Vector): HawkHeaderOptions {
  return {
    id: v.credentials.id,
    key: v.credentials.key,
    method: v.method,
    url: v.url,
    ts: v.ts,
    nonce: v.nonce,
    ...(v.ext !== undefined ? { ext: v.ext } : {}),
    ...(v.payload !== undefined ? { payload: { body: v.payload, contentType: v.contentType ?? '' } } : {}),
  };
}

describe('Hawk vectors', () => {
  it.each(vectors.vectors as Vector[])('$source: normalized string', (v) => {
    expect(normalizedString(hawkArtifacts(optionsOf(v)))).toBe(v.normalized);
  });

  it.each(vectors.vectors as Vector[])('$source: Authorization header', (v) => {
    expect(hawkHeader(optionsOf(v))).toBe(v.header);
  });

  it.each(vectors.vectors as Vector[])('$source: MAC over the normalized string', (v) => {
    const mac = /mac="([^"]+)"/.exec(v.header)?.[1];
    expect(hawkMac(v.credentials.key, v.normalized)).toBe(mac);
  });

  it('reproduces the timestamp MAC vector', () => {
    const { key, ts, tsm } = vectors.timestampMac;
    expect(timestampMac(key, ts)).toBe(tsm);
  });
});

describe('payload hash', () => {
  const hash = 'Yi9LfIIFRtBEPt74PVmbTF/xVAwPn7ub15ePICfgnuY=';

  it('ignores content-type parameters, case and spaces', () => {
    expect(hawkPayloadHash({ body: 'Thank you for flying Hawk', contentType: ' Text/Plain; charset=utf-8' })).toBe(
      hash,
    );
  });

  it('hashes non-ASCII bodies as UTF-8, as the reference does', async () => {
    const { createHash } = await import('node:crypto');
    const body = '{"name":"游宝星"}';
    const expected = createHash('sha256').update(`hawk.1.payload\napplication/json\n${body}\n`).digest('base64');
    expect(hawkPayloadHash({ body, contentType: 'application/json; charset=utf-8' })).toBe(expected);
  });
});

describe('requestTarget', () => {
  it('takes the default port from the scheme', () => {
    expect(requestTarget('https://Tickets.Example.cn/a?b=1#frag')).toEqual({
      resource: '/a?b=1',
      host: 'tickets.example.cn',
      port: 443,
    });
    expect(requestTarget('http://example.com/')).toEqual({ resource: '/', host: 'example.com', port: 80 });
    expect(requestTarget('https://example.com:443/x').port).toBe(443);
    expect(requestTarget('https://example.com:8443/x').port).toBe(8443);
  });

  it('signs the path as fetch sends it', () => {
    expect(requestTarget('https://example.com/a b/游?q=1 2').resource).toBe('/a%20b/%E6%B8%B8?q=1%202');
    expect(requestTarget('https://example.com/a?').resource).toBe('/a?');
    expect(requestTarget('https://example.com').resource).toBe('/');
  });

  it('refuses what it cannot sign', () => {
    expect(() => requestTarget('not a url')).toThrow(HawkSigningError);
    expect(() => requestTarget('ftp://example.com/')).toThrow(HawkSigningError);
  });
});

describe('hawkHeader', () => {
  const base: HawkHeaderOptions = {
    id: 'agent01',
    key: 'secret-key-value',
    method: 'get',
    url: 'https://tickets.example.cn/api/x',
    ts: 1765000000,
    nonce: 'abc123',
  };

  it('uppercases the method', () => {
    expect(hawkHeader(base)).toBe(hawkHeader({ ...base, method: 'GET' }));
  });

  it('makes a fresh nonce when none is given', () => {
    const first = hawkHeader({ ...base, nonce: undefined });
    const second = hawkHeader({ ...base, nonce: undefined });
    expect(first).toMatch(/nonce="[A-Za-z0-9]{8}"/);
    expect(first).not.toBe(second);
  });

  it.each([
    ['id', { id: 'a"b' }],
    ['id', { id: '' }],
    ['nonce', { nonce: 'a\\b' }],
    ['ext', { ext: 'line\nbreak' }],
    ['ext', { ext: '游' }],
    ['ts', { ts: 1.5 }],
    ['ts', { ts: -1 }],
  ])('refuses a bad %s without naming the key', (_, change) => {
    let thrown: unknown;
    try {
      hawkHeader({ ...base, ...change });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(HawkSigningError);
    expect(String((thrown as Error).message)).not.toContain(base.key);
  });
});

describe('makeNonce', () => {
  it('can be fixed by tests and uses only letters and digits', () => {
    const fixed = (bytes: Uint8Array) => bytes.map((_, i) => i * 31);
    expect(makeNonce(6, fixed)).toBe(makeNonce(6, fixed));
    expect(makeNonce(6, fixed)).toMatch(/^[A-Za-z0-9]{6}$/);
  });

  it('skips bytes that would bias the alphabet', () => {
    let call = 0;
    const source = (bytes: Uint8Array) => bytes.fill(call++ === 0 ? 255 : 0);
    expect(makeNonce(4, source)).toBe('AAAA');
  });
});

describe('hawkTimestamp', () => {
  it('signs with the server clock in whole seconds', () => {
    expect(hawkTimestamp({ offsetMs: 0 }, 1765000000999)).toBe(1765000000);
    expect(hawkTimestamp({ offsetMs: -120_000 }, 1765000000999)).toBe(1764999880);
    expect(hawkTimestamp({ offsetMs: 1 }, 1765000000999)).toBe(1765000001);
  });
});

describe('against the reference server (@hapi/hawk)', () => {
  const credentials: HapiCredentials = {
    id: 'agent01',
    key: 'KEYE10ADC3949BA59ABBE56E057F20F883E',
    algorithm: 'sha256',
  };
  const lookup = async (id: string) => (id === credentials.id ? credentials : null);
  const now = () => Math.floor(Date.now() / 1000);

  function fakeRequest(method: string, url: string, authorization: string, contentType?: string) {
    const parsed = new URL(url);
    return {
      method,
      url: parsed.pathname + parsed.search,
      headers: {
        host: parsed.host,
        authorization,
        ...(contentType ? { 'content-type': contentType } : {}),
      },
      // Browsers leave the default port out of Host; hapi then takes it from the TLS connection.
      connection: { encrypted: parsed.protocol === 'https:' },
    };
  }

  it('accepts a signed GET with a query and the default https port', async () => {
    const url = 'https://tickets.example.cn/api/Order/Query/Main/20251206000001?personalid=0';
    const authorization = hawkHeader({ ...credentials, method: 'GET', url, ts: now() });
    const result = await hapiHawk.server.authenticate(fakeRequest('GET', url, authorization), lookup);
    expect(result.credentials.id).toBe('agent01');
  });

  it('accepts a signed POST with a payload hash, an ext and an explicit port', async () => {
    const url = 'https://tickets.example.cn:8443/api/WebInterface/Order/x?b=1&a=2';
    const body = '{"orderid":"20251206000001","备注":"游宝星"}';
    const contentType = 'application/json; charset=utf-8';
    const authorization = hawkHeader({
      ...credentials,
      method: 'POST',
      url,
      ts: now(),
      ext: 'payclock',
      payload: { body, contentType },
    });
    const result = await hapiHawk.server.authenticate(fakeRequest('POST', url, authorization, contentType), lookup, {
      payload: body,
    });
    expect(result.artifacts).toMatchObject({ ext: 'payclock', port: '8443' });
  });

  it('rejects a request signed with another key', async () => {
    const url = 'https://tickets.example.cn/api/x';
    const authorization = hawkHeader({ ...credentials, key: 'KEY' + 'F'.repeat(32), method: 'GET', url, ts: now() });
    await expect(hapiHawk.server.authenticate(fakeRequest('GET', url, authorization), lookup)).rejects.toThrow(
      'Bad mac',
    );
  });
});
