// Fake push services for the end-to-end tests and the push benchmark: one server on loopback
// answering for every real host name of the services PayClock pushes to (tests/e2e/fake-push/model.ts,
// PUSH_HOSTS), routed by the Host header as the browsers reach it through the CONNECT proxy
// (tests/e2e/harness/proxy.ts), each host behaving like its service per docs/push-research/*.md.
//
// A test reads back every request and every accepted message (host, service, what it said, when),
// changes the credentials each service accepts, picks the variants where the real behaviour is not
// known, and per host makes replies slow, failing, rate-limited, refused or hanging. Over HTTPS for
// browsers; over plain HTTP (`tls: false`) for the benchmark, where the host comes in the
// `X-Fake-Push-Host` header because fetch will not send a Host header of its own choosing.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { makeCertificate } from '../harness/cert';
import { listenHttp, listenHttps, wait } from '../harness/https-server';
import { error5xxReply, http429Reply, rateLimitedReply, type PushFailure } from './failures';
import {
  copyAccounts,
  DEFAULT_ACCOUNTS,
  DEFAULT_VARIANTS,
  PUSH_HOSTS,
  text,
  type Delivered,
  type FakeAccounts,
  type FakeServiceName,
  type FakeVariants,
  type Handler,
  type Incoming,
  type Judged,
  type Reply,
} from './model';
import { bark, ntfy, pushplus, serverchan } from './phone-apps';
import { dingtalk, feishu, webhook, wecom } from './robots';
import { telegram } from './telegram';

export type { PushFailure } from './failures';
export {
  DEFAULT_ACCOUNTS,
  PUSH_HOSTS,
  SC3_UID,
  type FakeAccounts,
  type FakeServiceName,
  type FakeVariants,
} from './model';

const HANDLERS: Record<FakeServiceName, Handler> = {
  bark,
  serverchan,
  pushplus,
  ntfy,
  dingtalk,
  wecom,
  feishu,
  telegram,
  webhook,
};
export const HOST_HEADER = 'x-fake-push-host';

export interface PushRequestRecord {
  /** Arrival, by the `now` option's clock. */
  at: number;
  method: string;
  host: string;
  service: FakeServiceName | null;
  /** Path and query as sent (they may carry a token: tests look, nothing logs them). */
  path: string;
  /** Lowercased names. */
  headers: Record<string, string>;
  body: string;
  /** How the service judged it; `failed` for a scripted failure; `pending` until answered. */
  verdict: Judged['verdict'] | 'failed' | 'pending';
  /** Why it was not accepted, in the fake's words. */
  why: string;
  /** The reply's status once sent (0: not yet, hung, or cut). */
  status: number;
}

/** One message a service accepted. */
export interface DeliveredMessage extends Delivered {
  at: number;
  host: string;
  service: FakeServiceName;
  headers: Record<string, string>;
  /** PushPlus only: accepted with a `timestamp` already past, so the real service would not deliver it. */
  expired: boolean;
}

export interface FailureOptions {
  /** How many requests fail, then the failure clears itself. Default: until cleared. */
  times?: number;
}

export interface FakePush {
  port: number;
  hosts: string[];
  /** `host:443` → port for every host, ready for `startProxy`. */
  routes: Record<string, number>;
  /** What each service accepts; change freely (`reset` restores the defaults). */
  accounts: FakeAccounts;
  variants: FakeVariants;
  requests: PushRequestRecord[];
  messages: DeliveredMessage[];
  /** Accepted messages of one service, or one host. */
  messagesTo(serviceOrHost: string): DeliveredMessage[];
  /** Every reply of this host is held `ms` before it is sent. */
  setLatency(host: string, ms: number): void;
  setFailure(host: string, failure: PushFailure | null, options?: FailureOptions): void;
  inFlight(host?: string): number;
  maxInFlight(host?: string): number;
  resetInFlight(): void;
  /** Defaults again: accounts, variants, no latency or failure, nothing recorded. */
  reset(): void;
  close(): Promise<void>;
}

/** The accounts with `service`'s credential replaced by one no client can have. */
function revoked(service: FakeServiceName, accounts: FakeAccounts): FakeAccounts {
  const copy = copyAccounts(accounts);
  const gone = 'revoked-by-test';
  if (service === 'bark') copy.bark.deviceKey = gone;
  if (service === 'serverchan') copy.serverchan = { turboKey: gone, sc3Key: gone };
  if (service === 'pushplus') copy.pushplus.token = gone;
  if (service === 'ntfy') copy.ntfy.token = gone;
  if (service === 'dingtalk') copy.dingtalk.accessToken = gone;
  if (service === 'wecom') copy.wecom.key = gone;
  if (service === 'feishu') copy.feishu.token = gone;
  if (service === 'telegram') copy.telegram.token = '1:revoked';
  if (service === 'webhook') copy.webhook.secret = 'whsec_cmV2b2tlZC1ieS10ZXN0LXJldm9rZWQtYnk=';
  return copy;
}

function readBody(incoming: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    incoming.on('error', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

export async function startFakePush(options: { now?: () => number; tls?: boolean } = {}): Promise<FakePush> {
  const now = options.now ?? Date.now;
  const hosts = Object.keys(PUSH_HOSTS);
  const closing = new AbortController();
  const latency = new Map<string, number>();
  const failures = new Map<string, { failure: PushFailure; remaining: number }>();
  const current = new Map<string, number>();
  const highest = new Map<string, number>();
  const requests: PushRequestRecord[] = [];
  const messages: DeliveredMessage[] = [];

  const fake = {
    accounts: copyAccounts(DEFAULT_ACCOUNTS),
    variants: { ...DEFAULT_VARIANTS },
  };

  function takeFailure(host: string): PushFailure | null {
    const entry = failures.get(host);
    if (!entry) return null;
    entry.remaining -= 1;
    if (entry.remaining <= 0) failures.delete(host);
    return entry.failure;
  }

  /** The reply, `hang` or `reset`. */
  function answer(record: PushRequestRecord, incoming: Incoming): Reply | 'hang' | 'reset' {
    const service = record.service;
    if (service === null) {
      record.verdict = 'notFound';
      record.why = 'not a push host';
      return text('Not Found', 404);
    }
    const failure = takeFailure(record.host);
    if (failure && failure.kind !== 'refuse') {
      record.verdict = 'failed';
      record.why = failure.kind;
      if (failure.kind === 'hang' || failure.kind === 'reset') return failure.kind;
      if (failure.kind === 'rateLimited') return rateLimitedReply(service, failure.retryAfterS ?? 30, fake.variants);
      if (failure.kind === 'http429') return http429Reply(service, failure.retryAfterS ?? 30);
      if (failure.kind === 'redirect') {
        const moved = text('Moved Permanently', 301);
        moved.headers.Location = `https://${record.host}/moved${incoming.url.pathname}`;
        return moved;
      }
      return error5xxReply(service, failure.status ?? 502, now());
    }
    const accounts = failure?.kind === 'refuse' ? revoked(service, fake.accounts) : fake.accounts;
    const judged = HANDLERS[service](incoming, { accounts, variants: fake.variants, now });
    record.verdict = judged.verdict;
    if (judged.verdict === 'accepted') {
      messages.push({
        ...judged.delivered,
        at: record.at,
        host: record.host,
        service,
        headers: record.headers,
        expired: judged.expired ?? false,
      });
    } else record.why = judged.why;
    return judged.reply;
  }

  async function handle(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    const gone = AbortSignal.any([closing.signal, abortOnClose(response)]);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const named = options.tls === false ? (headers[HOST_HEADER] ?? headers.host) : headers.host;
    const host = (named ?? '').toLowerCase().replace(/:\d+$/, '');
    const path = incoming.url ?? '/';
    const record: PushRequestRecord = {
      at: now(),
      method: incoming.method ?? 'GET',
      host,
      service: PUSH_HOSTS[host] ?? null,
      path,
      headers,
      body: '',
      verdict: 'pending',
      why: '',
      status: 0,
    };
    // Recorded on arrival, so a test sees a request that hangs.
    requests.push(record);
    current.set(host, (current.get(host) ?? 0) + 1);
    highest.set(host, Math.max(highest.get(host) ?? 0, current.get(host) ?? 0));
    response.once('close', () => current.set(host, (current.get(host) ?? 1) - 1));
    try {
      record.body = await readBody(incoming);
      const url = new URL(path, `https://${host || 'unknown.invalid'}`);
      const reply = answer(record, { method: record.method, host, url, headers, body: record.body });
      const delay = latency.get(host) ?? 0;
      if (reply === 'hang') {
        await wait(24 * 60 * 60_000, gone);
        return;
      }
      if (delay > 0 && !(await wait(delay, gone))) return;
      if (response.destroyed || gone.aborted) return;
      if (reply === 'reset') {
        response.socket?.destroy();
        return;
      }
      const body = Buffer.from(reply.body, 'utf8');
      response.writeHead(reply.status, { ...reply.headers, 'Content-Length': String(body.length) });
      record.status = reply.status;
      response.end(body);
    } catch {
      response.destroy();
    }
  }

  const onRequest = (incoming: IncomingMessage, response: ServerResponse) => void handle(incoming, response);
  const listening =
    options.tls === false ? await listenHttp(onRequest) : await listenHttps(await makeCertificate(hosts), onRequest);

  return {
    port: listening.port,
    hosts,
    routes: Object.fromEntries(hosts.map((host) => [`${host}:443`, listening.port])),
    get accounts() {
      return fake.accounts;
    },
    set accounts(value) {
      fake.accounts = value;
    },
    get variants() {
      return fake.variants;
    },
    set variants(value) {
      fake.variants = value;
    },
    requests,
    messages,
    messagesTo: (which) => messages.filter((message) => message.service === which || message.host === which),
    setLatency: (host, ms) => void latency.set(host.toLowerCase(), ms),
    setFailure(host, failure, failureOptions = {}) {
      if (failure === null) failures.delete(host.toLowerCase());
      else failures.set(host.toLowerCase(), { failure, remaining: failureOptions.times ?? Infinity });
    },
    inFlight: (host) =>
      host === undefined ? [...current.values()].reduce((a, b) => a + b, 0) : (current.get(host) ?? 0),
    maxInFlight: (host) => (host === undefined ? Math.max(0, ...highest.values()) : (highest.get(host) ?? 0)),
    resetInFlight() {
      highest.clear();
      for (const [host, count] of current) highest.set(host, count);
    },
    reset() {
      fake.accounts = copyAccounts(DEFAULT_ACCOUNTS);
      fake.variants = { ...DEFAULT_VARIANTS };
      latency.clear();
      failures.clear();
      requests.length = 0;
      messages.length = 0;
    },
    close: async () => {
      closing.abort();
      await listening.close();
    },
  };
}

/** Aborts when the response's connection closes before the response was sent. */
function abortOnClose(response: ServerResponse): AbortSignal {
  const controller = new AbortController();
  response.once('close', () => {
    if (!response.writableFinished) controller.abort();
  });
  return controller.signal;
}
