import type { FieldProblem, HttpReply, ServiceVerdict } from '../service';
import { excerpt } from '../../sources/excerpt';
import { redactedReply } from './redact';

// What the services share: checking a URL the user typed, the secret's hint, and the verdicts every
// HTTP service gives alike (5xx and 429 are "try later", whatever the service).

export const MAX_RETRY_AFTER_MS = 60 * 60_000;

/** `Retry-After` in seconds or as an HTTP date, in ms from `now`; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  return Number.isFinite(ms) ? Math.min(Math.max(0, ms), MAX_RETRY_AFTER_MS) : null;
}

/**
 * Timeouts' and overloads' verdict, before any body is read; null when the status says neither. A
 * gateway's or a receiver's error page may quote the request's path, token and all: redacted.
 */
export function transientVerdict(reply: HttpReply): ServiceVerdict | null {
  if (reply.status !== 429 && reply.status < 500) return null;
  const wait = retryAfterMs(reply.retryAfter);
  return {
    outcome: 'retry',
    detail: redactedReply(reply),
    ...(wait === null ? {} : { retryAfterMs: wait }),
  };
}

/** "HTTP 502: Bad gateway": what the service answered, short, as plain text. */
export const describeReply = (reply: HttpReply): string => excerpt(reply.body, `HTTP ${reply.status}: `);

/** The reply's JSON object, or null when it is not one. */
export function jsonBody(reply: HttpReply): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(reply.body);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** "…3f9a": enough to tell two secrets apart, never enough to use one. */
export function secretHint(secret: string): string {
  const trimmed = secret.trim();
  return trimmed.length < 8 ? '…' : `…${trimmed.slice(-4)}`;
}

/**
 * A URL the user typed: https only (a key in a URL would otherwise cross the network readable), no
 * user name or password in it, and on one of `hosts` when the service has fixed ones.
 */
export function checkUrl(
  field: string,
  raw: string,
  hosts?: readonly (string | RegExp)[],
): { url: URL; originPattern: string } | FieldProblem {
  const value = raw.trim();
  if (value === '' || value === 'https://') return { field, problem: 'missing' };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { field, problem: 'invalid' };
  }
  if (url.protocol !== 'https:') return { field, problem: url.protocol === 'http:' ? 'notHttps' : 'invalid' };
  if (url.username || url.password || !url.hostname) return { field, problem: 'invalid' };
  if (hosts && !hosts.some((host) => (typeof host === 'string' ? url.hostname === host : host.test(url.hostname)))) {
    return { field, problem: 'wrongHost' };
  }
  return { url, originPattern: `https://${url.hostname}/*` };
}

export const isProblem = (value: object): value is FieldProblem => 'problem' in value;

/** A required field that must be present (after trimming). */
export const required = (field: string, value: string | undefined): FieldProblem | null =>
  (value ?? '').trim() === '' ? { field, problem: 'missing' } : null;
