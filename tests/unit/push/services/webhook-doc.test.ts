import { createHmac } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { webhook } from '@/lib/push/services/webhook';
import { webhookBodySchema } from '@/lib/push/services/webhook-body';
import { item, order, reminder } from '../helpers/messages';

// docs/webhook.md is what receivers code against: its example must be what the code sends, byte for
// byte, and its verification snippet must accept it (and nothing else).

const doc = readFileSync('docs/webhook.md', 'utf8');
// Fenced blocks in order, each with its language ('' for none): opening and closing fences pair up.
const blocks = [...doc.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map(([, lang = '', text = '']) => ({ lang, text }));
const block = (lang: string) => {
  const found = blocks.find((one) => one.lang === lang)?.text;
  if (found === undefined) throw new Error(`no ${lang || 'plain'} block in docs/webhook.md`);
  return found;
};
const SECRET = /`(whsec_[A-Za-z0-9+/=]+)`/.exec(doc)?.[1] ?? '';
const example = JSON.parse(block('json')) as unknown;
const headers = Object.fromEntries(
  block('')
    .trim()
    .split('\n')
    .map((line) => line.split(': ') as [string, string]),
);
const body = JSON.stringify(example);

// The documented alert, built the way compose builds a single reminder.
const TEXT = 'G101 北京南 → 上海虹桥 · 截止 14:04:30（北京时间）';
const message = reminder({ body: TEXT, items: [item({ text: TEXT, orders: [order({ amountYuan: 553.5 })] })] });

describe('docs/webhook.md', () => {
  it('shows a body of the schema, and exactly the body and headers the code sends', () => {
    expect(webhookBodySchema.safeParse(example).success).toBe(true);
    const request = webhook.request(message, {}, { url: 'https://hooks.example.com/payclock', signSecret: SECRET });
    expect(request.body).toBe(body);
    expect(request.headers).toEqual({ 'Content-Type': 'application/json', ...headers });
    const key = Buffer.from(SECRET.slice('whsec_'.length), 'base64');
    const mac = createHmac('sha256', key).update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`);
    expect(headers['webhook-signature']).toBe(`v1,${mac.digest('base64')}`);
  });

  it('gives a Node snippet that accepts the example and refuses what it should', async () => {
    const file = join(tmpdir(), `payclock-verify-${process.pid}.mjs`);
    writeFileSync(file, block('js'));
    type Verify = (secret: string, headers: Record<string, string>, rawBody: string, nowMs?: number) => boolean;
    let verifyPayClock: Verify;
    try {
      ({ verifyPayClock } = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as { verifyPayClock: Verify });
    } finally {
      rmSync(file, { force: true });
    }
    const now = Number(headers['webhook-timestamp']) * 1000;
    expect(verifyPayClock(SECRET, headers, body, now)).toBe(true);
    expect(verifyPayClock(SECRET, headers, body, now + 4 * 60_000)).toBe(true);
    expect(verifyPayClock(SECRET, headers, body, now + 6 * 60_000)).toBe(false);
    expect(verifyPayClock(SECRET, headers, body.replace('553.5', '1'), now)).toBe(false);
    expect(verifyPayClock('whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', headers, body, now)).toBe(false);
    expect(verifyPayClock(SECRET, { ...headers, 'webhook-timestamp': 'soon' }, body, now)).toBe(false);
    expect(
      verifyPayClock(SECRET, { ...headers, 'webhook-signature': `v0,x ${headers['webhook-signature']}` }, body, now),
    ).toBe(true);
    // A plain secret is its UTF-8 bytes, on both sides.
    const plain = webhook.request(message, {}, { url: 'https://hooks.example.com/x', signSecret: '口令 secret' });
    expect(verifyPayClock('口令 secret', plain.headers, plain.body ?? '', now)).toBe(true);
  });
});
