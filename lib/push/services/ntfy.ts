import type { FieldProblem, Fields, PushService } from '../service';
import { describeReply, isProblem, jsonBody, secretHint, transientVerdict } from './common';
import { checkBase, clip, isWebUrl, segmentAfterBase } from './message-text';

// ntfy, on ntfy.sh or a self-hosted server.
// https://docs.ntfy.sh/publish/#publish-as-json: "To publish as JSON, you must PUT/POST to the ntfy
// root URL, not to the topic URL", {topic, message, title, tags, priority, click, …}. JSON, not the
// header form, because fetch refuses header values outside ISO-8859-1 and titles are Chinese.
// https://docs.ntfy.sh/publish/#access-tokens: `Authorization: Bearer tk_…`.
// https://docs.ntfy.sh/publish/#limitations: 4,096 bytes a message ("longer messages are treated as
// attachments"), 250 messages a day on ntfy.sh. Errors are {code, http, error, link} (server/errors.go).
// Research and sources: docs/push-research/1-…md §4.

export const NTFY_SERVER = 'https://ntfy.sh';
/** ntfy's own topic rule (server.go `topicRegex`). */
const TOPIC = /^[-_A-Za-z0-9]{1,64}$/;
/** RFC 6750's token characters: safe in a header, whatever the server's token format. */
const TOKEN = /^[\w.~+/=-]{8,200}$/;
/** 4,096 bytes; a Chinese character is 3 of them. */
const MAX_BODY = 1300;
/** 42908 "daily message quota reached", 42909 "too many auth failures": not over in minutes. */
export const NTFY_QUOTA_RETRY_MS = 60 * 60_000;

/** The topic, or the topic in a pasted topic URL ("https://ntfy.sh/mytopic"). */
export function ntfyTopic(raw: string, base: string | null): string | null | 'wrongHost' {
  const value = raw.trim();
  if (TOPIC.test(value)) return value;
  const segment = segmentAfterBase(value, base);
  if (segment === 'wrongHost') return segment;
  return segment !== null && TOPIC.test(segment) ? segment : null;
}

function read(fields: Fields, secrets: Fields) {
  const problems: FieldProblem[] = [];
  const checked = checkBase('baseUrl', fields.baseUrl ?? '', NTFY_SERVER);
  if (isProblem(checked)) problems.push(checked);
  const base = isProblem(checked) ? null : checked;
  const rawTopic = secrets.topic ?? '';
  const topic = ntfyTopic(rawTopic, base?.base ?? null);
  if (rawTopic.trim() === '') problems.push({ field: 'topic', problem: 'missing' });
  else if (topic === 'wrongHost') problems.push({ field: 'topic', problem: 'wrongHost' });
  else if (topic === null) problems.push({ field: 'topic', problem: 'invalid' });
  const token = (secrets.token ?? '').trim();
  if (token !== '' && !TOKEN.test(token)) problems.push({ field: 'token', problem: 'invalid' });
  return { problems, base, topic: typeof topic === 'string' && topic !== 'wrongHost' ? topic : null, token };
}

export const ntfy: PushService = {
  id: 'ntfy',
  docs: [
    'https://docs.ntfy.sh/publish/#publish-as-json',
    'https://docs.ntfy.sh/publish/#access-tokens',
    'https://docs.ntfy.sh/publish/#limitations',
  ],
  fields: [
    { name: 'baseUrl', secret: false, required: true, kind: 'url', initial: NTFY_SERVER },
    // "Because there is no sign-up, the topic is essentially a password": kept like one.
    { name: 'topic', secret: true, required: true, kind: 'text' },
    { name: 'token', secret: true, required: false, kind: 'text' },
  ],
  check(fields, secrets) {
    const { problems, base, topic } = read(fields, secrets);
    if (problems.length > 0 || base === null || topic === null) return problems;
    return { originPatterns: [base.originPattern], secretHint: secretHint(topic) };
  },
  maxBodyChars: MAX_BODY,
  request(message, fields, secrets) {
    const { base, topic, token } = read(fields, secrets);
    const body = {
      topic: topic ?? '',
      title: message.title,
      // Plain text: "Markdown is only supported in the web app", and only when asked for.
      message: clip(message.body, MAX_BODY),
      // "4 high: Long vibration burst, default notification sound with a pop-over notification".
      priority: message.urgent ? 4 : 3,
      // "Website opened when notification is clicked": the pay page.
      ...(isWebUrl(message.url) ? { click: message.url } : {}),
      // Tags that are emoji short codes show as the emoji before the title.
      tags: [message.urgent ? 'alarm_clock' : 'bell'],
    };
    return {
      url: `${base?.base ?? NTFY_SERVER}/`,
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(token !== '' && TOKEN.test(token) ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    };
  },
  verdict(reply) {
    const body = jsonBody(reply);
    const code = body?.code;
    const said = typeof body?.error === 'string' ? `${String(code)}: ${body.error}` : describeReply(reply);
    // The stored message comes back (server.go `handlePublish` → writeJSON), topic and all: only
    // its id is kept, since the topic is as good as a password.
    if (reply.status === 200 && typeof body?.id === 'string')
      return { outcome: 'sent', detail: `id ${body.id.slice(0, 40)}` };
    // 40101 "unauthorized", 40301 "forbidden" (no write access to the topic); 40401: the base URL
    // has no ntfy behind it. Each would fail every message alike: the user must fix the channel.
    if ([401, 403, 404].includes(reply.status)) return { outcome: 'refused', detail: said };
    if (code === 42908 || code === 42909) return { outcome: 'retry', detail: said, retryAfterMs: NTFY_QUOTA_RETRY_MS };
    const transient = transientVerdict(reply);
    if (transient?.outcome === 'retry') return { ...transient, detail: said };
    // 400xx: the body was wrong (priority, topic, JSON); 413: too large.
    return { outcome: 'rejected', detail: said };
  },
};
