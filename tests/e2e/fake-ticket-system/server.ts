// A fake 游宝星电子门票系统 (scenic-area ticket system) for the end-to-end tests: one HTTPS server on
// loopback answering for one or more venue host names (routed by the Host header, as the browsers
// reach it through the CONNECT proxy in tests/e2e/harness/proxy.ts). Each venue runs the same
// ASP.NET Web API: the V5 order main-record query and the V3 single-order view, both also under the
// `api/WebInterface/` prefix some instances use, each behind a Hawk check made by @hapi/hawk itself.
// A test adds accounts and their orders, moves the venue's clock, picks how its 401s are worded,
// slows or breaks its replies, and reads back every request and how many were in flight at once.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { makeCertificate } from '../harness/cert';
import { challengeFor, checkHawk, venueKey, type AuthResult, type Dialect, type HawkCredentials } from './hawk';
import {
  afterAuth,
  failureReply,
  INVALID_REQUEST,
  json,
  noRoute,
  v3Body,
  v5Body,
  type Failure,
  type FakeOrder,
  type Reply,
} from './replies';
import { listenHttps, wait } from '../harness/https-server';

export type { AuthResult, Dialect } from './hawk';
export type { Failure, FakeOrder } from './replies';

export const VENUE_A_HOST = 'tickets.venue-a.test';
export const VENUE_B_HOST = 'piao.venue-b.test';
export const DEFAULT_VENUE_HOSTS = [VENUE_A_HOST, VENUE_B_HOST];

/** The documented paths (`standard`) and the same under `api/WebInterface/` (`webInterface`). */
export type RouteSet = 'standard' | 'webInterface';
export type Query = 'v5' | 'v3';

export const V5_PATH = (orderid: string, personalid = '0') =>
  `/api/Order/Query/Main/${encodeURIComponent(orderid)}?personalid=${encodeURIComponent(personalid)}`;
export const V3_PATH = (username: string, orderid: string) =>
  `/api/V3Reserve/Order/Query/Single/RetOrderQueryview/${encodeURIComponent(username)}/${encodeURIComponent(orderid)}`;
export const WEB_INTERFACE_V5_PATH = (orderid: string, personalid = '0') =>
  V5_PATH(orderid, personalid).replace('/api/', '/api/WebInterface/');
export const WEB_INTERFACE_V3_PATH = (username: string, orderid: string) =>
  V3_PATH(username, orderid).replace('/api/', '/api/WebInterface/');

// Web API matches route templates without regard to case.
const V5_ROUTE = /^\/api\/(webinterface\/)?order\/query\/main\/([^/]+)\/?$/i;
const V3_ROUTE = /^\/api\/(webinterface\/)?v3reserve\/order\/query\/single\/retorderqueryview\/([^/]+)\/([^/]+)\/?$/i;

export interface FakeAccount {
  username: string;
  /** The Hawk id the account signs with. Default the username. */
  hawkId?: string;
  /** The KEY the venue issued; the Hawk key is `key + UPPER(MD5(password))`. */
  key: string;
  password: string;
  /** A personal member's id; V5 answers a non-zero `personalid` only when it is this. */
  personalId?: string;
  /** The venues (host names) that know the account. Default every host. */
  hosts?: string[];
}

export interface RecordedRequest {
  /** When it arrived, by the `now` option's clock (not skewed). */
  at: number;
  method: string;
  /** The Host header without a port, lowercased. */
  host: string;
  /** Path and query as sent. */
  path: string;
  /** Lowercased names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** What the Hawk check made of it (`skipped` for preflights and unserved paths). */
  auth: AuthResult;
  /** The Hawk id the Authorization header named, if it could be read. */
  hawkId?: string;
  /** Which documented query the path is, and under which prefix; null for anything else. */
  query: Query | null;
  routeSet: RouteSet | null;
  /** The reply's status once it was sent (0: not yet, or the connection was cut). */
  status: number;
}

/** What the venue answers for an order that does not exist or is not the caller's. */
export type UnknownOrderReply =
  | 'null' // 200 `null`: what Web API writes for a null result (the default)
  | 'noContent' // 204, no body
  | 'message' // 200 `{"Message":"订单不存在"}`
  | 'notFound'; // 404 `{"Message":"订单不存在"}`

export interface FailureOptions {
  /** How many replies fail, then the failure clears itself. Default: every reply until cleared. */
  times?: number;
  /** Only this venue fails. Default every venue. */
  host?: string;
}

export interface FakeTicketSystem {
  port: number;
  hosts: string[];
  /** The proxy routes for every venue host (`host:443` → port), ready for `startProxy`. */
  routes: Record<string, number>;
  addAccount(account: FakeAccount): void;
  /** Creates or replaces the order (by `orderid`) of every account with this username. */
  setOrder(username: string, order: FakeOrder): void;
  removeOrder(username: string, orderid: string): void;
  /** The venue's clock = the `now` option's + `ms`; Hawk allows ±60 s; `Date` headers follow it. */
  setClockSkew(ms: number): void;
  /** How a 401 for a stale timestamp is worded. Default `hapi`. */
  setDialect(dialect: Dialect): void;
  /** Every reply is held this long before it is sent. */
  setLatency(ms: number): void;
  /** Scripts a failure for the order queries (null clears it). */
  setFailure(failure: Failure | null, options?: FailureOptions): void;
  setUnknownOrderReply(reply: UnknownOrderReply): void;
  /** Which path families a venue serves (default both); the others get ASP.NET's 404. */
  setRouteSets(host: string, sets: RouteSet[]): void;
  requests: RecordedRequest[];
  /** The requests for either order query (optionally of one venue). */
  orderQueries(host?: string): RecordedRequest[];
  /** Requests in flight right now, for one venue or all of them. */
  inFlight(host?: string): number;
  /** The most requests in flight at once for one venue, or the largest such number of any venue. */
  maxInFlight(host?: string): number;
  /** Starts counting `maxInFlight` afresh from what is in flight now. */
  resetInFlight(): void;
  close(): Promise<void>;
}

const IIS_HEADERS = {
  'Cache-Control': 'no-cache',
  Pragma: 'no-cache',
  Expires: '-1',
  Server: 'Microsoft-IIS/10.0',
  'X-AspNet-Version': '4.0.30319',
  'X-Powered-By': 'ASP.NET',
};

const NOT_FOUND_MESSAGE = JSON.stringify({ Message: '订单不存在' });

/** Aborts when the response's connection closes before the response was sent. */
function abortOnClose(response: ServerResponse): AbortSignal {
  const controller = new AbortController();
  response.once('close', () => {
    if (!response.writableFinished) controller.abort();
  });
  return controller.signal;
}

function drain(request: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    request.on('data', () => {});
    request.on('end', resolve);
    request.on('error', () => resolve());
  });
}

const decode = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

interface Account extends FakeAccount {
  credentials: HawkCredentials;
  orders: Map<string, FakeOrder>;
}

export async function startFakeTicketSystem(
  options: { hosts?: string[]; now?: () => number } = {},
): Promise<FakeTicketSystem> {
  const now = options.now ?? Date.now;
  const hosts = (options.hosts ?? DEFAULT_VENUE_HOSTS).map((host) => host.toLowerCase());
  const { key, cert } = await makeCertificate(hosts);
  const accounts: Account[] = [];
  const requests: RecordedRequest[] = [];
  const closing = new AbortController();
  const routeSets = new Map<string, RouteSet[]>();
  const current = new Map<string, number>();
  const highest = new Map<string, number>();
  // Nonces seen, by key, nonce and ts, until they are too old to pass the timestamp check anyway.
  const nonces = new Map<string, number>();
  let skew = 0;
  let dialect: Dialect = 'hapi';
  let latency = 0;
  let failure: { failure: Failure; remaining: number; host?: string } | null = null;
  let unknownOrder: UnknownOrderReply = 'null';

  const serverNow = () => now() + skew;

  const accountFor = (id: string, host: string) =>
    accounts.find((a) => a.credentials.id === id && (!a.hosts || a.hosts.includes(host))) ?? null;

  function seenNonce(hawkKey: string, nonce: string, ts: string): boolean {
    const realNow = Date.now();
    for (const [entry, until] of nonces) if (until < realNow) nonces.delete(entry);
    const entry = `${hawkKey}\n${nonce}\n${ts}`;
    if (nonces.has(entry)) return true;
    nonces.set(entry, realNow + 5 * 60_000);
    return false;
  }

  /** The failure that applies to this reply, if any (and counts it down). */
  function takeFailure(host: string, stage: 'beforeAuth' | 'afterAuth'): Failure | null {
    if (!failure || (failure.host && failure.host !== host)) return null;
    if (afterAuth(failure.failure) !== (stage === 'afterAuth')) return null;
    const taken = failure.failure;
    failure.remaining -= 1;
    if (failure.remaining <= 0) failure = null;
    return taken;
  }

  function unknownOrderReply(): Reply {
    switch (unknownOrder) {
      case 'null':
        return json('null');
      case 'noContent':
        return { status: 204, headers: {}, body: '' };
      case 'message':
        return json(NOT_FOUND_MESSAGE);
      case 'notFound':
        return json(NOT_FOUND_MESSAGE, 404);
    }
  }

  /** The reply, or `reset` to cut the connection. */
  async function route(
    request: RecordedRequest,
    authorization: string | undefined,
    port: number,
  ): Promise<Reply | 'reset'> {
    const url = new URL(request.path, `https://${request.host}`);
    const absolute = `https://${request.host}${request.path}`;
    if (!hosts.includes(request.host)) return noRoute(absolute);

    if (request.method === 'OPTIONS') {
      // A CORS preflight: allowed, in case a browser sends one (extension pages with the host
      // permission do not need CORS; the real replies carry no CORS headers).
      return {
        status: 200,
        headers: {
          'Access-Control-Allow-Origin': request.headers.origin ?? '*',
          'Access-Control-Allow-Methods': 'GET, OPTIONS',
          'Access-Control-Allow-Headers': request.headers['access-control-request-headers'] ?? 'Authorization',
          'Access-Control-Max-Age': '600',
        },
        body: '',
      };
    }

    const v5 = V5_ROUTE.exec(url.pathname);
    const v3 = v5 ? null : V3_ROUTE.exec(url.pathname);
    const match = v5 ?? v3;
    const routeSet: RouteSet | null = match ? (match[1] ? 'webInterface' : 'standard') : null;
    const served = routeSets.get(request.host) ?? ['standard', 'webInterface'];
    if (!match || !routeSet || !served.includes(routeSet)) return noRoute(absolute);
    request.query = v5 ? 'v5' : 'v3';
    request.routeSet = routeSet;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return json(
        JSON.stringify({ Message: `The requested resource does not support http method '${request.method}'.` }),
        405,
      );
    }

    const infrastructure = takeFailure(request.host, 'beforeAuth');
    if (infrastructure) return infrastructure.kind === 'reset' ? 'reset' : failureReply(infrastructure);

    // The client signs the host lowercased and port 443 (the browser connects to host:443 through
    // the proxy, and the Host header names no port), so that is what the MAC is checked against.
    const outcome = await checkHawk(
      { method: request.method, url: request.path, host: request.host, port, authorization },
      (id) => accountFor(id, request.host)?.credentials ?? null,
      serverNow() - Date.now(),
      seenNonce,
    );
    request.auth = outcome.result;
    if (outcome.id !== undefined) request.hawkId = outcome.id;
    if (outcome.result !== 'ok') {
      const challenge = challengeFor(outcome, dialect, Math.floor(serverNow() / 1000));
      return {
        status: challenge.status,
        headers: { 'Content-Type': challenge.contentType, 'WWW-Authenticate': challenge.wwwAuthenticate },
        body: challenge.body,
      };
    }

    const controller = takeFailure(request.host, 'afterAuth');
    if (controller) return controller.kind === 'reset' ? 'reset' : failureReply(controller);

    const account = accountFor(outcome.id ?? '', request.host);
    if (!account) return unknownOrderReply();
    if (v5) {
      const personalid = url.searchParams.get('personalid') ?? '0';
      if (!/^-?\d+$/.test(personalid)) return INVALID_REQUEST;
      if (Number(personalid) !== 0 && personalid !== account.personalId) return unknownOrderReply();
      const order = account.orders.get(decode(v5[2] ?? ''));
      return order ? json(v5Body(order)) : unknownOrderReply();
    }
    // V3 names the agent in the path: another agent's name gets nothing.
    if (decode(v3?.[2] ?? '').toLowerCase() !== account.username.toLowerCase()) return unknownOrderReply();
    const order = account.orders.get(decode(v3?.[3] ?? ''));
    return order ? json(v3Body(order)) : unknownOrderReply();
  }

  async function handle(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    // The Date header is ours, so the skew applies to every reply, 401s and 404s included.
    response.sendDate = false;
    const gone = AbortSignal.any([closing.signal, abortOnClose(response)]);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const hostHeader = (headers.host ?? '').toLowerCase();
    const portMatch = /:(\d+)$/.exec(hostHeader);
    const request: RecordedRequest = {
      at: now(),
      method: incoming.method ?? 'GET',
      host: hostHeader.replace(/:\d+$/, ''),
      path: incoming.url ?? '/',
      headers,
      auth: 'skipped',
      query: null,
      routeSet: null,
      status: 0,
    };
    // Recorded on arrival so a test sees a slow query while it is still pending.
    requests.push(request);
    const host = request.host;
    current.set(host, (current.get(host) ?? 0) + 1);
    highest.set(host, Math.max(highest.get(host) ?? 0, current.get(host) ?? 0));
    response.once('close', () => current.set(host, (current.get(host) ?? 1) - 1));
    try {
      await drain(incoming);
      const reply = await route(request, headers.authorization, portMatch ? Number(portMatch[1]) : 443);
      if (latency > 0 && !(await wait(latency, gone))) return;
      if (response.destroyed || gone.aborted) return;
      if (reply === 'reset') {
        response.socket?.destroy();
        return;
      }
      const body = Buffer.from(reply.body, 'utf8');
      response.writeHead(reply.status, {
        ...IIS_HEADERS,
        ...reply.headers,
        Date: new Date(serverNow()).toUTCString(),
        'Content-Length': String(body.length),
      });
      request.status = reply.status;
      response.end(body);
    } catch {
      // The client went away mid-request: nothing to answer.
      response.destroy();
    }
  }

  const listening = await listenHttps({ key, cert }, (incoming, response) => void handle(incoming, response));
  const { port } = listening;

  const accountsNamed = (username: string) => accounts.filter((a) => a.username === username);

  return {
    port,
    hosts,
    routes: Object.fromEntries(hosts.map((host) => [`${host}:443`, port])),
    addAccount(account) {
      accounts.push({
        ...account,
        ...(account.hosts ? { hosts: account.hosts.map((h) => h.toLowerCase()) } : {}),
        credentials: {
          id: account.hawkId ?? account.username,
          key: venueKey(account.key, account.password),
          algorithm: 'sha256',
        },
        orders: new Map(),
      });
    },
    setOrder(username, order) {
      const named = accountsNamed(username);
      if (named.length === 0) throw new Error(`no account ${username}: addAccount first`);
      for (const account of named) account.orders.set(order.orderid, order);
    },
    removeOrder(username, orderid) {
      for (const account of accountsNamed(username)) account.orders.delete(orderid);
    },
    setClockSkew: (ms) => {
      skew = ms;
    },
    setDialect: (next) => {
      dialect = next;
    },
    setLatency: (ms) => {
      latency = ms;
    },
    setFailure(next, failureOptions = {}) {
      failure =
        next === null
          ? null
          : {
              failure: next,
              remaining: failureOptions.times ?? Infinity,
              ...(failureOptions.host ? { host: failureOptions.host.toLowerCase() } : {}),
            };
    },
    setUnknownOrderReply: (reply) => {
      unknownOrder = reply;
    },
    setRouteSets: (host, sets) => {
      routeSets.set(host.toLowerCase(), sets);
    },
    requests,
    orderQueries: (host) => requests.filter((r) => r.query !== null && (host === undefined || r.host === host)),
    inFlight: (host) =>
      host === undefined ? [...current.values()].reduce((a, b) => a + b, 0) : (current.get(host) ?? 0),
    maxInFlight: (host) => (host === undefined ? Math.max(0, ...highest.values()) : (highest.get(host) ?? 0)),
    resetInFlight() {
      highest.clear();
      for (const [host, count] of current) highest.set(host, count);
    },
    close: () =>
      new Promise<void>((resolve) => {
        closing.abort();
        void listening.close().then(resolve);
      }),
  };
}
