import { translateAlert } from '../../i18n/alert-words';
import type { PushMessage } from '../message';
import type { FieldProblem, Fields, PushService } from '../service';
import { describeReply, jsonBody, MAX_RETRY_AFTER_MS, secretHint, transientVerdict } from './common';
import { clip, hasHan, isWebUrl, redact } from './message-text';

// Telegram bot, sendMessage.
// https://core.telegram.org/bots/api#making-requests: "https://api.telegram.org/bot<token>/METHOD_NAME",
// JSON bodies; every reply has `ok`, and `description`, `error_code`, `parameters.retry_after` on errors.
// https://core.telegram.org/bots/api#sendmessage: `text` "1-4096 characters after entities parsing",
// `link_preview_options`, `reply_markup` (an inline keyboard whose URL button opens the pay page).
// https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this: about one
// message a second per chat, 20 a minute per group. Research and sources: docs/push-research/1-…md §5.

const HOST = 'api.telegram.org';
/**
 * The bot's id, a colon and (today) 35 characters; the docs' own example
 * ("123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11") has 34, so the length is not held to one number.
 */
const TOKEN = /^\d{1,20}:[\w-]{30,60}$/;
const CHAT = /^(-?\d{1,20}|@[A-Za-z]\w{4,31})$/;
const MAX_TEXT = 4096;
/** The text is the title, a line break and the body, within 4096. */
const MAX_BODY = MAX_TEXT - 400;

/** The token, from itself, "bot<token>", or a pasted "https://api.telegram.org/bot<token>/getMe". */
export function telegramToken(raw: string): string | null | 'wrongHost' {
  const value = raw.trim().replace(/^bot(?=\d)/, '');
  if (TOKEN.test(value)) return value;
  if (!isWebUrl(value)) return null;
  const url = new URL(value);
  if (url.hostname !== HOST) return 'wrongHost';
  const token = /^\/bot([^/]+)/.exec(url.pathname)?.[1] ?? '';
  return TOKEN.test(token) ? token : null;
}

/** A numeric chat id (groups and channels are negative), "@channel", or "https://t.me/channel". */
export function telegramChat(raw: string): string | null {
  const value = raw.trim();
  const link = /^https:\/\/t\.me\/([A-Za-z]\w{4,31})\/?$/.exec(value)?.[1];
  const chat = link === undefined ? value : `@${link}`;
  return CHAT.test(chat) ? chat : null;
}

function read(fields: Fields, secrets: Fields) {
  const problems: FieldProblem[] = [];
  const rawToken = secrets.botToken ?? '';
  const token = telegramToken(rawToken);
  if (rawToken.trim() === '') problems.push({ field: 'botToken', problem: 'missing' });
  else if (token === 'wrongHost') problems.push({ field: 'botToken', problem: 'wrongHost' });
  else if (token === null) problems.push({ field: 'botToken', problem: 'invalid' });
  const rawChat = fields.chatId ?? '';
  const chat = telegramChat(rawChat);
  if (rawChat.trim() === '') problems.push({ field: 'chatId', problem: 'missing' });
  else if (chat === null) problems.push({ field: 'chatId', problem: 'invalid' });
  return { problems, token: token === 'wrongHost' ? null : token, chat };
}

/**
 * The button's words, in the language the message was composed in (PushMessage carries no locale,
 * its title does): "去支付" where every item leads to a pay page, "打开链接" otherwise.
 */
function buttonText(message: PushMessage): string {
  const locale = hasHan(message.title) ? 'zh' : 'en';
  const pay =
    message.items.length > 0 && message.items.every((item) => item.kind === 'remind' || item.kind === 'found');
  return translateAlert(locale, pay ? 'pushPayButton' : 'pushOpenButton');
}

export const telegram: PushService = {
  id: 'telegram',
  docs: [
    'https://core.telegram.org/bots/api#making-requests',
    'https://core.telegram.org/bots/api#sendmessage',
    'https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this',
  ],
  fields: [
    { name: 'botToken', secret: true, required: true, kind: 'text' },
    { name: 'chatId', secret: false, required: true, kind: 'text' },
  ],
  check(fields, secrets) {
    const { problems, token } = read(fields, secrets);
    if (problems.length > 0 || token === null) return problems;
    return { originPatterns: [`https://${HOST}/*`], secretHint: secretHint(token) };
  },
  maxBodyChars: MAX_BODY,
  request(message, fields, secrets) {
    const { token, chat } = read(fields, secrets);
    const id =
      chat !== null && /^-?\d+$/.test(chat) && Number.isSafeInteger(Number(chat)) ? Number(chat) : (chat ?? '');
    const body = {
      chat_id: id,
      // No parse_mode: plain text, so a venue's "<b>" or "*" is shown, never parsed.
      text: clip(`${message.title}\n${message.body}`, MAX_TEXT),
      link_preview_options: { is_disabled: true },
      // A URL button ("HTTP or tg:// URL to be opened when the button is pressed"); none for a
      // URL Telegram would refuse (an extension page).
      ...(isWebUrl(message.url)
        ? { reply_markup: { inline_keyboard: [[{ text: buttonText(message), url: message.url }]] } }
        : {}),
    };
    return {
      url: `https://${HOST}/bot${token ?? ''}/sendMessage`,
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    };
  },
  verdict(reply) {
    const body = jsonBody(reply);
    if (body?.ok === true) return { outcome: 'sent' };
    const description = typeof body?.description === 'string' ? body.description : '';
    const parameters =
      typeof body?.parameters === 'object' && body.parameters !== null
        ? (body.parameters as Record<string, unknown>)
        : {};
    // Telegram never quotes the token, but should a proxy's page do so it goes no further.
    const said = redact(description === '' ? describeReply(reply) : `${reply.status}: ${description}`, [
      /\d+:[\w-]{30,}/g,
    ]);
    // "In case of exceeding flood control, the number of seconds left to wait".
    if (reply.status === 429 && typeof parameters.retry_after === 'number') {
      return {
        outcome: 'retry',
        detail: said,
        retryAfterMs: Math.min(parameters.retry_after * 1000, MAX_RETRY_AFTER_MS),
      };
    }
    // 401 Unauthorized and 404 Not Found: the token is wrong. 403: the bot was blocked, or never
    // started by the user, or not in the group. Every message would fail alike until the user acts.
    if ([401, 403, 404].includes(reply.status)) return { outcome: 'refused', detail: said };
    // "chat not found", no right to write, or a group upgraded to a supergroup (the new id is in
    // migrate_to_chat_id): the chat id is wrong, a configuration error like a refused token.
    const migrated = typeof parameters.migrate_to_chat_id === 'number' ? ` (→ ${parameters.migrate_to_chat_id})` : '';
    if (
      reply.status === 400 &&
      (migrated !== '' || /chat not found|not enough rights|have no rights/i.test(description))
    ) {
      return { outcome: 'refused', detail: `${said}${migrated}` };
    }
    const transient = transientVerdict(reply);
    if (transient?.outcome === 'retry') return { ...transient, detail: said };
    return { outcome: 'rejected', detail: said };
  },
};
