import type { FieldProblem, PushService, ServiceVerdict } from '../service';
import { checkUrl, isProblem, jsonBody, secretHint, transientVerdict } from './common';
import { hmacBase64 } from './hmac';
import { redactedReply, redactedSaid } from './redact';

// DingTalk (钉钉) custom group robot (自定义机器人).
// https://open.dingtalk.com/document/orgapp/custom-robot-access (自定义机器人接入),
// https://help.dingtalk.io/open/development/custom-robots-send-group-messages (the same API in English),
// https://help.dingtalk.io/open/dingstart/customize-robot-security-settings (keyword, signing, IP).
// POST JSON to https://oapi.dingtalk.com/robot/send?access_token=TOKEN; errors come as HTTP 200 with
// errcode ≠ 0. 20 messages a minute per robot, then 10 minutes' throttle. Research, sources and the
// replies seen: docs/push-research/2-…md §1.

/** `.io` is the international edition's host (help.dingtalk.io); mainland robots use `.com`. */
const HOSTS = ['oapi.dingtalk.com', 'oapi.dingtalk.io'] as const;
const PATH = '/robot/send';
const TOKEN = /^[\w-]{8,200}$/;
/** "超过20条，会限流10分钟": trying again sooner only meets the same throttle. */
const THROTTLE_MS = 10 * 60_000;

/** The robot's host and access token, from the whole webhook URL or the token alone. */
export function dingtalkTarget(raw: string): { host: string; token: string } | FieldProblem {
  const value = raw.trim();
  if (value === '') return { field: 'webhookUrl', problem: 'missing' };
  if (TOKEN.test(value)) return { host: HOSTS[0], token: value };
  const checked = checkUrl('webhookUrl', value, HOSTS);
  if (isProblem(checked)) return checked;
  const token = checked.url.searchParams.get('access_token') ?? '';
  if (checked.url.pathname !== PATH || !TOKEN.test(token)) return { field: 'webhookUrl', problem: 'invalid' };
  return { host: checked.url.hostname, token };
}

/**
 * 加签: Base64(HMAC-SHA256(key = the `SEC…` secret, message = `${timestamp}\n${secret}`)), timestamp
 * in milliseconds (the official Java and Python samples fix which is the key). Not URL-encoded here.
 */
export function dingtalkSign(secret: string, timestamp: number): string {
  return hmacBase64(secret, `${timestamp}\n${secret}`);
}

function checkSecret(raw: string | undefined): FieldProblem | null {
  const value = (raw ?? '').trim();
  // "加签一栏下面显示的SEC开头的字符串": anything else is not the signing secret (often the URL again).
  return value === '' || /^SEC\S{8,}$/.test(value) ? null : { field: 'signSecret', problem: 'invalid' };
}

/** 310000 is every security setting's refusal; only the words tell a missing keyword from a bad sign. */
function securityVerdict(detail: string, errmsg: string): ServiceVerdict {
  // Keyword: this message lacks it (the channel's own keyword is prepended, so check the field).
  if (/keyword|关键词/i.test(errmsg)) return { outcome: 'rejected', detail };
  // Sign, timestamp (the computer's clock is an hour off), IP allow-list: every message would fail alike.
  return { outcome: 'refused', detail };
}

export const dingtalk: PushService = {
  id: 'dingtalk',
  docs: [
    'https://open.dingtalk.com/document/orgapp/custom-robot-access',
    'https://help.dingtalk.io/open/development/custom-robots-send-group-messages',
    'https://help.dingtalk.io/open/dingstart/customize-robot-security-settings',
  ],
  fields: [
    { name: 'webhookUrl', secret: true, required: true, kind: 'url' },
    { name: 'signSecret', secret: true, required: false, kind: 'text' },
    { name: 'keyword', secret: false, required: false, kind: 'text' },
  ],
  check(_fields, secrets) {
    const target = dingtalkTarget(secrets.webhookUrl ?? '');
    const secretProblem = checkSecret(secrets.signSecret);
    if (isProblem(target)) return secretProblem ? [target, secretProblem] : [target];
    if (secretProblem) return [secretProblem];
    return { originPatterns: [`https://${target.host}/*`], secretHint: secretHint(target.token) };
  },
  // No limit in the robot's page; an older error table says content ≤ 5000 (unit unstated), so a
  // third of it, as if bytes of Chinese, less room for the title, keyword and URL.
  maxBodyChars: 1500,
  request(message, fields, secrets) {
    const target = dingtalkTarget(secrets.webhookUrl ?? '');
    const { host, token } = isProblem(target) ? { host: HOSTS[0], token: '' } : target;
    const query = new URLSearchParams({ access_token: token });
    const secret = (secrets.signSecret ?? '').trim();
    if (secret !== '') {
      // The same instant as the message: retries carry a new sentAt, and tests stay exact.
      query.set('timestamp', String(message.sentAt));
      // Raw Base64: URLSearchParams encodes it once, as the docs ask ("再进行urlEncode").
      query.set('sign', dingtalkSign(secret, message.sentAt));
    }
    // Text, not markdown or actionCard (whose text is markdown): server text must never be markup.
    // The pay URL goes on its own line, where DingTalk clients make it tappable.
    let content = `${message.title}\n${message.body}\n${message.url}`;
    const keyword = (fields.keyword ?? '').trim();
    if (keyword !== '' && !content.includes(keyword)) content = `${keyword} ${content}`;
    return {
      url: `https://${host}${PATH}?${query.toString()}`,
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ msgtype: 'text', text: { content } }),
    };
  },
  verdict(reply) {
    const transient = transientVerdict(reply);
    if (transient) return transient;
    const body = jsonBody(reply);
    const code = body?.errcode;
    if (reply.status === 200 && code === 0) return { outcome: 'sent' };
    if (typeof code !== 'number') return { outcome: 'rejected', detail: redactedReply(reply) };
    const errmsg = typeof body?.errmsg === 'string' ? body.errmsg : '';
    // The errmsg may name the caller's IP ("ip … not in whitelist"): redacted with any token.
    const detail = redactedSaid(code, errmsg);
    if (code === 310000) return securityVerdict(detail, errmsg);
    // 300001: no such token (robot deleted); 300005: the same for a robot in an external group.
    if (code === 300001 || code === 300005) return { outcome: 'refused', detail };
    if (code === 130101) return { outcome: 'retry', detail, retryAfterMs: THROTTLE_MS };
    // -1 is "系统繁忙" in DingTalk's and WeCom's general error tables ("服务器暂不可用，建议稍候重试"):
    // robots' replies are not documented to use it, but dropping a reminder on a busy server is worse
    // than trying it again.
    if (code === -1) return { outcome: 'retry', detail };
    return { outcome: 'rejected', detail };
  },
};
