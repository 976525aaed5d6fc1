import Base64 from 'crypto-js/enc-base64';
import HmacSHA256 from 'crypto-js/hmac-sha256';
import type { lib } from 'crypto-js';

// HMAC-SHA256 in Base64 for the services that sign (DingTalk, Feishu, the webhook). crypto-js reads
// strings as UTF-8, as the services' own samples do, but throws on a lone surrogate (a half of an
// emoji pasted into a secret): such halves become U+FFFD first, which is what Node and the WHATWG
// encoder make of them, so a request is always built and a receiver in Node computes the same.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The string as UTF-8 would carry it: lone surrogates replaced by U+FFFD. */
export const wellFormed = (text: string): string => text.replace(LONE_SURROGATE, '\uFFFD');

/** Base64(HMAC-SHA256(key, message)); a string key is its UTF-8 bytes. */
export function hmacBase64(key: string | lib.WordArray, message: string): string {
  return Base64.stringify(HmacSHA256(wellFormed(message), typeof key === 'string' ? wellFormed(key) : key));
}
