import type { FieldProblem, PushService } from '../service';
import { checkUrl, isProblem, transientVerdict } from './common';
import { redactedReply } from './redact';
import { webhookId, webhookKey, webhookSignature } from './standard-webhooks';
import { webhookBody } from './webhook-body';

// A generic webhook: any https URL the user runs (Home Assistant, n8n, a small script) gets a
// versioned JSON body, signed the Standard Webhooks way when a secret is set. The contract for
// receivers: docs/webhook.md. Status codes as the spec's delivery rules read them:
// https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
// Research: docs/push-research/2-…md §4.

/** The receiver refused us, or is gone: every message would meet the same answer. */
const REFUSED = new Set([401, 403, 404, 410]);
const HINT_MAX = 20;

/** "hooks.example.com/…": where it goes, never the path or query (either may carry a token). */
function hostHint(host: string): string {
  const hint = `${host}/…`;
  return hint.length <= HINT_MAX ? hint : `…${hint.slice(hint.length - HINT_MAX + 1)}`;
}

function checkSecret(raw: string | undefined): FieldProblem | null {
  const value = (raw ?? '').trim();
  return value === '' || webhookKey(value) !== null ? null : { field: 'signSecret', problem: 'invalid' };
}

export const webhook: PushService = {
  id: 'webhook',
  docs: ['https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md'],
  fields: [
    // The whole URL is secret: a path or query often is the receiver's only password.
    { name: 'url', secret: true, required: true, kind: 'url' },
    { name: 'signSecret', secret: true, required: false, kind: 'text' },
  ],
  check(_fields, secrets) {
    const checked = checkUrl('url', secrets.url ?? '');
    const secretProblem = checkSecret(secrets.signSecret);
    if (isProblem(checked)) return secretProblem ? [checked, secretProblem] : [checked];
    if (secretProblem) return [secretProblem];
    return { originPatterns: [checked.originPattern], secretHint: hostHint(checked.url.hostname) };
  },
  // No limit but the receiver's; long enough that 50 reminders due together go in a few requests.
  maxBodyChars: 4000,
  request(message, _fields, secrets) {
    // Serialized once: the bytes signed are the bytes sent.
    const body = JSON.stringify(webhookBody(message));
    const id = webhookId(message);
    // The attempt's instant: a retry carries a new sentAt, as the spec's timestamp does.
    const timestamp = Math.floor(message.sentAt / 1000);
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
    };
    const key = webhookKey(secrets.signSecret ?? '');
    if (key !== null) headers['webhook-signature'] = webhookSignature(key, id, timestamp, body);
    return { url: (secrets.url ?? '').trim(), method: 'POST', headers, body };
  },
  verdict(reply) {
    if (reply.status >= 200 && reply.status < 300) return { outcome: 'sent' };
    const transient = transientVerdict(reply);
    if (transient) return transient;
    // The receiver's own page may quote the request's path, token and all: redacted.
    const detail = redactedReply(reply);
    if (REFUSED.has(reply.status)) return { outcome: 'refused', detail };
    return { outcome: 'rejected', detail };
  },
};
