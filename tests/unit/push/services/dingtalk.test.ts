import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dingtalk, dingtalkSign, dingtalkTarget } from '@/lib/push/services/dingtalk';
import { merged, reminder, reply, SENT_AT, testMessage } from '../helpers/messages';

// DingTalk custom robot: https://open.dingtalk.com/document/orgapp/custom-robot-access; the
// signature vectors and the replies are those of docs/push-research/2-dingtalk-wecom-feishu-webhook.md
// §1.3 and §1.4 (replies quoted from issue threads: DingTalk publishes no error table for robots).

const TOKEN = 'b6f1c0d8e2a94f7c8d3e5a1b2c4d6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const URL_ = `https://oapi.dingtalk.com/robot/send?access_token=${TOKEN}`;
const SECRET = 'SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd';
const MORE = ', more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]';

const content = (body: string | undefined) => JSON.parse(body ?? '').text.content as string;

describe('dingtalk signature (§1.3)', () => {
  it('matches the research’s vectors, Base64 and URL-encoded once', () => {
    expect(dingtalkSign('this is secret', 1577262236757)).toBe('hmPWwU+7lVdm3ZZz0r9tSfx0L4Q26jWOZr9+Gs6EZQM=');
    expect(dingtalkSign('SECtest', 1700000000000)).toBe('aZLLrriXgn05YbwaGR7knYsLeJADjr9NwLaNNKpxh4g=');
    const url = dingtalk.request(
      reminder({ sentAt: 1577262236757 }),
      {},
      { webhookUrl: URL_, signSecret: 'this is secret' },
    ).url;
    expect(url).toBe(`${URL_}&timestamp=1577262236757&sign=hmPWwU%2B7lVdm3ZZz0r9tSfx0L4Q26jWOZr9%2BGs6EZQM%3D`);
  });

  it('agrees with node:crypto for any secret and instant', () => {
    // Pasted secrets are trimmed: the property's secrets have no edges to trim.
    const secrets = fc.oneof(
      fc.string({ minLength: 1, unit: 'binary' }).filter((secret) => secret.trim() === secret),
      fc.constantFrom('SEC\uD83Dx', 'SEC\uDE00'), // half an emoji: Node signs U+FFFD's bytes
    );
    fc.assert(
      fc.property(secrets, fc.integer({ min: 0, max: 4_102_444_800_000 }), (secret, ts) => {
        const expected = createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64');
        const url = new URL(
          dingtalk.request(reminder({ sentAt: ts }), {}, { webhookUrl: URL_, signSecret: secret }).url,
        );
        expect(url.searchParams.get('sign')).toBe(expected);
        expect(url.searchParams.get('timestamp')).toBe(String(ts));
      }),
      { seed: 1, numRuns: 200 },
    );
  });
});

describe('dingtalk request', () => {
  it('sends a reminder as a text message, unsigned without a secret', () => {
    const message = reminder();
    expect(dingtalk.request(message, {}, { webhookUrl: URL_ })).toEqual({
      url: URL_,
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        msgtype: 'text',
        text: { content: `还有 5 分钟支付\nG101 北京南 → 上海虹桥 · 截止 14:04\n${message.url}` },
      }),
    });
  });

  it('signs with the message’s instant in milliseconds', () => {
    const request = dingtalk.request(merged(), {}, { webhookUrl: URL_, signSecret: SECRET });
    const sign = encodeURIComponent(dingtalkSign(SECRET, SENT_AT));
    expect(request.url).toBe(`${URL_}&timestamp=${SENT_AT}&sign=${sign}`);
    const many = merged();
    expect(content(request.body)).toBe(`${many.title}\n${many.body}\n${many.url}`);
  });

  it('prepends the keyword when the text lacks it, and only then', () => {
    const test = testMessage();
    expect(content(dingtalk.request(test, { keyword: '告警' }, { webhookUrl: URL_ }).body)).toBe(
      `告警 ${test.title}\n${test.body}\n${test.url}`,
    );
    expect(content(dingtalk.request(test, { keyword: 'PayClock' }, { webhookUrl: URL_ }).body)).toBe(
      `${test.title}\n${test.body}\n${test.url}`,
    );
  });

  it('rebuilds the URL from the token alone, and from an international robot’s URL', () => {
    expect(dingtalk.request(reminder(), {}, { webhookUrl: TOKEN }).url).toBe(URL_);
    const io = URL_.replace('.com', '.io');
    expect(dingtalk.request(reminder(), {}, { webhookUrl: `${io}&timestamp=1&sign=old` }).url).toBe(io);
  });

  it('sends server text with markup as it is, in a text message', () => {
    const body = '### <b>付款</b> [点我](https://evil.example)';
    const sent = JSON.parse(dingtalk.request(reminder({ body }), {}, { webhookUrl: URL_ }).body ?? '');
    expect(sent).toEqual({ msgtype: 'text', text: { content: expect.stringContaining(body) } });
  });

  it('never throws, whatever the text and fields', () => {
    // Any code point, and now and then half of one (a lone surrogate, which UTF-8 cannot carry).
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('\uD83D', 'a\uDE00b', '\uDE00\uD83D'));
    fc.assert(
      fc.property(text, text, text, text, (body, keyword, webhookUrl, signSecret) => {
        const request = dingtalk.request(reminder({ body }), { keyword }, { webhookUrl, signSecret });
        expect(content(request.body)).toContain(body);
        expect(content(request.body)).toContain(keyword.trim());
      }),
      { seed: 1, numRuns: 200 },
    );
  });
});

describe('dingtalk check', () => {
  it('accepts the whole URL or the token, and asks for the host used', () => {
    for (const webhookUrl of [URL_, TOKEN, ` ${URL_} `]) {
      expect(dingtalk.check({}, { webhookUrl, signSecret: SECRET })).toEqual({
        originPatterns: ['https://oapi.dingtalk.com/*'],
        secretHint: '…e8f9',
      });
    }
    expect(dingtalk.check({}, { webhookUrl: URL_.replace('.com', '.io') })).toHaveProperty('originPatterns', [
      'https://oapi.dingtalk.io/*',
    ]);
  });

  it('names each problem', () => {
    const problem = (webhookUrl: string, signSecret = '') => dingtalk.check({}, { webhookUrl, signSecret });
    expect(dingtalk.check({}, {})).toEqual([{ field: 'webhookUrl', problem: 'missing' }]);
    expect(problem(URL_.replace('https:', 'http:'))).toEqual([{ field: 'webhookUrl', problem: 'notHttps' }]);
    expect(problem(URL_.replace('oapi.dingtalk.com', 'oapi.dingtalk.com.evil.example'))).toEqual([
      { field: 'webhookUrl', problem: 'wrongHost' },
    ]);
    expect(problem('https://oapi.dingtalk.com/robot/send')).toEqual([{ field: 'webhookUrl', problem: 'invalid' }]);
    expect(problem(URL_.replace('/robot/send', '/robot/other'))).toEqual([{ field: 'webhookUrl', problem: 'invalid' }]);
    expect(problem('not a token')).toEqual([{ field: 'webhookUrl', problem: 'invalid' }]);
    // The URL pasted into the secret's field: not a SEC… secret.
    expect(problem(URL_, URL_)).toEqual([{ field: 'signSecret', problem: 'invalid' }]);
    expect(problem('', 'SEC')).toEqual([
      { field: 'webhookUrl', problem: 'missing' },
      { field: 'signSecret', problem: 'invalid' },
    ]);
  });

  it('never shows the token or the secret back', () => {
    const checked = JSON.stringify(dingtalk.check({}, { webhookUrl: URL_, signSecret: SECRET }));
    expect(checked).not.toContain(TOKEN.slice(0, 8));
    expect(checked).not.toContain(SECRET.slice(0, 8));
    expect(dingtalkTarget(URL_)).toEqual({ host: 'oapi.dingtalk.com', token: TOKEN });
  });
});

describe('dingtalk verdict (§1.4)', () => {
  const said = (errcode: number, errmsg: string) => dingtalk.verdict(reply(200, { errcode, errmsg }));

  it('sent on errcode 0', () => {
    expect(said(0, 'ok')).toEqual({ outcome: 'sent' });
  });

  it('rejects a message the keyword setting refused: that message lacked the keyword', () => {
    expect(said(310000, `keywords not in content${MORE}`)).toEqual({
      outcome: 'rejected',
      detail: `310000: keywords not in content${MORE}`,
    });
  });

  it('refuses the channel on a bad sign, a clock an hour off or an IP not allowed', () => {
    expect(said(310000, `sign not match${MORE}`)).toMatchObject({
      outcome: 'refused',
      detail: `310000: sign not match${MORE}`,
    });
    const newer =
      'description:机器人发送签名不匹配;solution:请确认签名和生成签名的时间戳必须都放在调用的网址中，请确认机器人的密钥加密和填写正确';
    expect(said(310000, newer)).toMatchObject({ outcome: 'refused', detail: expect.stringContaining('签名不匹配') });
    expect(said(310000, `invalid timestamp${MORE}`)).toMatchObject({ outcome: 'refused' });
    const ip = said(310000, 'ip 203.0.113.7 not in whitelist');
    expect(ip).toEqual({ outcome: 'refused', detail: '310000: ip … not in whitelist' });
  });

  it('refuses a token that does not exist (300001, and 300005 for external groups)', () => {
    expect(said(300001, 'token is not exist')).toEqual({ outcome: 'refused', detail: '300001: token is not exist' });
    expect(said(300005, 'token is not exist')).toMatchObject({ outcome: 'refused' });
  });

  it('waits out the 10-minute throttle after "send too fast" (130101)', () => {
    const body = { status: 1111, wait: 5, errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' };
    expect(dingtalk.verdict(reply(200, body))).toEqual({
      outcome: 'retry',
      detail: '130101: send too fast, exceed 20 times per minute',
      retryAfterMs: 600_000,
    });
  });

  it('rejects other codes and other bodies; retries 5xx and 429', () => {
    expect(said(400101, 'unknown')).toEqual({ outcome: 'rejected', detail: '400101: unknown' });
    expect(dingtalk.verdict(reply(200, '<html>gateway</html>'))).toEqual({
      outcome: 'rejected',
      detail: 'HTTP 200: gateway',
    });
    expect(dingtalk.verdict(reply(503, 'busy', '120'))).toEqual({
      outcome: 'retry',
      detail: 'HTTP 503: busy',
      retryAfterMs: 120_000,
    });
  });

  it('keeps a token the reply echoes out of the detail', () => {
    const verdict = dingtalk.verdict(reply(404, `no robot for access_token=${TOKEN}`));
    expect(verdict).toEqual({ outcome: 'rejected', detail: 'HTTP 404: no robot for access_token=…' });
  });
});

describe('dingtalk busy', () => {
  it('tries "-1 系统繁忙" again rather than dropping the alert', () => {
    expect(dingtalk.verdict(reply(200, { errcode: -1, errmsg: '系统繁忙' })).outcome).toBe('retry');
  });
});
