import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { webhookId, webhookKey, webhookSignature } from '@/lib/push/services/standard-webhooks';
import { webhook } from '@/lib/push/services/webhook';
import { beijingIso, minutesLeft, webhookBody, webhookBodySchema } from '@/lib/push/services/webhook-body';
import { DEADLINE, item, merged, order, PAY_URL, reminder, reply, SENT_AT, testMessage } from '../helpers/messages';

// The generic webhook: the body of docs/webhook.md, signed as Standard Webhooks v1 has it
// (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md;
// docs/push-research/2-dingtalk-wecom-feishu-webhook.md §4.3). Signatures are checked against
// node:crypto, an implementation independent of the crypto-js one the extension uses.

const URL_ = 'https://hooks.example.com/payclock/9f8e7d6c5b4a39281706f5e4d3c2b1a0?token=abcdefghijklmnopqrstuv';
const WHSEC = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'; // the spec library's test secret
const SENT_SECONDS = String(SENT_AT / 1000);

/** The signature a receiver computes with node:crypto, from the headers and the body received. */
function verify(headers: Record<string, string>, body: string, secret: string): boolean {
  const key = secret.startsWith('whsec_') ? Buffer.from(secret.slice(6), 'base64') : Buffer.from(secret, 'utf8');
  const expected = createHmac('sha256', key)
    .update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`)
    .digest('base64');
  return headers['webhook-signature'] === `v1,${expected}`;
}

const idOf = (...alertIds: string[]) => `msg_${createHash('sha256').update(alertIds.sort().join('\n')).digest('hex')}`;

describe('webhook signature', () => {
  it('reproduces the Standard Webhooks library’s own test vector', () => {
    const key = webhookKey(WHSEC);
    expect(key).not.toBeNull();
    expect(webhookSignature(key ?? '', 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}')).toBe(
      'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    );
  });

  it('uses a secret without the whsec_ prefix as its UTF-8 bytes', () => {
    const signed = webhookSignature(webhookKey('密钥 secret') ?? '', 'msg_1', 1, '{}');
    expect(signed).toBe(
      `v1,${createHmac('sha256', Buffer.from('密钥 secret', 'utf8')).update('msg_1.1.{}').digest('base64')}`,
    );
  });

  it('refuses a whsec_ secret that is not Base64', () => {
    expect(webhookKey('whsec_')).toBeNull();
    expect(webhookKey('whsec_not base64!')).toBeNull();
    expect(webhookKey('whsec_abc')).toBeNull();
    expect(webhookKey('')).toBeNull();
  });

  it('verifies with node:crypto for any message and secret', () => {
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('\uD83D', '"}\\u0000</script>'));
    const secret = fc.oneof(
      fc.string({ minLength: 1, unit: 'binary' }).filter((raw) => raw.trim() === raw && !raw.startsWith('whsec_')),
      fc.uint8Array({ minLength: 24, maxLength: 64 }).map((bytes) => `whsec_${Buffer.from(bytes).toString('base64')}`),
      fc.constantFrom('half \uD83D', '\uDE00'), // Node's UTF-8 makes a lone surrogate U+FFFD, as we do
    );
    fc.assert(
      fc.property(
        text,
        text,
        secret,
        fc.integer({ min: 0, max: 4_102_444_800_000 }),
        (title, body, signSecret, sentAt) => {
          const message = reminder({ title, body, sentAt, items: [item({ text: body })] });
          const request = webhook.request(message, {}, { url: URL_, signSecret });
          expect(verify(request.headers, request.body ?? '', signSecret)).toBe(true);
          expect(webhookBodySchema.safeParse(JSON.parse(request.body ?? '')).success).toBe(true);
        },
      ),
      { seed: 1, numRuns: 200 },
    );
  });
});

describe('webhook request', () => {
  it('sends a reminder: the documented body, id, timestamp and signature', () => {
    const request = webhook.request(reminder(), {}, { url: ` ${URL_} `, signSecret: WHSEC });
    const body = {
      type: 'payclock.alerts',
      version: 1,
      sentAt: '2026-12-05T14:00:00+08:00',
      test: false,
      title: '还有 5 分钟支付',
      text: 'G101 北京南 → 上海虹桥 · 截止 14:04',
      url: PAY_URL,
      alerts: [
        {
          kind: 'remind',
          headline: '还有 5 分钟支付',
          text: 'G101 北京南 → 上海虹桥 · 截止 14:04',
          url: PAY_URL,
          orders: [
            {
              source: '12306',
              orderId: 'E123456789',
              title: 'G101',
              route: '北京南 → 上海虹桥',
              deadline: '2026-12-05T14:04:30+08:00',
              minutesLeft: 5,
              passengers: [],
              amountYuan: null,
              payUrl: PAY_URL,
            },
          ],
        },
      ],
    };
    expect(request.url).toBe(URL_);
    expect(request.method).toBe('POST');
    expect(request.body).toBe(JSON.stringify(body));
    expect(request.headers).toEqual({
      'Content-Type': 'application/json',
      'webhook-id': idOf(`remind|5|${DEADLINE}|12306|E123456789`),
      'webhook-timestamp': SENT_SECONDS,
      'webhook-signature': expect.stringMatching(/^v1,[A-Za-z0-9+/]{43}=$/),
    });
    expect(verify(request.headers, request.body ?? '', WHSEC)).toBe(true);
  });

  it('sends a merged message with every alert; no signature header without a secret', () => {
    const message = merged();
    const request = webhook.request(message, {}, { url: URL_ });
    const body = webhookBodySchema.parse(JSON.parse(request.body ?? ''));
    expect(body.text).toBe(message.body);
    expect(body.alerts.map((alert) => alert.kind)).toEqual(['remind', 'loginExpired', 'found']);
    expect(body.alerts[1]?.orders[0]).toMatchObject({
      orderId: 'E987654321',
      route: null,
      deadline: null,
      minutesLeft: null,
    });
    expect(request.headers).toEqual({
      'Content-Type': 'application/json',
      'webhook-id': idOf(
        `remind|5|${DEADLINE}|12306|E123456789`,
        'loginExpired|12306|E987654321',
        `found|${DEADLINE + 30 * 60_000}|12306|E555555555`,
      ),
      'webhook-timestamp': SENT_SECONDS,
    });
  });

  it('sends the test message with test: true and no alerts', () => {
    const body = webhookBodySchema.parse(JSON.parse(webhook.request(testMessage(), {}, { url: URL_ }).body ?? ''));
    expect(body).toMatchObject({ test: true, alerts: [], title: 'PayClock 测试消息', url: PAY_URL });
  });

  it('keeps the id across retries and merges; a new test is a new id', () => {
    const first = merged();
    const retry = { ...first, sentAt: first.sentAt + 65_000, items: [...first.items].reverse() };
    expect(webhookId(retry)).toBe(webhookId(first));
    expect(webhookId(reminder())).not.toBe(webhookId(first));
    expect(webhookId(testMessage())).not.toBe(webhookId({ ...testMessage(), sentAt: SENT_AT + 1 }));
    expect(webhookId(first)).not.toContain('.');
  });

  it('sends server text with markup as a JSON string, as it is', () => {
    const text = '<img src=x onerror=alert(1)> **付款**';
    const body = JSON.parse(webhook.request(reminder({ body: text }), {}, { url: URL_ }).body ?? '');
    expect(body.text).toBe(text);
  });
});

describe('webhook times', () => {
  it('writes Beijing time with its offset, whatever the zone', () => {
    expect(beijingIso(Date.UTC(2026, 11, 31, 16, 30, 59, 999))).toBe('2027-01-01T00:30:59+08:00');
    expect(beijingIso(0)).toBe('1970-01-01T08:00:00+08:00');
  });

  it('rounds minutes left up, and stops at 0', () => {
    expect(minutesLeft(SENT_AT + 60_000, SENT_AT)).toBe(1);
    expect(minutesLeft(SENT_AT + 60_001, SENT_AT)).toBe(2);
    expect(minutesLeft(SENT_AT + 1, SENT_AT)).toBe(1);
    expect(minutesLeft(SENT_AT, SENT_AT)).toBe(0);
    expect(minutesLeft(SENT_AT - 600_000, SENT_AT)).toBe(0);
  });

  it("counts minutes left on the server's clock, as the countdowns do", () => {
    // The deadline is 4.5 min away by the local clock; the server's clock runs 2 min ahead.
    const ahead = reminder({ items: [item({ orders: [order({ clockOffsetMs: 120_000 })] })] });
    expect(webhookBody(ahead).alerts[0]!.orders[0]!.minutesLeft).toBe(3);
  });
});

describe('webhook check', () => {
  it('takes any https URL, and hints with its host only', () => {
    const checked = webhook.check({}, { url: URL_, signSecret: WHSEC });
    expect(checked).toEqual({ originPatterns: ['https://hooks.example.com/*'], secretHint: 'hooks.example.com/…' });
    expect(JSON.stringify(checked)).not.toMatch(/payclock|token|abcdefgh|MfKQ9r8G/);
    const long = webhook.check({}, { url: 'https://a-very-long-subdomain.receivers.example.org:8443/x' });
    expect(long).toEqual({
      originPatterns: ['https://a-very-long-subdomain.receivers.example.org/*'],
      secretHint: '…ivers.example.org/…',
    });
    expect(webhook.check({}, { url: URL_, signSecret: 'any passphrase' })).toHaveProperty('secretHint');
  });

  it('names each problem', () => {
    expect(webhook.check({}, {})).toEqual([{ field: 'url', problem: 'missing' }]);
    expect(webhook.check({}, { url: 'http://hooks.example.com/x' })).toEqual([{ field: 'url', problem: 'notHttps' }]);
    expect(webhook.check({}, { url: 'hooks.example.com/x' })).toEqual([{ field: 'url', problem: 'invalid' }]);
    expect(webhook.check({}, { url: 'https://user:pw@hooks.example.com/x' })).toEqual([
      { field: 'url', problem: 'invalid' },
    ]);
    expect(webhook.check({}, { url: URL_, signSecret: 'whsec_???' })).toEqual([
      { field: 'signSecret', problem: 'invalid' },
    ]);
    expect(webhook.check({}, { url: '', signSecret: 'whsec_' })).toEqual([
      { field: 'url', problem: 'missing' },
      { field: 'signSecret', problem: 'invalid' },
    ]);
  });
});

describe('webhook verdict', () => {
  it('sent on any 2xx', () => {
    for (const status of [200, 201, 202, 204]) expect(webhook.verdict(reply(status, ''))).toEqual({ outcome: 'sent' });
  });

  it('refused on 401, 403, 404 and 410, with any token the page quotes blotted out', () => {
    for (const status of [401, 403, 404, 410])
      expect(webhook.verdict(reply(status, 'no'))).toMatchObject({ outcome: 'refused' });
    expect(webhook.verdict(reply(404, 'Cannot POST /payclock/9f8e7d6c5b4a39281706f5e4d3c2b1a0'))).toEqual({
      outcome: 'refused',
      detail: 'HTTP 404: Cannot POST /payclock/…',
    });
  });

  it('retries 429 and 5xx, honouring Retry-After', () => {
    expect(webhook.verdict(reply(429, 'slow down', '90'))).toEqual({
      outcome: 'retry',
      detail: 'HTTP 429: slow down',
      retryAfterMs: 90_000,
    });
    expect(webhook.verdict(reply(503, ''))).toEqual({ outcome: 'retry', detail: 'HTTP 503:' });
  });

  it('rejects any other status', () => {
    for (const status of [400, 405, 413, 422, 301, 100]) {
      expect(webhook.verdict(reply(status, '<p>bad</p>'))).toEqual({
        outcome: 'rejected',
        detail: `HTTP ${status}: bad`,
      });
    }
  });
});
