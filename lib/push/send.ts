import { translateAlert } from '../i18n/alert-words';
import type { Locale } from '../i18n/messages';
import { excerpt } from '../sources/excerpt';
import { fetchWithTimeout } from '../sources/fetch-with-timeout';
import type { PushResult } from './channel';
import type { PushMessage } from './message';
import type { Fields, HttpReply, PushService, ServiceVerdict } from './service';
import { redactedReply } from './services/redact';

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
      // A redirect would carry the body elsewhere: a service that moved must be re-entered.
      redirect: 'error',
    });
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
  const verdict = service.verdict(reply);
  // Even a success may echo what it was sent (a receiver quoting its own URL): redacted like failures,
  // and every stored secret blotted out whatever form the service echoes it in.
  const said =
    verdict.outcome === 'sent'
      ? (verdict.detail ?? redactedReply({ ...reply, body: withoutSecrets(reply.body, secrets) }))
      : verdict.detail;
  const detail = withoutSecrets(said, secrets);
  return {
    verdict,
    result: { at: now(), outcome: verdict.outcome, httpStatus: reply.status, detail: detail.slice(0, 400) },
  };
}
