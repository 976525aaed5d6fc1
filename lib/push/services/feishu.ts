import type { PushMessage } from '../message';
import type { FieldProblem, PushService } from '../service';
import { checkUrl, isProblem, jsonBody, secretHint, transientVerdict } from './common';
import { hmacBase64 } from './hmac';
import { redactedReply, redactedSaid } from './redact';

// Feishu (飞书) and Lark custom bot (自定义机器人).
// https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot (Lark:
// https://open.larksuite.com/document/client-docs/bot-v3/add-custom-bot): POST JSON to
// https://open.feishu.cn/open-apis/bot/v2/hook/TOKEN; errors come as HTTP 200 with code ≠ 0.
// The rich-text (post) content: https://open.feishu.cn/document/uAjLw4CM/ukTMukTMukTM/im-v1/message/create_json
// (custom bots take it as an object, not a string). 100 messages a minute, 5 a second, request body
// at most 20 KB. Research, sources and the replies seen: docs/push-research/2-…md §3.

const HOSTS = ['open.feishu.cn', 'open.larksuite.com'] as const;
const HOOK = /^\/open-apis\/bot\/v2\/hook\/([\w-]{8,100})$/;
/** Codes that refuse the channel: no such token (19001), signature or clock (19021), IP (19022). */
const REFUSED = new Set([19001, 19021, 19022]);

/**
 * The bot's host and token, from the whole webhook URL only: a bare token would not say whether it
 * is Feishu's or Lark's, and the v1 path (`/bot/hook/`) takes plain text only.
 */
export function feishuTarget(raw: string): { host: string; token: string } | FieldProblem {
  const checked = checkUrl('webhookUrl', raw, HOSTS);
  if (isProblem(checked)) return checked;
  const token = HOOK.exec(checked.url.pathname)?.[1];
  return token ? { host: checked.url.hostname, token } : { field: 'webhookUrl', problem: 'invalid' };
}

/**
 * 签名校验: Base64(HMAC-SHA256(key = `${timestamp}\n${secret}`, message = nothing)), timestamp in
 * seconds. Worded like DingTalk's, but the official samples make the string the key: DingTalk's
 * arrangement is answered with 19021.
 */
export function feishuSign(secret: string, timestamp: number): string {
  return hmacBase64(`${timestamp}\n${secret}`, '');
}

/** Rich text, every run a `text` element, which Feishu shows as it is: no markdown, no tags, no @. */
function post(message: PushMessage, keyword: string) {
  const lines = message.body.split('\n').filter((line) => line.trim() !== '');
  // The keyword goes in a text run, which the keyword check reads for certain (whether it reads the
  // title was not found), and only when the runs lack it.
  if (keyword !== '' && !message.body.includes(keyword)) {
    lines.splice(0, 1, lines[0] === undefined ? keyword : `${keyword} ${lines[0]}`);
  }
  // The pay URL as a link (its own text shown, so nothing hides where it leads); only http(s) links.
  const link = /^https?:\/\//i.test(message.url)
    ? { tag: 'a', text: message.url, href: message.url }
    : { tag: 'text', text: message.url };
  return { zh_cn: { title: message.title, content: [...lines.map((text) => [{ tag: 'text', text }]), [link]] } };
}

export const feishu: PushService = {
  id: 'feishu',
  docs: [
    'https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot',
    'https://open.larksuite.com/document/client-docs/bot-v3/add-custom-bot',
    'https://open.feishu.cn/document/uAjLw4CM/ukTMukTMukTM/im-v1/message/create_json',
  ],
  fields: [
    { name: 'webhookUrl', secret: true, required: true, kind: 'url' },
    { name: 'signSecret', secret: true, required: false, kind: 'text' },
    { name: 'keyword', secret: false, required: false, kind: 'text' },
  ],
  check(_fields, secrets) {
    const target = feishuTarget(secrets.webhookUrl ?? '');
    // The secret is a single run of letters and digits: spaces inside mean something else was pasted.
    const secret = (secrets.signSecret ?? '').trim();
    const secretProblem: FieldProblem | null = /\s/.test(secret) ? { field: 'signSecret', problem: 'invalid' } : null;
    if (isProblem(target)) return secretProblem ? [target, secretProblem] : [target];
    if (secretProblem) return [secretProblem];
    return { originPatterns: [`https://${target.host}/*`], secretHint: secretHint(target.token) };
  },
  // 20 KB a request: 4000 characters of Chinese are 12 KB, leaving room for title, URL and JSON.
  maxBodyChars: 4000,
  request(message, fields, secrets) {
    const target = feishuTarget(secrets.webhookUrl ?? '');
    const { host, token } = isProblem(target) ? { host: HOSTS[0], token: '' } : target;
    const secret = (secrets.signSecret ?? '').trim();
    const seconds = Math.floor(message.sentAt / 1000);
    // Strings, at the top level beside msg_type, as the guide's example has them.
    const signature = secret === '' ? {} : { timestamp: String(seconds), sign: feishuSign(secret, seconds) };
    const body = { ...signature, msg_type: 'post', content: { post: post(message, (fields.keyword ?? '').trim()) } };
    return {
      url: `https://${host}/open-apis/bot/v2/hook/${encodeURIComponent(token)}`,
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
    };
  },
  verdict(reply) {
    const transient = transientVerdict(reply);
    if (transient) return transient;
    const body = jsonBody(reply);
    // `StatusCode` is the older replies' field ("冗余字段，用于兼容存量历史逻辑"); `code` is today's.
    const code = body?.code ?? body?.StatusCode;
    if (reply.status === 200 && code === 0) return { outcome: 'sent' };
    if (typeof code !== 'number') return { outcome: 'rejected', detail: redactedReply(reply) };
    const msg = body?.msg ?? body?.StatusMessage;
    const detail = redactedSaid(code, typeof msg === 'string' ? msg : '');
    if (REFUSED.has(code)) return { outcome: 'refused', detail };
    // 11232: throttled under load (the guide warns of it at :00 and :30); 9499 "too many request" too.
    if (code === 11232 || (code === 9499 && /too many/i.test(detail))) return { outcome: 'retry', detail };
    // 19024: this message lacks the keyword; 9499: a malformed body; the rest: shown, not retried.
    return { outcome: 'rejected', detail };
  },
};
