import type { FieldProblem, PushService } from '../service';
import { describeReply, isProblem, jsonBody, secretHint, transientVerdict } from './common';
import { checkBase, clip, redact, segmentAfterBase } from './message-text';

// Bark (iOS), the official server or a self-hosted bark-server.
// https://bark.day.app/#/en-us/tutorial (= github.com/Finb/Bark docs/en-us/tutorial.md): the v2 JSON
// API, `POST <base>/push` with `device_key` in the body ("JSON request key can be placed in the
// request body, the URL path must be /push"), so the key is never part of a URL.
// https://github.com/Finb/bark-server/blob/master/docs/API_V2.md: the same for self-hosted servers.
// https://bark.day.app/#/en-us/faq: "If you send over 1000 error requests (HTTP 400 / 404 / 500)
// within 5 minutes, your IP will be banned for 24 hours", so a refused key stops the channel at once.
// Research and sources: docs/push-research/1-…md §1.

export const BARK_SERVER = 'https://api.day.app';
/** bark-server's keys are 22-letter short UUIDs; a self-hosted server may register others. */
const KEY = /^[\w-]{8,100}$/;
/**
 * APNs takes 4 KB of payload (bark-server issue #72: "PayloadTooLarge"); the title, the tap URL
 * and Bark's own fields share it, and a Chinese character is 3 bytes.
 */
const MAX_BODY = 700;

/** The device key: the key itself, or the whole Bark URL the app shows ("https://api.day.app/KEY/…"). */
export function barkKey(raw: string, base: string | null): string | null | 'wrongHost' {
  const value = raw.trim();
  if (KEY.test(value)) return value;
  const segment = segmentAfterBase(value, base);
  if (segment === 'wrongHost') return segment;
  return segment !== null && KEY.test(segment) && segment !== 'push' ? segment : null;
}

function checked(fields: Readonly<Record<string, string>>, secrets: Readonly<Record<string, string>>) {
  const problems: FieldProblem[] = [];
  const base = checkBase('baseUrl', fields.baseUrl ?? '', BARK_SERVER);
  if (isProblem(base)) problems.push(base);
  const raw = secrets.deviceKey ?? '';
  const key = barkKey(raw, isProblem(base) ? null : base.base);
  if (raw.trim() === '') problems.push({ field: 'deviceKey', problem: 'missing' });
  else if (key === 'wrongHost') problems.push({ field: 'deviceKey', problem: 'wrongHost' });
  else if (key === null) problems.push({ field: 'deviceKey', problem: 'invalid' });
  return { problems, base, key };
}

export const bark: PushService = {
  id: 'bark',
  docs: [
    'https://bark.day.app/#/en-us/tutorial',
    'https://github.com/Finb/bark-server/blob/master/docs/API_V2.md',
    'https://bark.day.app/#/en-us/faq',
  ],
  fields: [
    { name: 'baseUrl', secret: false, required: true, kind: 'url', initial: BARK_SERVER },
    { name: 'deviceKey', secret: true, required: true, kind: 'text' },
  ],
  check(fields, secrets) {
    const { problems, base, key } = checked(fields, secrets);
    if (problems.length > 0 || isProblem(base) || key === null || key === 'wrongHost') return problems;
    return { originPatterns: [base.originPattern], secretHint: secretHint(key) };
  },
  maxBodyChars: MAX_BODY,
  request(message, fields, secrets) {
    const base = checkBase('baseUrl', fields.baseUrl ?? '', BARK_SERVER);
    const url = isProblem(base) ? BARK_SERVER : base.base;
    const key = barkKey(secrets.deviceKey ?? '', isProblem(base) ? null : base.base);
    const body = {
      device_key: typeof key === 'string' && key !== 'wrongHost' ? key : '',
      title: message.title,
      // Plain `body`, never `markdown`: server text (a venue's ticket title) stays text.
      body: clip(message.body, MAX_BODY),
      // "URL to jump to when the push is clicked": the pay page.
      url: message.url,
      // "Pushes will be displayed in the notification center by group."
      group: 'PayClock',
      // "timeSensitive: … can display the notification in focus mode"; `critical` would ring
      // through silent mode, more than a reminder may ask for.
      ...(message.urgent ? { level: 'timeSensitive' } : {}),
    };
    return {
      url: `${url}/push`,
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
    };
  },
  verdict(reply) {
    // bark-server says "failed to get [KEY] device token from database": the key, echoed.
    const said = redact(describeReply(reply), [/\[[^\]]*\]/g]);
    const body = jsonBody(reply);
    // Every reply is {code, message, timestamp} with code = the HTTP status (bark-server router.go).
    if (reply.status === 200 && body?.code === 200) return { outcome: 'sent' };
    const message = typeof body?.message === 'string' ? body.message : '';
    // An unknown key (or none): every message would fail alike, and failures count towards the ban.
    if (reply.status === 400 && /^(failed to get device token|device key is empty)/.test(message)) {
      return { outcome: 'refused', detail: said };
    }
    // A self-hosted server's Basic auth (418 in bark-server's route_auth.go, 401 behind a proxy), or
    // a base URL with no Bark behind it (404): configuration, like a refused key.
    if ([401, 403, 404, 418].includes(reply.status)) return { outcome: 'refused', detail: said };
    // APNs's own reasons, passed on as "push failed: APNS push failed: <reason>" with a 500
    // (bark-server issue #76): the phone's registration is gone, or the text is too long. Neither
    // gets better by trying again.
    if (/\b(BadDeviceToken|Unregistered|DeviceTokenNotForTopic)\b/.test(message))
      return { outcome: 'refused', detail: said };
    if (/\bPayloadTooLarge\b/.test(message)) return { outcome: 'rejected', detail: said };
    const transient = transientVerdict(reply);
    if (transient) return { ...transient, detail: said };
    // Bad JSON, "PayloadTooLarge", a 200 that is not Bark's: this message will never go.
    return { outcome: 'rejected', detail: said };
  },
};
