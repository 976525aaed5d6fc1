import { sampleFromDateHeader, type ClockSample } from '../../time/clock';
import { timestampMac } from './hawk';

// What a 401 from a ticket-system server means. Servers run one of three Hawk libraries, and each
// words a stale-timestamp reply its own way (api-notes.md):
//   hapi          Hawk ts="…", tsm="…", error="Stale timestamp"
//   Thinktecture  hawk ts="…",tsm="…"                    (lowercase, no error)
//   HawkNet       Hawk ts="…" ntp="pool.ntp.org"         (no comma, no tsm, plain-text body)
// Thinktecture and HawkNet may send their `ts` with every 401, not only a stale one (unconfirmed), so a
// `ts` alone does not prove the clock was the problem: the error, the body and how far the server's
// time is from ours decide. Everything here is lenient: a malformed reply is classified, never thrown.

export type HawkDialect = 'hapi' | 'thinktecture' | 'hawknet' | 'unknown';

/**
 * - `valid`: the server proved it holds our key, so its `ts` can be trusted;
 * - `absent`: no proof offered (HawkNet); the `ts` is as trustworthy as the `Date` header;
 * - `invalid`: forged, or not from the server holding our key: its `ts` is dropped.
 */
export type TsmCheck = 'valid' | 'absent' | 'invalid';

export type HawkChallenge =
  | {
      kind: 'clockSkew';
      dialect: HawkDialect;
      /** The server's time in seconds, or null when it sent none or its `tsm` did not verify. */
      serverTs: number | null;
      tsm: TsmCheck;
      /** Offsets to fold into the learned clock with `learnClock`, oldest first; none when forged. */
      clockSamples: ClockSample[];
    }
  | { kind: 'badCredentials'; dialect: HawkDialect; message: string }
  | { kind: 'other'; message: string };

export type HeaderSource =
  { get(name: string): string | null } | Record<string, string | readonly string[] | undefined>;

export interface ChallengeReply {
  status: number;
  headers: HeaderSource;
  body: string;
  /** Local ms when the request went out and its reply came back: needed to learn the clock. */
  sentAt?: number;
  receivedAt?: number;
  /** The `ts` our request was signed with, to tell a clock problem from a credentials problem. */
  requestTs?: number;
}

/** The key is only used to check `tsm`; it never appears in what is returned. */
export function parseHawkChallenge(reply: ChallengeReply, key: string): HawkChallenge {
  const message = bodyMessage(reply.body);
  if (reply.status !== 401) return { kind: 'other', message: message || `HTTP ${reply.status}` };

  const header = readHeader(reply.headers, 'www-authenticate');
  const challenge = header === null ? null : findHawkChallenge(header);
  if (challenge === null) {
    // A 401 without a Hawk challenge comes from something in front of the API (a proxy, IIS itself),
    // not from the Hawk check, so it says nothing about our key.
    return { kind: 'other', message: message || 'HTTP 401' };
  }

  const { attributes, dialect } = challenge;
  const error = attributes.get('error') ?? '';
  const reason = `${error} ${message}`;
  const rawTs = attributes.get('ts');
  const claimedTs = rawTs !== undefined && /^\d{1,12}$/.test(rawTs) ? Number(rawTs) : null;
  const rawTsm = attributes.get('tsm');
  const tsm: TsmCheck =
    rawTsm === undefined
      ? 'absent'
      : claimedTs !== null && sameText(rawTsm, timestampMac(key, claimedTs))
        ? 'valid'
        : 'invalid';
  const serverTs = tsm === 'invalid' ? null : claimedTs;

  if (NONCE_WORDS.test(reason) || PAYLOAD_WORDS.test(reason)) {
    // A replayed nonce or a mangled body: a fresh request may well pass; the key is not at fault.
    return { kind: 'other', message: error || message || 'Hawk rejected the request' };
  }
  const clockSkew = (): HawkChallenge => ({
    kind: 'clockSkew',
    dialect,
    serverTs,
    tsm,
    clockSamples: tsm === 'invalid' ? [] : samples(reply, serverTs),
  });
  if (STALE_WORDS.test(reason)) return clockSkew();
  if (CREDENTIAL_WORDS.test(reason) || claimedTs === null) {
    return { kind: 'badCredentials', dialect, message: error || message || 'Hawk rejected the credentials' };
  }
  // A bare `ts` with nothing to say why: if our timestamp was already within the usual ±60 s
  // window (with margin), the clock was not the problem.
  if (serverTs !== null && reply.requestTs !== undefined && Math.abs(serverTs - reply.requestTs) < SKEW_SUSPECT_SEC) {
    return { kind: 'badCredentials', dialect, message: message || 'Hawk rejected the credentials' };
  }
  return clockSkew();
}

const SKEW_SUSPECT_SEC = 30;
const STALE_WORDS = /stale|timestamp|clock|skew/i;
const NONCE_WORDS = /nonce|replay/i;
const PAYLOAD_WORDS = /payload|hash/i;
// Not "denied" nor "unauthorized": ASP.NET's stock 401 body ("Authorization has been denied for this
// request.") and a bare status text come with stale timestamps too, so they say nothing either way.
const CREDENTIAL_WORDS = /credential|\bmac\b|unknown|missing|invalid|user|key|signature/i;

const MESSAGE_LENGTH = 200;

function samples(reply: ChallengeReply, serverTs: number | null): ClockSample[] {
  const { sentAt, receivedAt } = reply;
  if (sentAt === undefined || receivedAt === undefined || receivedAt < sentAt) return [];
  const found: ClockSample[] = [];
  const fromDate = sampleFromDateHeader(readHeader(reply.headers, 'date'), sentAt, receivedAt);
  if (fromDate) found.push(fromDate);
  // Hawk servers send whole seconds, floored, like a `Date` header: the same bounds apply.
  if (serverTs !== null)
    found.push({ lo: serverTs * 1000 - receivedAt, hi: serverTs * 1000 + 1000 - sentAt, at: receivedAt });
  return found;
}

/** Compares without stopping at the first difference, so timing does not leak how much of a guess was right. */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

function readHeader(headers: HeaderSource, name: string): string | null {
  try {
    if (typeof headers.get === 'function') return (headers as { get(n: string): string | null }).get(name);
    for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
      if (key.toLowerCase() !== name) continue;
      if (typeof value === 'string') return value;
      if (Array.isArray(value)) return value.filter((v) => typeof v === 'string').join(', ');
    }
  } catch {
    // A header object that throws is as good as a missing header.
  }
  return null;
}

/**
 * The attributes of the Hawk challenge in a `WWW-Authenticate` value, which may hold other schemes
 * too (several headers get joined with commas). Attributes may be separated by commas, spaces or both,
 * and quoted or not.
 */
function findHawkChallenge(header: string): { attributes: Map<string, string>; dialect: HawkDialect } | null {
  const start = /(?:^|[\s,])(hawk)(?=\s|,|$)/i.exec(header);
  if (!start) return null;
  const scheme = start[1] ?? '';
  const rest = header.slice(start.index + start[0].length);
  const attributes = new Map<string, string>();
  const pair = /\s*,?\s*([A-Za-z][\w-]*)\s*=\s*(?:"([^"]*)"|([^\s,"]*))/y;
  let match: RegExpExecArray | null;
  while ((match = pair.exec(rest)) !== null) {
    const name = (match[1] ?? '').toLowerCase();
    if (!attributes.has(name)) attributes.set(name, match[2] ?? match[3] ?? '');
  }
  // The next scheme's own `name=value` pairs would follow a bare token; the sticky regex stops there.
  return { attributes, dialect: dialectOf(scheme, rest, attributes) };
}

function dialectOf(scheme: string, rest: string, attributes: Map<string, string>): HawkDialect {
  if (attributes.has('ntp') || (attributes.has('ts') && !attributes.has('tsm') && !rest.includes(',')))
    return 'hawknet';
  if (scheme === 'hawk' && attributes.has('tsm')) return 'thinktecture';
  if (scheme === 'Hawk' && (attributes.has('tsm') || attributes.has('error'))) return 'hapi';
  return 'unknown';
}

/** A short, single-line message from an ASP.NET or application JSON body, or from plain text. */
function bodyMessage(body: string): string {
  const text = typeof body === 'string' ? body.trim() : '';
  if (!text) return '';
  if (text.startsWith('{')) {
    try {
      const json: unknown = JSON.parse(text);
      if (json && typeof json === 'object') {
        for (const field of ['Message', 'message', 'error', 'errmsg', 'resultmsg', 'msg']) {
          const value = (json as Record<string, unknown>)[field];
          if (typeof value === 'string' && value.trim()) return shorten(value);
        }
      }
    } catch {
      // Not JSON after all: fall through to the text.
    }
  }
  return shorten(text.replace(/<[^>]*>?/g, ' '));
}

function shorten(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MESSAGE_LENGTH ? `${line.slice(0, MESSAGE_LENGTH)}…` : line;
}
