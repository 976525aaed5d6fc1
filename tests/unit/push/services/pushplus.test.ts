import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PUSH_SERVICES } from '@/lib/push/services';
import { PUSHPLUS_LOCKED_MS, PUSHPLUS_SLACK_MS, pushplus, pushplusToken } from '@/lib/push/services/pushplus';
import { bodyOf, DEADLINE, markup, merged, PAY_URL, reminder, reply, testMessage } from '../helpers/messages';

// PushPlus: https://www.pushplus.plus/doc/guide/api.html, http://api.pushplus.plus/doc-3034446
// (docs/push-research/1-…md §3).

/** The token in the official apifox example. */
const TOKEN = 'be8652e98bd04139a13e1bffcd6d0f71';
const secrets = { token: TOKEN };

describe('pushplus request', () => {
  it('posts a reminder as plain text, to be dropped once it is useless', () => {
    expect(pushplus.request(reminder(), {}, secrets)).toEqual({
      url: 'https://www.pushplus.plus/send',
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        token: TOKEN,
        title: '还有 5 分钟支付',
        content: `G101 北京南 → 上海虹桥 · 截止 14:04\n${PAY_URL}`,
        template: 'txt',
        timestamp: DEADLINE + PUSHPLUS_SLACK_MS,
      }),
    });
  });

  it('has the documented example’s fields (apifox: {"token","title","content","topic","template"})', () => {
    const body = bodyOf(pushplus.request(reminder({ title: '标题', body: '消息内容' }), {}, secrets));
    expect(body).toMatchObject({ token: TOKEN, title: '标题', content: `消息内容\n${PAY_URL}` });
    expect(body).not.toHaveProperty('topic'); // "不填仅发送给自己"
  });

  it('drops a merged message only when its last item is useless; a test message never', () => {
    const one = merged();
    const latest = Math.max(...one.items.map((item) => item.usefulUntil));
    expect(latest).toBe(DEADLINE + 30 * 60_000);
    expect(bodyOf(pushplus.request(one, {}, secrets)).timestamp).toBe(latest + PUSHPLUS_SLACK_MS);
    const body = bodyOf(pushplus.request(testMessage(), {}, secrets));
    expect(body).toEqual({
      token: TOKEN,
      title: 'PayClock 测试消息',
      content: `收到这条消息，说明 PayClock 能把支付提醒推送到这里。\n${PAY_URL}`,
      template: 'txt',
    });
  });

  it('sends server text in the txt template, unchanged, never as html', () => {
    const body = bodyOf(pushplus.request(markup(), {}, secrets));
    expect(body.template).toBe('txt');
    expect(body.content).toBe(`${markup().body}\n${PAY_URL}`);
  });

  it('never throws and keeps the token out of the URL, whatever the input', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (token, text) => {
        const request = pushplus.request(reminder({ body: text }), {}, { token });
        expect(request.url).toBe('https://www.pushplus.plus/send');
        expect(() => JSON.parse(request.body ?? '')).not.toThrow();
      }),
    );
  });
});

describe('pushplus check', () => {
  it('takes the token, or the token in a pasted URL', () => {
    expect(pushplus.check({}, secrets)).toEqual({
      originPatterns: ['https://www.pushplus.plus/*'],
      secretHint: '…0f71',
    });
    expect(pushplusToken(`http://www.pushplus.plus/send/${TOKEN}`)).toBe(TOKEN);
    expect(pushplusToken(`https://www.pushplus.plus/send?token=${TOKEN}&title=x`)).toBe(TOKEN);
  });

  it('says missing or invalid', () => {
    expect(pushplus.check({}, {})).toEqual([{ field: 'token', problem: 'missing' }]);
    expect(pushplus.check({}, { token: 'short' })).toEqual([{ field: 'token', problem: 'invalid' }]);
    expect(pushplus.check({}, { token: `${TOKEN}/x` })).toEqual([{ field: 'token', problem: 'invalid' }]);
    expect(pushplus.check({}, { token: 'https://www.pushplus.plus/send' })).toEqual([
      { field: 'token', problem: 'invalid' },
    ]);
  });

  it('never shows more than 4 characters of the token', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-f0-9]{16,64}$/), (token) => {
        const checked = pushplus.check({}, { token });
        expect(checked).toEqual({ originPatterns: ['https://www.pushplus.plus/*'], secretHint: `…${token.slice(-4)}` });
      }),
    );
  });

  it('is registered', () => {
    expect(PUSH_SERVICES.pushplus).toBe(pushplus);
  });
});

describe('pushplus verdict', () => {
  it('sent: the documented reply {"code": 200, "msg": "请求成功", "data": <流水号>}', () => {
    expect(
      pushplus.verdict(reply(200, { code: 200, msg: '请求成功', data: '075074e3c17e449e9a0cb79cc6f3fc83' })),
    ).toEqual({
      outcome: 'sent',
    });
  });

  it('refused: 903 (invalid token) and 905 (no real-name verification)', () => {
    expect(pushplus.verdict(reply(200, { code: 903, msg: '无效的用户令牌', data: null }))).toEqual({
      outcome: 'refused',
      detail: '903: 无效的用户令牌',
    });
    expect(pushplus.verdict(reply(200, { code: 905, msg: '账户未进行实名认证', data: null })).outcome).toBe('refused');
  });

  it('retry: 900 waits half a day, 500 and HTTP 5xx use backoff or Retry-After', () => {
    expect(pushplus.verdict(reply(200, { code: 900, msg: '用户账号使用受限', data: null }))).toEqual({
      outcome: 'retry',
      detail: '900: 用户账号使用受限',
      retryAfterMs: PUSHPLUS_LOCKED_MS,
    });
    expect(PUSHPLUS_LOCKED_MS).toBeGreaterThanOrEqual(6 * 60 * 60_000);
    expect(pushplus.verdict(reply(200, { code: 500, msg: '系统异常，请稍后再试', data: null }))).toEqual({
      outcome: 'retry',
      detail: '500: 系统异常，请稍后再试',
    });
    expect(pushplus.verdict(reply(503, 'down', '60'))).toEqual({
      outcome: 'retry',
      detail: 'HTTP 503: down',
      retryAfterMs: 60_000,
    });
  });

  it('rejected: 999, 600, anything else', () => {
    expect(pushplus.verdict(reply(200, { code: 999, msg: '服务端验证错误', data: null })).outcome).toBe('rejected');
    expect(pushplus.verdict(reply(200, { code: 600, msg: '数据异常，操作失败', data: null })).outcome).toBe('rejected');
    expect(pushplus.verdict(reply(200, 'not json'))).toEqual({ outcome: 'rejected', detail: 'HTTP 200: not json' });
  });

  it('never passes the token on, even when a reply quotes it', () => {
    for (const status of [200, 400, 500]) {
      for (const code of [903, 999, 500]) {
        expect(JSON.stringify(pushplus.verdict(reply(status, { code, msg: `token ${TOKEN} 无效` })))).not.toContain(
          TOKEN,
        );
      }
      expect(JSON.stringify(pushplus.verdict(reply(status, `bad ${TOKEN}`)))).not.toContain(TOKEN);
    }
  });
});
