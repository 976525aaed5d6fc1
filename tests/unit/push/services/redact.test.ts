import { describe, expect, it } from 'vitest';
import { sendPush } from '@/lib/push/send';
import { PUSH_SERVICES } from '@/lib/push/services';
import { reminder } from '../helpers/messages';
import { redact, redactedReply, redactedSaid } from '@/lib/push/services/redact';

// What a service's reply may echo back (the caller's IP, a token in a quoted path) never reaches a
// verdict's detail, not even a piece of it where the excerpt cuts the reply short.

const TOKEN = 'b6f1c0d8e2a94f7c8d3e5a1b2c4d6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f9';

describe('redact', () => {
  it('blots out IPv4 addresses and long unbroken runs, and leaves words and short codes', () => {
    expect(redact('ip 203.0.113.7 not in whitelist')).toBe('ip … not in whitelist');
    expect(redact(`token ${TOKEN} and 2b7d3c1e-9f4a-4e8b-a6c2-5d1f0e9a8b7c`)).toBe('token … and …');
    expect(redact('sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]')).toBe(
      'sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]',
    );
    expect(redact('19021 keywords_not_found')).toBe('19021 keywords_not_found');
  });

  it('redacts before cutting short, so no piece of a token is left at the cut', () => {
    // The excerpt keeps 160 characters: unredacted, the token would start at 156 and keep 4 of them.
    const body = `${'x '.repeat(70)}/hook/${TOKEN}`;
    const detail = redactedReply({ status: 404, body, retryAfter: null });
    expect(detail).toContain('/hook/…');
    expect(detail).not.toContain(TOKEN.slice(0, 3));
    expect(redactedSaid(300001, `no robot ${TOKEN}`)).toBe('300001: no robot …');
  });
});

describe("a gateway's or a receiver's error page", () => {
  it('keeps none of a token or an IP address, whichever service and however it failed', async () => {
    const body = `Error: cannot handle /hooks/${TOKEN} from 203.0.113.9`;
    for (const service of Object.values(PUSH_SERVICES)) {
      for (const status of [400, 404, 429, 500, 502]) {
        const fetch = (async () => new Response(body, { status })) as typeof globalThis.fetch;
        const { verdict, result } = await sendPush(service, reminder(), {}, {}, { fetch });
        expect(JSON.stringify([verdict, result]), `${service.id} ${status}`).not.toMatch(/b6f1c0d8|203\.0\.113\.9/);
        if (status >= 429) expect([service.id, verdict.outcome]).toEqual([service.id, 'retry']);
      }
    }
  });
});
