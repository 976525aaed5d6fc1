import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dingtalkSign } from '@/lib/push/services/dingtalk';
import { feishu, feishuSign, feishuTarget } from '@/lib/push/services/feishu';
import { merged, PAY_URL, reminder, reply, SENT_AT, testMessage } from '../helpers/messages';

// Feishu / Lark custom bot: https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot; the
// signature vectors and the replies are those of docs/push-research/2-dingtalk-wecom-feishu-webhook.md
// §3.3 and §3.4.

const TOKEN = '2b7d3c1e-9f4a-4e8b-a6c2-5d1f0e9a8b7c';
const URL_ = `https://open.feishu.cn/open-apis/bot/v2/hook/${TOKEN}`;
const LARK = `https://open.larksuite.com/open-apis/bot/v2/hook/${TOKEN}`;
const SECRET = 'q8Zb3TfW6yLmN2pXc4VdRe';

const sent = (body: string | undefined) => JSON.parse(body ?? '') as Record<string, unknown>;

describe('feishu signature (§3.3)', () => {
  it('matches the research’s vectors', () => {
    // A third-party repository's test value, re-computed by the research with Python and Node.
    expect(feishuSign('mysecret', 1700000000)).toBe('Jp33/xXhCipDEpjyHvEyc7mRSyXWHbNz6J8+C3qQKNo=');
    // The guide's example timestamp, computed by the research.
    expect(feishuSign('demo', 1599360473)).toBe('l1N0gAcBjdwBvGm1xMjOF0XSyaLRpR7tuO5dHfhAYc8=');
  });

  it('is not DingTalk’s arrangement (key and message the other way round: 19021)', () => {
    expect(dingtalkSign('mysecret', 1700000000)).not.toBe(feishuSign('mysecret', 1700000000));
  });

  it('agrees with node:crypto for any secret and instant, timestamp in seconds as a string', () => {
    const secrets = fc.string({ minLength: 1, unit: 'binary' }).filter((secret) => secret.trim() === secret);
    fc.assert(
      fc.property(secrets, fc.integer({ min: 0, max: 4_102_444_800_000 }), (secret, sentAt) => {
        const body = sent(feishu.request(reminder({ sentAt }), {}, { webhookUrl: URL_, signSecret: secret }).body);
        const seconds = String(Math.floor(sentAt / 1000));
        expect(body.timestamp).toBe(seconds);
        expect(body.sign).toBe(createHmac('sha256', `${seconds}\n${secret}`).update('').digest('base64'));
      }),
      { seed: 1, numRuns: 200 },
    );
  });
});

describe('feishu request', () => {
  it('sends a reminder as rich text: title, a text run a line, the pay URL as a link', () => {
    const message = reminder();
    expect(feishu.request(message, {}, { webhookUrl: URL_ })).toEqual({
      url: URL_,
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: JSON.stringify({
        msg_type: 'post',
        content: {
          post: {
            zh_cn: {
              title: '还有 5 分钟支付',
              content: [
                [{ tag: 'text', text: 'G101 北京南 → 上海虹桥 · 截止 14:04' }],
                [{ tag: 'a', text: PAY_URL, href: PAY_URL }],
              ],
            },
          },
        },
      }),
    });
  });

  it('signs a merged message in the body, before msg_type', () => {
    const many = merged();
    const request = feishu.request(many, {}, { webhookUrl: LARK, signSecret: ` ${SECRET} ` });
    expect(request.url).toBe(LARK);
    const seconds = SENT_AT / 1000;
    expect(request.body).toBe(
      JSON.stringify({
        timestamp: String(seconds),
        sign: feishuSign(SECRET, seconds),
        msg_type: 'post',
        content: {
          post: {
            zh_cn: {
              title: many.title,
              content: [
                ...many.body.split('\n').map((text) => [{ tag: 'text', text }]),
                [{ tag: 'a', text: PAY_URL, href: PAY_URL }],
              ],
            },
          },
        },
      }),
    );
  });

  it('puts the keyword in the first text run when the message lacks it', () => {
    type Post = { content: { post: { zh_cn: { title: string; content: { text: string }[][] } } } };
    const first = (keyword: string, body = testMessage().body) => {
      const zh = (sent(feishu.request({ ...testMessage(), body }, { keyword }, { webhookUrl: URL_ }).body) as Post)
        .content.post.zh_cn;
      expect(zh.title).toBe('PayClock 测试消息');
      return zh.content[0]?.[0]?.text;
    };
    expect(first('告警')).toBe(`告警 ${testMessage().body}`);
    expect(first('告警', '')).toBe('告警');
    expect(first('PayClock')).toBe(testMessage().body);
    expect(first('测试消息')).toBe(`测试消息 ${testMessage().body}`); // in the title only: not enough
    expect(first('  ')).toBe(testMessage().body);
  });

  it('sends server text with markup as text runs, and a non-web URL as text', () => {
    const body = '<at user_id="all">所有人</at> **付款** [点我](https://evil.example)';
    const request = feishu.request(
      reminder({ body, url: 'chrome-extension://abc/options.html' }),
      {},
      { webhookUrl: URL_ },
    );
    expect(request.body).toContain(
      JSON.stringify([[{ tag: 'text', text: body }], [{ tag: 'text', text: 'chrome-extension://abc/options.html' }]]),
    );
  });

  it('never throws, whatever the text and fields', () => {
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('\uD83D', 'a\uDE00b'));
    fc.assert(
      fc.property(text, text, text, text, (title, body, webhookUrl, signSecret) => {
        const request = feishu.request(reminder({ title, body }), { keyword: body }, { webhookUrl, signSecret });
        expect(request.body).toContain('"msg_type":"post"');
      }),
      { seed: 1, numRuns: 200 },
    );
  });
});

describe('feishu check', () => {
  it('accepts Feishu’s and Lark’s webhook URLs, asking for the host used', () => {
    expect(feishu.check({}, { webhookUrl: URL_, signSecret: SECRET })).toEqual({
      originPatterns: ['https://open.feishu.cn/*'],
      secretHint: '…8b7c',
    });
    expect(feishu.check({}, { webhookUrl: ` ${LARK} ` })).toEqual({
      originPatterns: ['https://open.larksuite.com/*'],
      secretHint: '…8b7c',
    });
  });

  it('names each problem', () => {
    const problem = (webhookUrl: string, signSecret = '') => feishu.check({}, { webhookUrl, signSecret });
    expect(feishu.check({}, {})).toEqual([{ field: 'webhookUrl', problem: 'missing' }]);
    expect(problem(URL_.replace('https:', 'http:'))).toEqual([{ field: 'webhookUrl', problem: 'notHttps' }]);
    expect(problem(URL_.replace('open.feishu.cn', 'open.feishu.cn.evil.example'))).toEqual([
      { field: 'webhookUrl', problem: 'wrongHost' },
    ]);
    // A bare token: Feishu's or Lark's? The whole URL says.
    expect(problem(TOKEN)).toEqual([{ field: 'webhookUrl', problem: 'invalid' }]);
    // The legacy v1 path takes plain text only.
    expect(problem(URL_.replace('/v2/', '/'))).toEqual([{ field: 'webhookUrl', problem: 'invalid' }]);
    expect(problem('https://open.feishu.cn/open-apis/bot/v2/hook/')).toEqual([
      { field: 'webhookUrl', problem: 'invalid' },
    ]);
    expect(problem(URL_, 'two words')).toEqual([{ field: 'signSecret', problem: 'invalid' }]);
  });

  it('never shows the token or the secret back', () => {
    const checked = JSON.stringify(feishu.check({}, { webhookUrl: URL_, signSecret: SECRET }));
    expect(checked).not.toContain(TOKEN.slice(0, 8));
    expect(checked).not.toContain(SECRET.slice(0, 8));
    expect(feishuTarget(LARK)).toEqual({ host: 'open.larksuite.com', token: TOKEN });
  });
});

describe('feishu verdict (§3.4)', () => {
  const said = (code: number, msg: string) => feishu.verdict(reply(200, { code, msg, data: {} }));

  it('sent on code 0, and on an older reply’s StatusCode 0', () => {
    const ok = { code: 0, msg: 'success', data: {}, Extra: null, StatusCode: 0, StatusMessage: 'success' };
    expect(feishu.verdict(reply(200, ok))).toEqual({ outcome: 'sent' });
    expect(feishu.verdict(reply(200, { StatusCode: 0, StatusMessage: 'success' }))).toEqual({ outcome: 'sent' });
  });

  it('refuses the channel on a bad token, signature, clock or IP', () => {
    expect(said(19001, 'param invalid: incoming webhook access token invalid')).toEqual({
      outcome: 'refused',
      detail: '19001: param invalid: incoming webhook access token invalid',
    });
    const sign = said(19021, 'sign match fail or timestamp is not within one hour from current time');
    expect(sign).toEqual({
      outcome: 'refused',
      detail: '19021: sign match fail or timestamp is not within one hour from current time',
    });
    expect(said(19022, 'Ip Not Allowed')).toMatchObject({ outcome: 'refused' });
  });

  it('rejects a message without the keyword (19024) and a bad request (9499)', () => {
    expect(said(19024, 'Key Words Not Found')).toEqual({ outcome: 'rejected', detail: '19024: Key Words Not Found' });
    expect(said(9499, 'Bad Request')).toEqual({ outcome: 'rejected', detail: '9499: Bad Request' });
  });

  it('retries when throttled (11232, or 9499 "too many request"), 5xx and 429', () => {
    expect(said(11232, 'frequency limited')).toEqual({ outcome: 'retry', detail: '11232: frequency limited' });
    expect(said(9499, 'too many request')).toEqual({ outcome: 'retry', detail: '9499: too many request' });
    expect(feishu.verdict(reply(429, '', '7'))).toEqual({ outcome: 'retry', detail: 'HTTP 429:', retryAfterMs: 7000 });
    expect(feishu.verdict(reply(500, 'oops'))).toEqual({ outcome: 'retry', detail: 'HTTP 500: oops' });
  });

  it('rejects a reply that is not the service’s, with any token it echoes blotted out', () => {
    expect(feishu.verdict(reply(404, `404 page not found: /open-apis/bot/v2/hook/${TOKEN}`))).toEqual({
      outcome: 'rejected',
      detail: 'HTTP 404: 404 page not found: /open-apis/bot/v2/hook/…',
    });
  });
});
