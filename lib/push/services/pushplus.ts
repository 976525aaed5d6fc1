import type { PushMessage } from '../message';
import type { PushService } from '../service';
import { describeReply, jsonBody, secretHint, transientVerdict } from './common';
import { clip, isWebUrl, redact } from './message-text';

// PushPlus (推送加), to WeChat.
// https://www.pushplus.plus/doc/guide/api.html ("pushplus 消息接口文档 V1.9.0"): POST JSON to
// https://www.pushplus.plus/send with {token, title, content, template, timestamp, …}.
// https://pushplus.apifox.cn/project-3237526/api-107787114: "Content-Type一定要设置为application/json".
// http://api.pushplus.plus/doc-3034446 (接口返回码说明): 200 success, 903 "无效的用户令牌", 900
// "用户账号使用受限（请求次数过多，停止继续请求）". Research and sources: docs/push-research/1-…md §3.

const HOST = 'www.pushplus.plus';
const SEND = `https://${HOST}/send`;
const TOKEN = /^[A-Za-z0-9]{16,64}$/;
/** No limit is documented; a WeChat message read at a glance should be far shorter anyway. */
const MAX_BODY = 2000;
/**
 * `timestamp` is compared with PushPlus's clock, `usefulUntil` is ours: a computer whose clock is
 * slow would have a 1-minute reminder dropped before it was late. The slack absorbs a few minutes
 * of difference and still drops what PushPlus's queue would deliver long after the deadline.
 */
export const PUSHPLUS_SLACK_MS = 5 * 60_000;
/**
 * 900: "单日请求超过200次，账号被封2天、7天…可以根据返回值来判断当天是否让程序继续调用": no more
 * requests today. Half a day: at most two probes a day while the account is locked.
 */
export const PUSHPLUS_LOCKED_MS = 12 * 60 * 60_000;

/** The token, or the token in a pasted ".../send?token=…" or ".../send/{token}" URL. */
export function pushplusToken(raw: string): string | null {
  const value = raw.trim();
  if (TOKEN.test(value)) return value;
  if (!isWebUrl(value)) return null;
  const url = new URL(value);
  const token = url.searchParams.get('token') ?? /^\/send\/([^/]+)$/.exec(url.pathname)?.[1] ?? '';
  return TOKEN.test(token) ? token : null;
}

/**
 * "毫秒时间戳…服务器时间戳大于此时间戳，则消息不会发送": once no item is useful any more (plus the
 * slack), PushPlus drops the message instead of delivering it late. None for a test message.
 */
export function pushplusTimestamp(message: PushMessage): number | null {
  if (message.test || message.items.length === 0) return null;
  return Math.max(...message.items.map((item) => item.usefulUntil)) + PUSHPLUS_SLACK_MS;
}

export const pushplus: PushService = {
  id: 'pushplus',
  docs: [
    'https://www.pushplus.plus/doc/guide/api.html',
    'https://pushplus.apifox.cn/project-3237526/api-107787114',
    'http://api.pushplus.plus/doc-3034446',
  ],
  fields: [{ name: 'token', secret: true, required: true, kind: 'text' }],
  check(_fields, secrets) {
    const raw = secrets.token ?? '';
    if (raw.trim() === '') return [{ field: 'token', problem: 'missing' }];
    const token = pushplusToken(raw);
    if (token === null) return [{ field: 'token', problem: 'invalid' }];
    return { originPatterns: [`https://${HOST}/*`], secretHint: secretHint(token) };
  },
  maxBodyChars: MAX_BODY,
  request(message, _fields, secrets) {
    const timestamp = pushplusTimestamp(message);
    const body = {
      token: pushplusToken(secrets.token ?? '') ?? '',
      title: message.title,
      // No tap-URL field exists: the pay page goes on the last line.
      content: `${clip(message.body, MAX_BODY)}\n${message.url}`,
      // "txt: 纯文本展示，不转义html": the default `html` would render a venue's markup.
      template: 'txt',
      ...(timestamp === null ? {} : { timestamp }),
    };
    return { url: SEND, method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  },
  verdict(reply) {
    // A token is 32 hex digits: should a reply ever quote it, it goes no further.
    const scrub = (text: string) => redact(text, [/\b[0-9a-fA-F]{32}\b/g]);
    const transient = transientVerdict(reply);
    if (transient?.outcome === 'retry') return { ...transient, detail: scrub(transient.detail) };
    const body = jsonBody(reply);
    const code = body?.code;
    const said = scrub(typeof body?.msg === 'string' ? `${String(code)}: ${body.msg}` : describeReply(reply));
    if (code === 200) return { outcome: 'sent' };
    // 903 "无效的用户令牌"; 905 "账户未进行实名认证": nothing this token sends will go until the user acts.
    if (code === 903 || code === 905) return { outcome: 'refused', detail: said };
    // 900: "继续推送反而会加重服务器负担，同时还会让账号进一步的受到限制": wait, do not insist.
    if (code === 900) return { outcome: 'retry', detail: said, retryAfterMs: PUSHPLUS_LOCKED_MS };
    // 500 "系统异常，请稍后再试".
    if (code === 500) return { outcome: 'retry', detail: said };
    return { outcome: 'rejected', detail: said };
  },
};
