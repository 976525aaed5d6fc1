import type { PushService } from '../service';
import { describeReply, jsonBody, MAX_RETRY_AFTER_MS, secretHint, transientVerdict } from './common';
import { clip, isWebUrl, redact } from './message-text';

// Server酱 (ServerChan): Turbo (`SCT…` keys) and Server酱³ (`sctp<uid>t…` keys).
// https://doc2.ft07.com/serverchan3/server/api: "https://<uid>.push.ft07.com/send/<sendkey>.send …
// uid can also be extracted from sendkey, located at sctp{uid}t..., regex pattern: /^sctp(\d+)t/".
// https://github.com/easychen/serverchan-sdk (the author's SDK): any other key goes to
// https://sctapi.ftqq.com/<sendkey>.send; POST JSON {title, desp, …}; the reply is
// {code, message, data}, "0 为正确". Research and sources: docs/push-research/1-…md §2.

const TURBO_HOST = 'sctapi.ftqq.com';
const TURBO = /^SCT[\w-]{4,100}$/;
const SC3 = /^sctp(\d{1,12})t[\w-]{4,100}$/;
/** "title (max 32 chars)", "short (max 64 chars)": a third party's figures, the only ones found. */
const MAX_TITLE = 32;
const MAX_SHORT = 64;
/** `desp` may be 32 KB; a message read in WeChat should be far shorter. */
const MAX_BODY = 2000;
const MINUTE = 60_000;

/** The SendKey, from the key itself or from the API URL the SendKey page shows. */
export function serverchanKey(raw: string): string | null {
  const value = raw.trim();
  const key = isWebUrl(value) ? lastSendSegment(value) : value;
  return TURBO.test(key) || SC3.test(key) ? key : null;
}

/** "https://sctapi.ftqq.com/KEY.send", "https://1.push.ft07.com/send/KEY.send?title=…" → KEY. */
function lastSendSegment(url: string): string {
  const path = new URL(url).pathname;
  return /\/([^/]+)\.send$/.exec(path)?.[1] ?? '';
}

/** Where a key sends to: its own host for Server酱³ (the uid is part of it), else Turbo's. */
export function serverchanUrl(key: string): { url: string; originPattern: string } {
  const uid = SC3.exec(key)?.[1];
  const host = uid === undefined ? TURBO_HOST : `${uid}.push.ft07.com`;
  const path = uid === undefined ? `/${key}.send` : `/send/${key}.send`;
  return { url: `https://${host}${path}`, originPattern: `https://${host}/*` };
}

/**
 * Server text as Markdown that shows as the same text: `desp` "Supports markdown", so a venue's
 * "**门票**" or "<b>" must not become markup. Backslash escapes for the characters both CommonMark
 * and the common PHP renderer (Parsedown) accept; entities for `<` and `&`, which both pass through.
 */
export function markdownText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/[\\`*_{}[\]()#+\-.!|~>]/g, (char) => `\\${char}`)
    .trim();
}

/** Each line its own paragraph (Markdown joins lines), then the pay URL as an autolink. */
function desp(body: string, url: string): string {
  const lines = clip(body, MAX_BODY)
    .split('\n')
    .map(markdownText)
    .filter((line) => line !== '');
  // An autolink shows the URL as it is; one that could not be one is shown as escaped text.
  const link = /^https:\/\/[^\s<>]+$/.test(url) ? `<${url}>` : markdownText(url);
  return [...lines, link].join('\n\n');
}

export const serverchan: PushService = {
  id: 'serverchan',
  docs: ['https://doc2.ft07.com/serverchan3/server/api', 'https://github.com/easychen/serverchan-sdk'],
  fields: [{ name: 'sendKey', secret: true, required: true, kind: 'text' }],
  check(_fields, secrets) {
    const raw = secrets.sendKey ?? '';
    if (raw.trim() === '') return [{ field: 'sendKey', problem: 'missing' }];
    const key = serverchanKey(raw);
    if (key === null) return [{ field: 'sendKey', problem: 'invalid' }];
    return { originPatterns: [serverchanUrl(key).originPattern], secretHint: secretHint(key) };
  },
  maxBodyChars: MAX_BODY,
  request(message, _fields, secrets) {
    const key = serverchanKey(secrets.sendKey ?? '') ?? '';
    const turbo = !SC3.test(key);
    const body = {
      title: clip(message.title, MAX_TITLE),
      desp: desp(message.body, message.url),
      // "used to specify the content part of the message card": the card gets plain words.
      short: clip(message.body.replace(/\s+/g, ' ').trim(), MAX_SHORT),
      // Turbo only ("SCT专用：是否隐藏调用IP"): the message need not show where it came from.
      ...(turbo ? { noip: 1 } : {}),
    };
    return {
      url: serverchanUrl(key).url,
      method: 'POST',
      headers: { 'Content-Type': 'application/json;charset=utf-8' },
      body: JSON.stringify(body),
    };
  },
  verdict(reply) {
    // The key is in the URL, not the body, but a reply that quoted it must not carry it further.
    const scrub = (text: string) => redact(text, [/SCT[\w-]{4,}/g, /sctp\d+t[\w-]+/g]);
    const transient = transientVerdict(reply);
    if (transient?.outcome === 'retry') return { ...transient, detail: scrub(transient.detail) };
    const body = jsonBody(reply);
    const said = scrub(
      typeof body?.message === 'string' && body.message !== ''
        ? `${String(body.code)}: ${body.message}`
        : describeReply(reply),
    );
    if (reply.status >= 200 && reply.status < 300 && body?.code === 0) return { outcome: 'sent' };
    // Server酱 documents no error codes, and its quotas answer with the same code and "[AUTH]" as a
    // wrong key, as users' code records (HTTP 200 or 400):
    //   {"code":40001,"message":"[AUTH]用户不存在或者权限不足"}            a wrong key
    //   {"code":40001,"message":"[AUTH]超过分钟的发送次数限制[5]，请稍后再试"}  five a minute
    //   {"code":40001 or 471,"message":"[AUTH]超过当天的发送次数限制[5]"}     the free plan's five a day
    // Only the wrong key's words, an HTTP refusal or a 404 (the URL is the key itself) stop the
    // channel; a quota waits (a day's quota for an hour at a time: what waits past its usefulness is
    // dropped and shown), and any other code drops this message alone.
    const message = typeof body?.message === 'string' ? body.message : '';
    if (/超过.*次数限制/.test(message)) {
      return { outcome: 'retry', detail: said, retryAfterMs: message.includes('分钟') ? MINUTE : MAX_RETRY_AFTER_MS };
    }
    if (/用户不存在|权限不足/.test(message) || [401, 403, 404].includes(reply.status))
      return { outcome: 'refused', detail: said };
    return { outcome: 'rejected', detail: said };
  },
};
