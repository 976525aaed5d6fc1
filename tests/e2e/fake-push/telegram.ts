// Telegram Bot API `sendMessage` as the fake serves it: `/bot<token>/sendMessage`, GET or POST, the
// parameters in the query, a form or JSON; every answer `{ok, …}` (docs/push-research/1-…md §5,
// https://core.telegram.org/bots/api#making-requests). The HTML and MarkdownV2 checks are the
// documented escaping rules, so a train or ticket title with `<`, `&` or `.` unescaped is refused
// as Telegram refuses it ("can't parse entities").

import { isRecord, json, parseJson, str, type Handler, type Judged } from './model';
import { readParams } from './params';

const HTML_TAGS = new Set([
  'b',
  'strong',
  'i',
  'em',
  'u',
  'ins',
  's',
  'strike',
  'del',
  'span',
  'tg-spoiler',
  'a',
  'code',
  'pre',
  'blockquote',
  'tg-emoji',
]);
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };
const MAX_TEXT = 4096;

const failure = (status: number, description: string, extra: Record<string, unknown> = {}) =>
  json({ ok: false, error_code: status, description, ...extra }, status);
const badRequest = (description: string): Judged => ({
  verdict: 'rejected',
  reply: failure(400, `Bad Request: ${description}`),
  why: description,
});

/** The text as Telegram shows it, or why its HTML cannot be parsed. */
function parseHtml(text: string): { text: string } | { error: string } {
  let out = '';
  for (let i = 0; i < text.length;) {
    const char = text[i]!;
    if (char === '<') {
      const tag = /^<\/?([a-z-]+)(\s[^<>]*)?>/i.exec(text.slice(i));
      if (!tag || !HTML_TAGS.has(tag[1]!.toLowerCase())) {
        return {
          error: `can't parse entities: Unsupported start tag "${(tag?.[1] ?? '').slice(0, 20)}" at byte offset ${Buffer.byteLength(text.slice(0, i))}`,
        };
      }
      i += tag[0].length;
    } else if (char === '&') {
      const entity = /^&(lt|gt|amp|quot|#\d+|#x[0-9a-f]+);/i.exec(text.slice(i));
      if (!entity)
        return {
          error: `can't parse entities: Character '&' at byte offset ${Buffer.byteLength(text.slice(0, i))} is not allowed`,
        };
      const name = entity[1]!;
      out +=
        ENTITIES[name.toLowerCase()] ??
        String.fromCodePoint(Number(name.startsWith('#x') ? `0x${name.slice(2)}` : name.slice(1)));
      i += entity[0].length;
    } else {
      out += char;
      i += 1;
    }
  }
  return { text: out };
}

/** MarkdownV2: every reserved character not used as markup must be escaped with `\`. */
function parseMarkdownV2(text: string): { text: string } | { error: string } {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (char === '\\') {
      out += text[i + 1] ?? '';
      i += 1;
    } else if ('.!-+=#{}()>'.includes(char)) {
      return {
        error: `can't parse entities: Character '${char}' is reserved and must be escaped with the preceding '\\'`,
      };
    } else if (!'*_~|`[]'.includes(char)) out += char;
  }
  return { text: out };
}

/** The first URL button of an inline keyboard (a JSON object, or its JSON text from a form). */
function buttonUrl(markup: unknown): string | null {
  const value = typeof markup === 'string' ? parseJson(markup) : markup;
  if (!isRecord(value) || !Array.isArray(value.inline_keyboard)) return null;
  for (const row of value.inline_keyboard) {
    if (!Array.isArray(row)) continue;
    for (const button of row) if (isRecord(button) && typeof button.url === 'string') return button.url;
  }
  return null;
}

export const telegram: Handler = (request, { accounts, now }) => {
  const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(request.url.pathname);
  if (!match || !/^\d+:[\w-]+$/.test(decodeURIComponent(match[1]!))) {
    return { verdict: 'notFound', reply: failure(404, 'Not Found'), why: 'no bot path' };
  }
  if (decodeURIComponent(match[1]!) !== accounts.telegram.token) {
    return { verdict: 'refused', reply: failure(401, 'Unauthorized'), why: 'bad token' };
  }
  if (match[2]!.toLowerCase() !== 'sendmessage')
    return { verdict: 'notFound', reply: failure(404, 'Not Found'), why: 'method' };
  if (request.method !== 'GET' && request.method !== 'POST')
    return { verdict: 'notFound', reply: failure(405, 'Method Not Allowed'), why: 'method' };
  const params = readParams(request);
  if (params.kind === 'unreadable') return badRequest(params.detail);
  const values = params.values;
  const chatId = values.chat_id === undefined ? '' : String(values.chat_id);
  if (chatId === '') return badRequest('chat_id is empty');
  if (chatId !== accounts.telegram.chatId) return badRequest('chat not found');
  const raw = str(values.text) ?? '';
  if (raw.trim() === '') return badRequest('message text is empty');
  const mode = str(values.parse_mode);
  const parsed =
    mode === null || mode === ''
      ? { text: raw }
      : mode === 'HTML'
        ? parseHtml(raw)
        : mode === 'MarkdownV2'
          ? parseMarkdownV2(raw)
          : mode === 'Markdown'
            ? { text: raw.replace(/[*_`[\]]/g, '') }
            : { error: `unsupported parse_mode` };
  if ('error' in parsed) return badRequest(parsed.error);
  if ([...parsed.text].length > MAX_TEXT) return badRequest('message is too long');
  const [title = '', ...rest] = parsed.text.split('\n');
  const silent = values.disable_notification === true || values.disable_notification === 'true';
  const date = Math.floor(now() / 1000);
  return {
    verdict: 'accepted',
    reply: json({
      ok: true,
      result: {
        message_id: date % 100_000,
        from: { id: 123456, is_bot: true, first_name: 'PayClock' },
        chat: { id: Number(chatId), type: 'private' },
        date,
        text: parsed.text,
      },
    }),
    delivered: {
      title,
      text: rest.join('\n'),
      url: buttonUrl(values.reply_markup),
      urgency: silent ? 'silent' : 'normal',
      signed: false,
      raw: values,
    },
  };
};

/** Telegram's flood-control answer: 429 with `parameters.retry_after`, and a header if the variant says so. */
export function telegramTooMany(retryAfterS: number, withHeader: boolean): Judged['reply'] {
  const reply = failure(429, `Too Many Requests: retry after ${retryAfterS}`, {
    parameters: { retry_after: retryAfterS },
  });
  if (withHeader) reply.headers['Retry-After'] = String(retryAfterS);
  return reply;
}
