// The fake venue's Hawk check: @hapi/hawk's own server side (the reference implementation), and the
// three ways real servers word a 401 (shared/api-notes.md, "Clock skew").

import { createHash, createHmac } from 'node:crypto';
import { createRequire } from 'node:module';

// @hapi/hawk ships no types; this is the little of it the fake and its tests use.
export interface HawkCredentials {
  id: string;
  key: string;
  algorithm: 'sha256';
}

export interface HawkRequest {
  method: string;
  url: string;
  host: string;
  port: number;
  authorization?: string;
}

interface HawkError extends Error {
  isBoom?: boolean;
  output?: { statusCode: number; headers: Record<string, string> };
  credentials?: HawkCredentials;
}

interface HapiHawk {
  server: {
    authenticate(
      request: HawkRequest,
      credentialsFunc: (id: string) => Promise<HawkCredentials | null>,
      options: {
        localtimeOffsetMsec?: number;
        timestampSkewSec?: number;
        nonceFunc?: (key: string, nonce: string, ts: string) => Promise<void>;
      },
    ): Promise<{ credentials: HawkCredentials; artifacts: Record<string, unknown> }>;
  };
  client: {
    header(
      uri: string,
      method: string,
      options: {
        credentials: HawkCredentials;
        timestamp?: number;
        nonce?: string;
        ext?: string;
        localtimeOffsetMsec?: number;
      },
    ): { header: string; artifacts: Record<string, unknown> };
  };
}

export const hapiHawk = createRequire(import.meta.url)('@hapi/hawk') as HapiHawk;

/** The venue's Hawk key: `KEY + UPPER(hex MD5(utf8 password))`. */
export const venueKey = (key: string, password: string) =>
  key + createHash('md5').update(password, 'utf8').digest('hex').toUpperCase();

/** `tsm`, as @hapi/hawk computes it: base64 HMAC-SHA256 over `hawk.1.ts\n{ts}\n`. */
export const timestampMac = (key: string, ts: number) =>
  createHmac('sha256', key).update(`hawk.1.ts\n${ts}\n`, 'utf8').digest('base64');

/** Which server library the venue runs, as far as its stale-timestamp 401 shows. */
export type Dialect = 'hapi' | 'thinktecture' | 'hawknet';

/**
 * What the check made of a request:
 * - `ok`: signed with a known id and its key, a fresh timestamp and a new nonce;
 * - `stale`: signed correctly but the timestamp is over 60 s off the server's clock;
 * - `badMac`: a known id but not its key (or not what was sent: method, path, host, port);
 * - `unknownId`: no account has that Hawk id;
 * - `replay`: a nonce already seen with that key and timestamp;
 * - `badHeader`: an Authorization header that is not Hawk or lacks id, ts, nonce or mac;
 * - `missing`: no Authorization header;
 * - `skipped`: not checked (a preflight, or a path the venue does not serve).
 */
export type AuthResult = 'ok' | 'stale' | 'badMac' | 'unknownId' | 'replay' | 'badHeader' | 'missing' | 'skipped';

export interface AuthOutcome {
  result: AuthResult;
  /** The Hawk id the request named, when it could be read. */
  id?: string;
  /** The matching credentials (known id), whatever the result. */
  credentials?: HawkCredentials;
}

/** Runs @hapi/hawk's check and names the outcome. `offsetMs` moves the server's clock. */
export async function checkHawk(
  request: HawkRequest,
  lookup: (id: string) => HawkCredentials | null,
  offsetMs: number,
  seenNonce: (key: string, nonce: string, ts: string) => boolean,
): Promise<AuthOutcome> {
  if (!request.authorization) return { result: 'missing' };
  const id = /\bid="([^"]*)"/.exec(request.authorization)?.[1];
  try {
    const { credentials } = await hapiHawk.server.authenticate(request, async (name) => lookup(name), {
      localtimeOffsetMsec: offsetMs,
      timestampSkewSec: 60,
      nonceFunc: async (key, nonce, ts) => {
        if (seenNonce(key, nonce, ts)) throw new Error('replay');
      },
    });
    return { result: 'ok', id, credentials };
  } catch (error) {
    const message = (error as HawkError).message;
    const credentials = id === undefined ? undefined : (lookup(id) ?? undefined);
    const result: AuthResult =
      message === 'Stale timestamp'
        ? 'stale'
        : message === 'Bad mac'
          ? 'badMac'
          : message === 'Unknown credentials'
            ? 'unknownId'
            : message === 'Invalid nonce'
              ? 'replay'
              : 'badHeader';
    return { result, id, credentials };
  }
}

/** ASP.NET's body for a 401 from its authorization filter. */
export const DENIED_JSON = JSON.stringify({ Message: 'Authorization has been denied for this request.' });

export interface Challenge {
  status: number;
  wwwAuthenticate: string;
  contentType: string;
  body: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * The 401 for a failed check, in the venue's dialect. `serverTs` is the server's clock in seconds
 * and `key` the key of the id the request named (for `tsm`).
 */
export function challengeFor(outcome: AuthOutcome, dialect: Dialect, serverTs: number): Challenge {
  const denied = (wwwAuthenticate: string): Challenge => ({
    status: 401,
    wwwAuthenticate,
    contentType: JSON_TYPE,
    body: DENIED_JSON,
  });
  switch (outcome.result) {
    case 'stale': {
      const tsm = timestampMac(outcome.credentials?.key ?? '', serverTs);
      if (dialect === 'thinktecture') return denied(`hawk ts="${serverTs}",tsm="${tsm}"`);
      if (dialect === 'hawknet')
        return {
          status: 401,
          wwwAuthenticate: `Hawk ts="${serverTs}" ntp="pool.ntp.org"`,
          contentType: 'text/plain; charset=utf-8',
          body: 'Stale timestamp',
        };
      return denied(`Hawk ts="${serverTs}", tsm="${tsm}", error="Stale timestamp"`);
    }
    case 'badMac':
      return denied('Hawk error="Bad mac"');
    case 'unknownId':
      return denied('Hawk error="Unknown credentials"');
    case 'replay':
      return denied('Hawk error="Invalid nonce"');
    case 'missing':
      return denied('Hawk');
    default:
      // hapi answers a malformed header with a 400; Web API's filters deny it like any other.
      return denied('Hawk error="Bad header format"');
  }
}
