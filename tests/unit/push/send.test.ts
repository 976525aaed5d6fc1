import { describe, expect, it } from 'vitest';
import { sendPush } from '@/lib/push/send';
import { wecom } from '@/lib/push/services/wecom';
import { composeMessage } from '@/lib/push/compose';
import { item, T0 } from './helpers';

const message = composeMessage([item(1)], { locale: 'zh', now: T0, maxBodyChars: 500 });
const secrets = { key: 'abcdefgh-1234-5678' };

describe('sending one push', () => {
  it('gives up on a service that does not answer in time, and says so in the user’s words', async () => {
    const hang = ((_: unknown, init?: RequestInit) =>
      new Promise((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
      )) as typeof fetch;
    for (const [locale, words] of [
      ['zh', '1 秒内没有回应'],
      ['en', 'no answer within 1 s'],
    ] as const) {
      const { verdict, result } = await sendPush(wecom, message, {}, secrets, {
        fetch: hang,
        timeoutMs: 1000,
        locale,
        now: () => T0,
      });
      expect(verdict.outcome).toBe('retry');
      expect(result).toEqual({ at: T0, outcome: 'retry', httpStatus: null, detail: words });
    }
  });

  it('sends no cookies and follows no redirect', async () => {
    let seen: RequestInit | undefined;
    const spy = (async (_: unknown, init?: RequestInit) => {
      seen = init;
      return new Response('{"errcode":0,"errmsg":"ok"}');
    }) as typeof fetch;
    const { result } = await sendPush(wecom, message, {}, secrets, { fetch: spy });
    expect(result.outcome).toBe('sent');
    expect(seen).toMatchObject({ method: 'POST', credentials: 'omit', redirect: 'manual' });
  });

  it('drops a message the service redirects, and says to check the address; never retries it', async () => {
    const opaque = { type: 'opaqueredirect', status: 0, headers: new Headers(), text: async () => '' } as Response;
    const moved = new Response(null, { status: 301, headers: { Location: 'https://elsewhere.example/' } });
    for (const [response, httpStatus] of [
      [opaque, null],
      [moved, 301],
    ] as const) {
      const fetch = (async () => response) as typeof globalThis.fetch;
      const { verdict, result } = await sendPush(wecom, message, {}, secrets, { fetch, locale: 'en', now: () => T0 });
      expect(verdict.outcome).toBe('rejected');
      expect(result).toEqual({
        at: T0,
        outcome: 'rejected',
        httpStatus,
        detail: expect.stringContaining('does not follow redirects'),
      });
    }
  });

  it('counts a network failure as one to retry, keeping what the browser said', async () => {
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const { verdict, result } = await sendPush(wecom, message, {}, secrets, { fetch: offline });
    expect(verdict.outcome).toBe('retry');
    expect(result).toMatchObject({ outcome: 'retry', httpStatus: null, detail: 'Failed to fetch' });
  });
});
