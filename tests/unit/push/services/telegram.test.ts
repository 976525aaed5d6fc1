import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PUSH_SERVICES } from '@/lib/push/services';
import { telegram, telegramChat, telegramToken } from '@/lib/push/services/telegram';
import { bodyOf, item, markup, merged, PAY_URL, reminder, reply, testMessage } from '../helpers/messages';

// Telegram: https://core.telegram.org/bots/api#sendmessage (docs/push-research/1-…md §5).

/** The token in the docs' "Making requests" example. */
const TOKEN = '123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11';
const fields = { chatId: '123456789' };
const secrets = { botToken: TOKEN };

describe('telegram request', () => {
  it('sends a reminder as plain text with a pay button (the research’s §5.7 request)', () => {
    expect(telegram.request(reminder(), fields, secrets)).toEqual({
      url: `https://api.telegram.org/bot${TOKEN}/sendMessage`,
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        chat_id: 123456789,
        text: '还有 5 分钟支付\nG101 北京南 → 上海虹桥 · 截止 14:04',
        link_preview_options: { is_disabled: true },
        reply_markup: { inline_keyboard: [[{ text: '去支付', url: PAY_URL }]] },
      }),
    });
  });

  it('sends a merged message whole; a test message and a login notice get "open link", in the title’s language', () => {
    expect(bodyOf(telegram.request(merged(), fields, secrets)).text).toBe(`PayClock：3 条提醒\n${merged().body}`);
    expect(bodyOf(telegram.request(testMessage('en'), { chatId: '@payclock_alerts' }, secrets))).toEqual({
      chat_id: '@payclock_alerts',
      text: 'PayClock test message\nIf you can read this, PayClock can push pay reminders here.',
      link_preview_options: { is_disabled: true },
      reply_markup: { inline_keyboard: [[{ text: 'Open link', url: PAY_URL }]] },
    });
    const login = reminder({ title: '12306 登录已过期', items: [item({ kind: 'loginExpired' })] });
    expect(bodyOf(telegram.request(login, fields, secrets)).reply_markup).toEqual({
      inline_keyboard: [[{ text: '打开链接', url: PAY_URL }]],
    });
    expect(bodyOf(telegram.request(reminder({ title: 'Pay within 5 min' }), fields, secrets)).reply_markup).toEqual({
      inline_keyboard: [[{ text: 'Pay now', url: PAY_URL }]],
    });
  });

  it('sends negative group ids as numbers and leaves out a button Telegram would refuse', () => {
    const body = bodyOf(
      telegram.request(
        reminder({ url: 'chrome-extension://abc/options.html' }),
        { chatId: ' -1001234567890 ' },
        secrets,
      ),
    );
    expect(body.chat_id).toBe(-1001234567890);
    expect(body).not.toHaveProperty('reply_markup');
  });

  it('sends server text as plain text: no parse_mode, markup unchanged', () => {
    const body = bodyOf(telegram.request(markup(), fields, secrets));
    expect(body).not.toHaveProperty('parse_mode');
    expect(body.text).toBe(`${markup().title}\n${markup().body}`);
  });

  it('keeps the text within 4096 and never throws', () => {
    expect(String(bodyOf(telegram.request(reminder({ body: '长'.repeat(5000) }), fields, secrets)).text)).toHaveLength(
      4096,
    );
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), fc.string(), (token, chat, title, text) => {
        const request = telegram.request(reminder({ title, body: text }), { chatId: chat }, { botToken: token });
        expect(request.url.startsWith('https://api.telegram.org/bot')).toBe(true);
        expect(String(bodyOf(request).text).length).toBeLessThanOrEqual(4096);
      }),
    );
  });
});

describe('telegram check', () => {
  it('takes a token, "bot<token>" or a pasted API URL, and a chat id, @channel or t.me link', () => {
    expect(telegram.check(fields, secrets)).toEqual({
      originPatterns: ['https://api.telegram.org/*'],
      secretHint: '…ew11',
    });
    expect(telegramToken(`bot${TOKEN}`)).toBe(TOKEN);
    expect(telegramToken(`https://api.telegram.org/bot${TOKEN}/getUpdates`)).toBe(TOKEN);
    expect(telegramChat('https://t.me/payclock_alerts')).toBe('@payclock_alerts');
    expect(telegramChat('-100123')).toBe('-100123');
  });

  it('says what is wrong with each field', () => {
    expect(telegram.check({}, {})).toEqual([
      { field: 'botToken', problem: 'missing' },
      { field: 'chatId', problem: 'missing' },
    ]);
    expect(telegram.check(fields, { botToken: '123456:short' })).toEqual([{ field: 'botToken', problem: 'invalid' }]);
    expect(telegram.check(fields, { botToken: `https://evil.example/bot${TOKEN}/getMe` })).toEqual([
      { field: 'botToken', problem: 'wrongHost' },
    ]);
    // Only the token is taken from a pasted URL; the request itself always goes over https.
    expect(telegram.check(fields, { botToken: `http://api.telegram.org/bot${TOKEN}/getMe` })).not.toBeInstanceOf(Array);
    expect(telegram.check({ chatId: 'my group' }, secrets)).toEqual([{ field: 'chatId', problem: 'invalid' }]);
    expect(telegram.check({ chatId: '@abc' }, secrets)).toEqual([{ field: 'chatId', problem: 'invalid' }]);
  });

  it('never shows more than 4 characters of the token', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{1,12}:[\w-]{35}$/), (token) => {
        const checked = telegram.check(fields, { botToken: token });
        expect(checked).toEqual({ originPatterns: ['https://api.telegram.org/*'], secretHint: `…${token.slice(-4)}` });
      }),
    );
  });

  it('is registered', () => {
    expect(PUSH_SERVICES.telegram).toBe(telegram);
  });
});

describe('telegram verdict', () => {
  it('sent: {"ok": true, "result": {…}}', () => {
    expect(telegram.verdict(reply(200, { ok: true, result: { message_id: 1, chat: { id: 123456789 } } }))).toEqual({
      outcome: 'sent',
    });
  });

  it('retry: 429 after parameters.retry_after (CloudFlare-ImgBed#562), 5xx', () => {
    const flood = {
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 41',
      parameters: { retry_after: 41 },
    };
    expect(telegram.verdict(reply(429, flood))).toEqual({
      outcome: 'retry',
      detail: '429: Too Many Requests: retry after 41',
      retryAfterMs: 41_000,
    });
    expect(telegram.verdict(reply(429, { ...flood, parameters: { retry_after: 86_400 } })).outcome).toBe('retry');
    expect(telegram.verdict(reply(502, 'Bad Gateway', '5'))).toEqual({
      outcome: 'retry',
      detail: 'HTTP 502: Bad Gateway',
      retryAfterMs: 5000,
    });
  });

  it('refused: a wrong token, a blocked bot (botman/driver-telegram#89), a wrong chat', () => {
    expect(telegram.verdict(reply(401, { ok: false, error_code: 401, description: 'Unauthorized' }))).toEqual({
      outcome: 'refused',
      detail: '401: Unauthorized',
    });
    expect(telegram.verdict(reply(404, { ok: false, error_code: 404, description: 'Not Found' })).outcome).toBe(
      'refused',
    );
    const blocked = { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' };
    expect(telegram.verdict(reply(403, blocked)).outcome).toBe('refused');
    const chat = { ok: false, error_code: 400, description: 'Bad Request: chat not found' };
    expect(telegram.verdict(reply(400, chat))).toEqual({
      outcome: 'refused',
      detail: '400: Bad Request: chat not found',
    });
    const upgraded = {
      ok: false,
      error_code: 400,
      description: 'Bad Request: group chat was upgraded to a supergroup chat',
      parameters: { migrate_to_chat_id: -1001234567890 },
    };
    expect(telegram.verdict(reply(400, upgraded))).toEqual({
      outcome: 'refused',
      detail: '400: Bad Request: group chat was upgraded to a supergroup chat (→ -1001234567890)',
    });
  });

  it('rejected: any other bad request', () => {
    const long = { ok: false, error_code: 400, description: 'Bad Request: message is too long' };
    expect(telegram.verdict(reply(400, long))).toEqual({
      outcome: 'rejected',
      detail: '400: Bad Request: message is too long',
    });
  });

  it('never passes the token on', () => {
    for (const status of [200, 400, 401, 502]) {
      expect(
        JSON.stringify(telegram.verdict(reply(status, `<h1>bad url /bot${TOKEN}/sendMessage</h1>`))),
      ).not.toContain(TOKEN);
      const said = telegram.verdict(reply(status, { ok: false, error_code: status, description: `token ${TOKEN}` }));
      expect(JSON.stringify(said)).not.toContain(TOKEN);
    }
  });
});
