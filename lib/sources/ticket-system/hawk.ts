import Base64 from 'crypto-js/enc-base64';
import HmacSHA256 from 'crypto-js/hmac-sha256';
import SHA256 from 'crypto-js/sha256';
import { serverNow, type Clock } from '../../time/clock';

// Hawk, header scheme, sha256 only: the one variant the ticket system speaks (see api-notes.md and
// tests/fixtures/ticket-system/hawk-vectors.json, which @hapi/hawk itself agrees with).
//
// crypto-js hashes JavaScript strings as UTF-8, the same as Node's `crypto` does in the reference
// implementation, so the key, the normalized string and the payload need no explicit encoding.

const HEADER_VERSION = '1';

/** What one request's MAC covers. `hash` and `ext` may be empty; they still take their line. */
export interface HawkArtifacts {
  ts: number;
  nonce: string;
  method: string;
  /** Path and query, exactly as they go on the request line. */
  resource: string;
  host: string;
  port: number;
  hash: string;
  ext: string;
}

export interface HawkPayload {
  body: string;
  contentType: string;
}

export interface HawkHeaderOptions {
  id: string;
  key: string;
  method: string;
  url: string;
  /** Whole seconds on the server's clock: the caller corrects it (see `hawkTimestamp`). */
  ts: number;
  /** Fixed only by tests; a fresh random one otherwise, as servers reject a repeated nonce. */
  nonce?: string;
  ext?: string;
  /** Hashed into the MAC when given, so the body cannot be swapped in transit. */
  payload?: HawkPayload;
}

/** Thrown for a request we refuse to sign. The message never holds the key or any attribute value. */
export class HawkSigningError extends Error {
  override name = 'HawkSigningError';
}

// Printable ASCII without `"` and `\`: what every Hawk server accepts inside an attribute (hapi
// asserts the same set), so a value needing escapes is refused instead of signed in a form one
// server would read differently from another.
const ATTRIBUTE_VALUE = /^[ !#-[\]-~]*$/;

function checkAttribute(name: string, value: string, mayBeEmpty: boolean): void {
  if (!ATTRIBUTE_VALUE.test(value) || (!mayBeEmpty && value === '')) {
    throw new HawkSigningError(`Hawk ${name} must be printable ASCII without quotes or backslashes`);
  }
}

/** The exact text the MAC signs. */
export function normalizedString(a: HawkArtifacts): string {
  return (
    [
      `hawk.${HEADER_VERSION}.header`,
      String(a.ts),
      a.nonce,
      a.method.toUpperCase(),
      a.resource,
      a.host.toLowerCase(),
      String(a.port),
      a.hash,
      a.ext,
    ].join('\n') + '\n'
  );
}

export function hawkMac(key: string, normalized: string): string {
  return Base64.stringify(HmacSHA256(normalized, key));
}

/** Content type as Hawk hashes it: parameters such as `charset` dropped, lowercased. */
function hashableContentType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

export function hawkPayloadHash(payload: HawkPayload): string {
  const text = `hawk.${HEADER_VERSION}.payload\n${hashableContentType(payload.contentType)}\n${payload.body}\n`;
  return Base64.stringify(SHA256(text));
}

/** The `tsm` a server sends with its own time, so a client can tell a genuine clock hint from a forged one. */
export function timestampMac(key: string, ts: number): string {
  return Base64.stringify(HmacSHA256(`hawk.${HEADER_VERSION}.ts\n${ts}\n`, key));
}

/** Where the request goes, split the way the normalized string needs it. */
export function requestTarget(url: string): { resource: string; host: string; port: number } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new HawkSigningError('Hawk cannot sign a request to an unreadable URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new HawkSigningError('Hawk signs only http and https requests');
  }
  // WHATWG URL parsing is what `fetch` does before sending, so the path and host signed here are
  // the ones the server will see (percent-encoding and punycode included). `search` drops a bare
  // trailing `?` that `fetch` keeps, hence the look at the href.
  const withoutFragment = parsed.href.split('#')[0] ?? '';
  const query = parsed.search || (withoutFragment.endsWith('?') ? '?' : '');
  const port = parsed.port ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80;
  return { resource: parsed.pathname + query, host: parsed.hostname, port };
}

const NONCE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random nonce; `fillRandom` is there for tests. */
export function makeNonce(
  length = 8,
  fillRandom: (bytes: Uint8Array) => Uint8Array = (bytes) => crypto.getRandomValues(bytes),
): string {
  const bytes = fillRandom(new Uint8Array(length));
  let nonce = '';
  // 256 is a multiple of 62 plus 8: rejecting the top 8 values keeps every character equally likely.
  for (const byte of bytes) {
    if (byte < 248) nonce += NONCE_ALPHABET[byte % NONCE_ALPHABET.length];
  }
  return nonce.length === length ? nonce : nonce + makeNonce(length - nonce.length, fillRandom);
}

/** The `ts` to sign with: the server's clock as learned from earlier replies, in whole seconds. */
export function hawkTimestamp(clock: Pick<Clock, 'offsetMs'>, localNow: number): number {
  return Math.floor(serverNow(clock, localNow) / 1000);
}

export function hawkArtifacts(options: HawkHeaderOptions): HawkArtifacts {
  if (!Number.isSafeInteger(options.ts) || options.ts < 0) {
    throw new HawkSigningError('Hawk ts must be whole seconds');
  }
  const nonce = options.nonce ?? makeNonce();
  const ext = options.ext ?? '';
  checkAttribute('nonce', nonce, false);
  checkAttribute('ext', ext, true);
  return {
    ts: options.ts,
    nonce,
    method: options.method,
    ...requestTarget(options.url),
    hash: options.payload ? hawkPayloadHash(options.payload) : '',
    ext,
  };
}

/** The `Authorization` header value for one request. */
export function hawkHeader(options: HawkHeaderOptions): string {
  checkAttribute('id', options.id, false);
  const artifacts = hawkArtifacts(options);
  const mac = hawkMac(options.key, normalizedString(artifacts));
  // Attribute order as in the reference client; servers do not depend on it, but the vectors do.
  let header = `Hawk id="${options.id}", ts="${artifacts.ts}", nonce="${artifacts.nonce}"`;
  if (artifacts.hash) header += `, hash="${artifacts.hash}"`;
  if (artifacts.ext) header += `, ext="${artifacts.ext}"`;
  return `${header}, mac="${mac}"`;
}
