import Base64 from 'crypto-js/enc-base64';
import SHA256 from 'crypto-js/sha256';
import type { lib } from 'crypto-js';
import type { PushMessage } from '../message';
import { hmacBase64, wellFormed } from './hmac';

// The webhook's signature, as Standard Webhooks v1 has it:
// https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
// `webhook-id`, `webhook-timestamp` (seconds) and `webhook-signature: v1,<Base64 HMAC-SHA256 of
// "id.timestamp.body">`, so receivers can verify with the spec's own libraries (docs/webhook.md).

const PREFIX = 'whsec_';
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * The signing key. A `whsec_…` secret (the spec's form, as Svix and others hand them out) is the
 * Base64 bytes after the prefix; any other string is its own UTF-8 bytes. Null: a `whsec_` secret
 * whose rest is not Base64, which a receiver's library would read differently from us.
 */
export function webhookKey(secret: string): string | lib.WordArray | null {
  const value = secret.trim();
  if (!value.startsWith(PREFIX)) return value === '' ? null : value;
  const encoded = value.slice(PREFIX.length);
  return encoded !== '' && BASE64.test(encoded) ? Base64.parse(encoded) : null;
}

/**
 * `msg_` and the SHA-256 of the message's alert ids: the same alerts give the same id on every
 * retry, so a receiver that saw the first attempt arrive can drop the second. Hex: no `.`, which
 * the spec forbids in ids. A message with no alerts (the test) is named by its instant.
 */
export function webhookId(message: PushMessage): string {
  const ids = message.items.flatMap((item) => item.alertIds).sort();
  const named = ids.length > 0 ? ids.join('\n') : `${message.test ? 'test' : 'empty'}|${message.sentAt}`;
  return `msg_${SHA256(wellFormed(named)).toString()}`;
}

/** `v1,<Base64 HMAC-SHA256(key, "id.timestamp.body")>`. */
export function webhookSignature(key: string | lib.WordArray, id: string, timestamp: number, body: string): string {
  return `v1,${hmacBase64(key, `${id}.${timestamp}.${body}`)}`;
}
