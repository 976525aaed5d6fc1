// The three signatures the fake services check, written here from the services' own descriptions
// with node:crypto, independently of the extension's WebCrypto signers (lib/push/services/), so a
// mistake in one is not repeated in the other. Each was checked against the published or
// cross-checked vectors in docs/push-research/2-dingtalk-wecom-feishu-webhook.md (see
// fake-push.test.ts).

import { createHmac, timingSafeEqual } from 'node:crypto';

const HOUR_MS = 3_600_000;
/** Standard Webhooks' reference libraries: 5 minutes, too old or too new. */
const WEBHOOK_TOLERANCE_S = 5 * 60;

/** DingTalk 加签: Base64(HMAC-SHA256(key = secret, message = `${timestampMs}\n${secret}`)), not URL-encoded. */
export const dingtalkSign = (secret: string, timestampMs: string): string =>
  createHmac('sha256', Buffer.from(secret, 'utf8')).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');

/** Feishu/Lark 签名校验: Base64(HMAC-SHA256(key = `${timestampS}\n${secret}`, message = empty)). */
export const feishuSign = (secret: string, timestampS: string): string =>
  createHmac('sha256', Buffer.from(`${timestampS}\n${secret}`, 'utf8'))
    .update(Buffer.alloc(0))
    .digest('base64');

/** Standard Webhooks v1: Base64(HMAC-SHA256(key = base64-decoded `whsec_…`, `${id}.${ts}.${body}`)). */
export function standardWebhookSign(secret: string, id: string, timestampS: string, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return createHmac('sha256', key).update(`${id}.${timestampS}.${body}`, 'utf8').digest('base64');
}

const sameText = (a: string, b: string) => {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
};

export type SignatureCheck = 'ok' | 'missing' | 'mismatch' | 'staleTimestamp';

/**
 * DingTalk's check of `timestamp` and `sign` from the query (URLSearchParams has already decoded
 * `sign` once, as the server's query parser does: a sign encoded twice stays encoded and fails).
 */
export function checkDingtalk(secret: string, query: URLSearchParams, now: number): SignatureCheck {
  const timestamp = query.get('timestamp');
  const sign = query.get('sign');
  if (!timestamp || !sign) return 'missing';
  if (!/^\d+$/.test(timestamp) || Math.abs(Number(timestamp) - now) > HOUR_MS) return 'staleTimestamp';
  return sameText(sign, dingtalkSign(secret, timestamp)) ? 'ok' : 'mismatch';
}

/** Feishu's check of the body's `timestamp` (seconds, a string) and `sign`. */
export function checkFeishu(secret: string, body: Record<string, unknown>, now: number): SignatureCheck {
  const { timestamp, sign } = body;
  if (timestamp === undefined || sign === undefined) return 'missing';
  // The documented example sends both as strings; a number is not what the docs show.
  if (typeof timestamp !== 'string' || typeof sign !== 'string') return 'mismatch';
  if (!/^\d+$/.test(timestamp) || Math.abs(Number(timestamp) * 1000 - now) > HOUR_MS) return 'mismatch';
  return sameText(sign, feishuSign(secret, timestamp)) ? 'ok' : 'mismatch';
}

/** The Standard Webhooks check: any `v1,` signature in the space-separated list matches, timestamp ±5 min. */
export function checkStandardWebhook(
  secret: string,
  headers: Record<string, string>,
  body: string,
  now: number,
): SignatureCheck {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (!id || !timestamp || !signatures) return 'missing';
  if (!/^\d+$/.test(timestamp) || Math.abs(Number(timestamp) - now / 1000) > WEBHOOK_TOLERANCE_S)
    return 'staleTimestamp';
  const expected = standardWebhookSign(secret, id, timestamp, body);
  const matches = signatures
    .split(' ')
    .filter((entry) => entry.startsWith('v1,'))
    .some((entry) => sameText(entry.slice(3), expected));
  return matches ? 'ok' : 'mismatch';
}
