import { translateAlert } from '../i18n/alert-words';
import type { Locale } from '../i18n/messages';
import { excerpt } from '../sources/excerpt';
import { fetchWithTimeout } from '../sources/fetch-with-timeout';
import type { PushResult } from './channel';
import type { PushMessage } from './message';
import type { Fields, HttpReply, PushService, ServiceVerdict } from './service';
import { redact, redactedReply } from './services/redact';

// One request to one service, and what came of it. Secrets go into the request and nowhere else:
// the result holds the service's answer, never the URL (Server酱 and Telegram carry the key in it).

/** Long enough for a slow service, short enough that a stuck one does not hold up the next alert. */
export const PUSH_TIMEOUT_MS = 10_000;

export interface SendOptions {
  /** The language of what the result says when no reply came. */
  locale?: Locale;
  fetch?: typeof fetch;
  timeoutMs?: number;
  now?: () => number;
}

export interface Sent {
  verdict: ServiceVerdict;
  /** What to show and keep: the verdict with the HTTP status and the instant it came. */
  result: PushResult;
}

/**
 * The text with every secret value blotted out: a service may echo what it was sent, and its answer
 * is kept and shown. Services blot what they echo in their own form (a key taken from a pasted URL);
 * this catches the secrets as stored.
 */
export function withoutSecrets(text: string, secrets: Fields): string {
  return Object.values(secrets)
    .map((secret) => secret.trim())
    .filter((secret) => secret.length >= 4)
    .reduce((out, secret) => out.split(secret).join('…'), text);
}

export async function sendPush(
  service: PushService,
  message: PushMessage,
  fields: Fields,
  secrets: Fields,
  options: SendOptions = {},
): Promise<Sent> {
  const request = service.request(message, fields, secrets);
  const send = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const reply = await fetchWithTimeout(async (signal): Promise<HttpReply> => {
    const response = await send(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal,
      // A service's cookies are none of its business here, and none of ours.
      credentials: 'omit',
      // A redirect would carry the body elsewhere: not followed, but answered (as an opaque redirect
      // in a browser, a 3xx elsewhere) rather than thrown, which would read as "offline" and retry.
      redirect: 'manual',
    });
    if (response.type === 'opaqueredirect') return { status: 0, body: '', retryAfter: null };
    return { status: response.status, body: await response.text(), retryAfter: response.headers.get('Retry-After') };
  }, options.timeoutMs ?? PUSH_TIMEOUT_MS);
  if ('kind' in reply) {
    const detail =
      reply.kind === 'timeout'
        ? translateAlert(options.locale ?? 'zh', 'pushTimedOut', {
            seconds: Math.round((options.timeoutMs ?? PUSH_TIMEOUT_MS) / 1000),
          })
        : excerpt(reply.detail);
    return { verdict: { outcome: 'retry', detail }, result: { at: now(), outcome: 'retry', httpStatus: null, detail } };
  }
  // A service that moved must be entered again: the message is dropped and the user told why.
  if (reply.status === 0 || (reply.status >= 300 && reply.status < 400)) {
    const detail = translateAlert(options.locale ?? 'zh', 'pushRedirected');
    const httpStatus = reply.status === 0 ? null : reply.status;
    return { verdict: { outcome: 'rejected', detail }, result: { at: now(), outcome: 'rejected', httpStatus, detail } };
  }
  // A reply may quote what it was sent (a proxy's error page, a self-hosted server's log line): the
  // stored secrets are blotted out before the service reads it, so no excerpt keeps a piece of one,
  // and whatever else looks like a token or an address is blotted out of what is kept.
  const blotted = { ...reply, body: withoutSecrets(reply.body, secrets) };
  const said = service.verdict(blotted);
  const verdict = said.outcome === 'sent' ? said : { ...said, detail: redact(said.detail) };
  const detail = verdict.detail ?? redactedReply(blotted);
  return {
    verdict,
    result: { at: now(), outcome: verdict.outcome, httpStatus: reply.status, detail: detail.slice(0, 400) },
  };
}
