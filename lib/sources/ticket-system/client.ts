import { learnClock, sampleFromDateHeader, type Clock, type ClockSample } from '../../time/clock';
import { fetchWithTimeout } from '../fetch-with-timeout';
import { hawkIdOf, orderUrl, UnsafeOrderUrlError, type Account } from './account';
import { classifyTicketReply, isNoRoute, type TicketHttpResult, type TicketOutcome } from './classify';
import { hawkHeader, hawkTimestamp, HawkSigningError } from './hawk';
import { parseHawkChallenge } from './hawk-challenge';

export const TICKET_QUERY_TIMEOUT_MS = 20_000;

/** What asking a venue about one order came to, once the Hawk handshake is dealt with. */
export type TicketQueryOutcome =
  | Exclude<TicketOutcome, { kind: 'unauthorized' }>
  /** The venue refused our signature: wrong KEY, password or Hawk id. Retrying cannot help. */
  | { kind: 'badCredentials'; detail: string }
  /** Still "stale timestamp" after correcting the clock and retrying once. */
  | { kind: 'clockSkew'; detail: string }
  /** The path template names a resource this venue does not serve. */
  | { kind: 'noRoute'; detail: string }
  /** The filled-in template leaves the venue's base URL: nothing was signed or sent. */
  | { kind: 'unsafePath'; detail: string };

export interface TicketQueryResult {
  outcome: TicketQueryOutcome;
  /** The venue's clock as learnt during the query (from `Date` headers and Hawk challenges). */
  clock: Clock;
  /** Requests actually sent: 2 when a stale timestamp was corrected. */
  requests: number;
}

export interface TicketQueryOptions {
  fetch?: typeof fetch;
  now?: () => number;
  timeoutMs?: number;
}

interface Sent {
  http: TicketHttpResult;
  sentAt: number;
  receivedAt: number;
  ts: number;
}

async function send(
  account: Account,
  key: string,
  url: string,
  clock: Clock,
  options: TicketQueryOptions,
): Promise<Sent> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const now = options.now ?? Date.now;
  const sentAt = now();
  const ts = hawkTimestamp(clock, sentAt);
  const authorization = hawkHeader({ id: hawkIdOf(account), key, method: 'GET', url, ts });
  const http = await fetchWithTimeout(async (signal): Promise<TicketHttpResult> => {
    const response = await doFetch(url, {
      method: 'GET',
      headers: { Authorization: authorization, Accept: 'application/json' },
      // The account is the Hawk key alone: no venue cookies ride along, none are set.
      credentials: 'omit',
      cache: 'no-store',
      // A redirect would drop or, worse, carry the signature elsewhere: a redirect is an answer.
      redirect: 'manual',
      signal,
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    return {
      kind: 'reply',
      status: response.status,
      contentType: headers['content-type'] ?? '',
      headers,
      body: await response.text(),
    };
  }, options.timeoutMs ?? TICKET_QUERY_TIMEOUT_MS);
  return { http, sentAt, receivedAt: now(), ts };
}

function learnFromDate(clock: Clock, sent: Sent): Clock {
  if (sent.http.kind !== 'reply') return clock;
  const sample = sampleFromDateHeader(sent.http.headers.date, sent.sentAt, sent.receivedAt);
  return sample ? learnClock(clock, sample) : clock;
}

const learnAll = (clock: Clock, samples: readonly ClockSample[]) => samples.reduce(learnClock, clock);

/**
 * Asks the venue about one order, signed with the account's Hawk key on the venue's learnt clock.
 * A 401 saying our timestamp is stale (in any of the three dialects) corrects the clock and retries
 * once; a 401 about the key is final. The key is never put into a result, an error or a log.
 */
export async function queryTicketOrder(
  account: Account,
  key: string,
  orderId: string,
  clock: Clock,
  options: TicketQueryOptions = {},
): Promise<TicketQueryResult> {
  let url: string;
  try {
    url = orderUrl(account, orderId);
  } catch (error) {
    // Checked here again, not only in the form: a stored account may predate the form's check.
    if (error instanceof UnsafeOrderUrlError)
      return { outcome: { kind: 'unsafePath', detail: error.message }, clock, requests: 0 };
    return { outcome: { kind: 'noRoute', detail: 'invalid URL' }, clock, requests: 0 };
  }
  let learnt = clock;
  for (let attempt = 1; ; attempt += 1) {
    let sent: Sent;
    try {
      sent = await send(account, key, url, learnt, options);
    } catch (error) {
      // Only signing can throw here (an id with characters Hawk cannot carry): the account is unusable.
      if (error instanceof HawkSigningError)
        return { outcome: { kind: 'badCredentials', detail: error.message }, clock: learnt, requests: attempt - 1 };
      throw error;
    }
    learnt = learnFromDate(learnt, sent);
    const outcome = classifyTicketReply(sent.http, {
      flavour: account.flavour,
      orderId,
      venueUrl: account.baseUrl,
      accountId: account.id,
    });
    if (outcome.kind !== 'unauthorized') {
      const final: TicketQueryOutcome =
        isNoRoute(outcome) && outcome.kind === 'venueError' ? { kind: 'noRoute', detail: outcome.message } : outcome;
      return { outcome: final, clock: learnt, requests: attempt };
    }
    const challenge = parseHawkChallenge(
      {
        status: 401,
        headers: outcome.headers,
        body: outcome.body,
        sentAt: sent.sentAt,
        receivedAt: sent.receivedAt,
        requestTs: sent.ts,
      },
      key,
    );
    if (challenge.kind === 'badCredentials')
      return { outcome: { kind: 'badCredentials', detail: challenge.message }, clock: learnt, requests: attempt };
    if (challenge.kind === 'other')
      return {
        outcome: { kind: 'venueError', status: 401, message: challenge.message },
        clock: learnt,
        requests: attempt,
      };
    learnt = learnAll(learnt, challenge.clockSamples);
    if (attempt >= 2 || challenge.clockSamples.length === 0) {
      return {
        outcome: {
          kind: 'clockSkew',
          detail: challenge.serverTs === null ? 'no server time' : `server ts ${challenge.serverTs}`,
        },
        clock: learnt,
        requests: attempt,
      };
    }
  }
}
