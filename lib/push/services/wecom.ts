import type { PushService } from '../service';
import { checkUrl, describeReply, isProblem, jsonBody, secretHint, transientVerdict } from './common';

// WeCom (企业微信) group robot ("消息推送" in newer clients).
// https://developer.work.weixin.qq.com/document/path/91770 (群机器人配置说明): POST JSON to
// https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=KEY; errors come as HTTP 200 with errcode ≠ 0.
// 20 messages a minute per robot. Research and sources: docs/push-research/2-…md §2.

const HOST = 'qyapi.weixin.qq.com';
const SEND = `https://${HOST}/cgi-bin/webhook/send`;
/** "content 文本内容，最长不超过2048个字节": in UTF-8 a Chinese character is 3 bytes. */
const MAX_CONTENT_BYTES = 2048;

/** The robot's key, from the key itself or the whole webhook URL (users paste either). */
export function wecomKey(raw: string): string | null {
  const value = raw.trim();
  if (/^[\w-]{8,100}$/.test(value)) return value;
  const checked = checkUrl('key', value, [HOST]);
  if (isProblem(checked)) return null;
  const key = checked.url.searchParams.get('key');
  return key && /^[\w-]{8,100}$/.test(key) ? key : null;
}

const bytes = (text: string) => new TextEncoder().encode(text).length;

/**
 * Title, body and link, one a line, in the content's 2048 bytes: the body is cut (with "…") when a
 * long pay URL leaves it less room than compose allowed for.
 */
function withinBytes(title: string, body: string, url: string): string {
  const room = MAX_CONTENT_BYTES - bytes(`${title}\n\n${url}`);
  if (bytes(body) <= room) return `${title}\n${body}\n${url}`;
  let cut = [...body];
  while (cut.length > 0 && bytes(`${cut.join('')}…`) > room) cut = cut.slice(0, Math.floor(cut.length * 0.9));
  return `${title}\n${cut.join('')}…\n${url}`;
}

export const wecom: PushService = {
  id: 'wecom',
  docs: ['https://developer.work.weixin.qq.com/document/path/91770'],
  fields: [{ name: 'key', secret: true, required: true, kind: 'text' }],
  check(_fields, secrets) {
    const raw = secrets.key ?? '';
    if (raw.trim() === '') return [{ field: 'key', problem: 'missing' }];
    const key = wecomKey(raw);
    if (key === null) return [{ field: 'key', problem: 'invalid' }];
    return { originPatterns: [`https://${HOST}/*`], secretHint: secretHint(key) };
  },
  // Bytes, not characters: a third of 2048 leaves room for any script.
  maxBodyChars: Math.floor(MAX_CONTENT_BYTES / 3) - 100,
  request(message, _fields, secrets) {
    const key = wecomKey(secrets.key ?? '') ?? '';
    // Text, not markdown: server text (a venue's ticket title) must never be read as markup.
    const content = withinBytes(message.title, message.body, message.url);
    return {
      url: `${SEND}?key=${encodeURIComponent(key)}`,
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
    // The errmsg carries the caller's IP: keep only what comes before its "hint".
    const said =
      typeof body?.errmsg === 'string' ? `${String(code)}: ${body.errmsg.split(/,\s*hint:/)[0]}` : describeReply(reply);
    if (code === 93000) return { outcome: 'refused', detail: said };
    if (code === 45009) return { outcome: 'retry', detail: said, retryAfterMs: 65_000 };
    // "-1 系统繁忙 | 服务器暂不可用，建议稍候重试" (WeCom's global error codes, path/90313).
    if (code === -1) return { outcome: 'retry', detail: said };
    return { outcome: 'rejected', detail: said };
  },
};
