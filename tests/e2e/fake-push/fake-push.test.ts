// Checks the fake push services the way a browser reaches them: CONNECT through the proxy, TLS for
// the service's host name, then HTTP/1.1. The signature checks are first held to the vectors the
// research quotes (published by the vendor or the spec, or cross-checked there), so the fake verifies
// what the services verify, not what the extension happens to compute.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startProxy, type Proxy } from '../harness/proxy';
import { throughProxy } from '../harness/through-proxy';
import { serverchan } from '../../../lib/push/services/serverchan';
import { DEFAULT_ACCOUNTS, PUSH_HOSTS, startFakePush, type FakePush } from './server';
import { dingtalkSign, feishuSign, standardWebhookSign } from './signatures';

const MINUTE = 60_000;
// The fake's clock, fixed so signature windows can be tested to the second.
const CLOCK = Date.UTC(2026, 11, 5, 6, 30, 0);

let push: FakePush;
let proxy: Proxy;
const { send } = throughProxy(() => proxy.port);

const postJson = (host: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
  send(host, 'POST', path, {
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const parsed = (answer: { body: string }) => JSON.parse(answer.body) as Record<string, unknown>;

beforeAll(async () => {
  push = await startFakePush({ now: () => CLOCK });
  proxy = await startProxy(push.routes);
});
afterAll(async () => {
  await proxy.close();
  await push.close();
});
beforeEach(() => push.reset());

describe('signatures, held to the published vectors', () => {
  it('DingTalk: key = secret, message = timestamp + "\\n" + secret, Base64', () => {
    expect(dingtalkSign('this is secret', '1577262236757')).toBe('hmPWwU+7lVdm3ZZz0r9tSfx0L4Q26jWOZr9+Gs6EZQM=');
    expect(dingtalkSign('SECtest', '1700000000000')).toBe('aZLLrriXgn05YbwaGR7knYsLeJADjr9NwLaNNKpxh4g=');
  });

  it('Feishu: key = timestamp + "\\n" + secret, empty message (not the DingTalk arrangement)', () => {
    expect(feishuSign('mysecret', '1700000000')).toBe('Jp33/xXhCipDEpjyHvEyc7mRSyXWHbNz6J8+C3qQKNo=');
    expect(feishuSign('demo', '1599360473')).toBe('l1N0gAcBjdwBvGm1xMjOF0XSyaLRpR7tuO5dHfhAYc8=');
    expect(dingtalkSign('mysecret', '1700000000')).not.toBe('Jp33/xXhCipDEpjyHvEyc7mRSyXWHbNz6J8+C3qQKNo=');
  });

  it('Standard Webhooks: the reference library test vector', () => {
    expect(
      standardWebhookSign(
        'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
        'msg_p5jXN8AQM9LWM0D4loKWxJek',
        '1614265330',
        '{"test": 2432232314}',
      ),
    ).toBe('g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });
});

describe('the hosts', () => {
  it('answers on every real host name through the proxy, with a certificate naming it', async () => {
    for (const host of Object.keys(PUSH_HOSTS)) expect(push.routes[`${host}:443`]).toBe(push.port);
    const answer = await send('api.day.app', 'GET', '/ping-unknown/a/b/c/d/e');
    expect(answer.status).toBe(404);
    for (const host of Object.keys(PUSH_HOSTS)) expect(answer.san).toContain(`DNS:${host}`);
  });
});

describe('Bark', () => {
  const key = DEFAULT_ACCOUNTS.bark.deviceKey;

  it('takes v2 JSON with device_key in the body, and records title, body, url and level', async () => {
    const answer = await postJson('api.day.app', '/push', {
      device_key: key,
      title: '还有 5 分钟支付',
      body: 'G101 北京南 → 上海虹桥',
      url: 'https://kyfw.12306.cn/otn/view/train_order.html',
      level: 'timeSensitive',
      group: 'PayClock',
    });
    expect(answer.status).toBe(200);
    expect(parsed(answer)).toEqual({ code: 200, message: 'success', timestamp: CLOCK / 1000 });
    expect(push.messagesTo('bark')).toMatchObject([
      {
        host: 'api.day.app',
        title: '还有 5 分钟支付',
        text: 'G101 北京南 → 上海虹桥',
        url: 'https://kyfw.12306.cn/otn/view/train_order.html',
        urgency: 'timeSensitive',
        at: CLOCK,
      },
    ]);
  });

  it('takes the v1 path form, each segment URL-decoded', async () => {
    const answer = await send(
      'api.day.app',
      'GET',
      `/${key}/${encodeURIComponent('标题')}/${encodeURIComponent('a/b c')}?url=${encodeURIComponent('https://x.test/p')}`,
    );
    expect(answer.status).toBe(200);
    expect(push.messages[0]).toMatchObject({ title: '标题', text: 'a/b c', url: 'https://x.test/p' });
  });

  it('refuses an unknown key with HTTP 400 "failed to get device token", bad JSON with "request bind failed"', async () => {
    const refused = await postJson('api.day.app', '/push', { device_key: 'wrong', body: 'x' });
    expect(refused.status).toBe(400);
    expect(parsed(refused).message).toMatch(/^failed to get device token/);
    const empty = await postJson('api.day.app', '/push', { body: 'x' });
    expect(parsed(empty)).toMatchObject({ code: 400, message: 'device key is empty' });
    const bad = await postJson('api.day.app', '/push', '{"device_key":');
    expect(bad.status).toBe(400);
    expect(parsed(bad).message).toMatch(/^request bind failed/);
    expect(push.messages).toHaveLength(0);
    expect(push.requests.map((request) => request.verdict)).toEqual(['refused', 'refused', 'rejected']);
  });
});

describe('Server酱', () => {
  const { turboKey, sc3Key } = DEFAULT_ACCOUNTS.serverchan;

  it('takes Turbo at sctapi.ftqq.com/<key>.send and Server酱³ at <uid>.push.ft07.com/send/<key>.send', async () => {
    const turbo = await postJson('sctapi.ftqq.com', `/${turboKey}.send`, {
      title: 'T',
      desp: '[pay](https://p.test/1)',
    });
    expect(parsed(turbo).code).toBe(0);
    const form = await send('1234.push.ft07.com', 'POST', `/send/${sc3Key}.send`, {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ title: '标题', desp: '正文' }).toString(),
    });
    expect(parsed(form).code).toBe(0);
    expect(push.messages.map((m) => [m.host, m.title, m.text, m.url])).toEqual([
      ['sctapi.ftqq.com', 'T', '[pay](https://p.test/1)', 'https://p.test/1'],
      ['1234.push.ft07.com', '标题', '正文', null],
    ]);
  });

  it('refuses a wrong key, or an SC3 key on the wrong form of host; HTTP 200 or 400 as the variant says', async () => {
    const wrong = await postJson('sctapi.ftqq.com', '/SCTwrong.send', { title: 'T' });
    expect(wrong.status).toBe(200);
    expect(parsed(wrong).code).not.toBe(0);
    expect((await postJson('sctapi.ftqq.com', `/${sc3Key}.send`, { title: 'T' })).status).toBe(200);
    push.variants.serverchanRefusal = 'http400';
    expect((await postJson('1234.push.ft07.com', `/send/${turboKey}.send`, { title: 'T' })).status).toBe(400);
    expect(push.messages).toHaveLength(0);
  });

  it('answers a wrong key and its per-minute quota in words the extension tells apart', async () => {
    const verdict = (answer: { status: number; body: string }) =>
      serverchan.verdict({ status: answer.status, body: answer.body, retryAfter: null }).outcome;
    for (const variant of ['code200', 'http400'] as const) {
      push.variants.serverchanRefusal = variant;
      expect(verdict(await postJson('sctapi.ftqq.com', '/SCTwrong.send', { title: 'T' })), variant).toBe('refused');
      push.setFailure('sctapi.ftqq.com', { kind: 'rateLimited' }, { times: 1 });
      const limited = await postJson('sctapi.ftqq.com', `/${turboKey}.send`, { title: 'T' });
      expect(parsed(limited).message, variant).toMatch(/^\[AUTH\]超过分钟的发送次数限制/);
      expect(verdict(limited), variant).toBe('retry');
    }
  });
});

describe('PushPlus', () => {
  const token = DEFAULT_ACCOUNTS.pushplus.token;

  it('takes JSON at /send and answers code 200 with a message id', async () => {
    const answer = await postJson('www.pushplus.plus', '/send', {
      token,
      title: '标题',
      content: '内容',
      template: 'txt',
    });
    expect(answer.status).toBe(200);
    expect(parsed(answer)).toMatchObject({ code: 200, msg: '请求成功' });
    expect(push.messages[0]).toMatchObject({ title: '标题', text: '内容', expired: false });
  });

  it('refuses a wrong token with code 903, in HTTP 200 or (variant) HTTP 400; a form body is unreadable', async () => {
    const wrong = await postJson('www.pushplus.plus', '/send', { token: 'nope', content: 'x' });
    expect([wrong.status, parsed(wrong).code]).toEqual([200, 903]);
    push.variants.pushplusErrorStatus = 400;
    const again = await postJson('www.pushplus.plus', '/send', { token: 'nope', content: 'x' });
    expect([again.status, parsed(again).code]).toEqual([400, 903]);
    const form = await send('www.pushplus.plus', 'POST', '/send', {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `token=${token}&content=x`,
    });
    expect(parsed(form).code).toBe(999);
    expect(push.messages).toHaveLength(0);
  });

  it('marks a message whose timestamp has passed as never delivered', async () => {
    await postJson('www.pushplus.plus', '/send', { token, content: 'late', timestamp: CLOCK - 1 });
    expect(push.messages[0]!.expired).toBe(true);
  });
});

describe('ntfy', () => {
  const { topic, token } = DEFAULT_ACCOUNTS.ntfy;

  it('takes JSON at the root with the topic in the body and the token in Authorization', async () => {
    const answer = await postJson(
      'ntfy.sh',
      '/',
      { topic, title: '还有 1 分钟', message: 'G7', priority: 4, click: 'https://pay.test/' },
      { Authorization: `Bearer ${token}` },
    );
    expect(answer.status).toBe(200);
    expect(parsed(answer)).toMatchObject({ event: 'message', topic, title: '还有 1 分钟', message: 'G7', priority: 4 });
    expect(push.messages[0]).toMatchObject({
      title: '还有 1 分钟',
      text: 'G7',
      url: 'https://pay.test/',
      urgency: '4',
    });
  });

  it('takes the text to /<topic> with Title (RFC 2047), Click and Priority headers', async () => {
    const answer = await send('ntfy.sh', 'POST', `/${topic}`, {
      headers: {
        Authorization: `Bearer ${token}`,
        Title: `=?UTF-8?B?${Buffer.from('标题').toString('base64')}?=`,
        Click: 'https://c.test/',
        Priority: 'high',
      },
      body: '正文',
    });
    expect(answer.status).toBe(200);
    expect(push.messages[0]).toMatchObject({ title: '标题', text: '正文', url: 'https://c.test/', urgency: '4' });
  });

  it('answers 403 40301 without the token, 401 40101 with a wrong one, 400 40017 for non-JSON at the root', async () => {
    const none = await postJson('ntfy.sh', '/', { topic, message: 'x' });
    expect([none.status, parsed(none).code]).toEqual([403, 40301]);
    const wrong = await postJson('ntfy.sh', '/', { topic, message: 'x' }, { Authorization: 'Bearer tk_wrong' });
    expect([wrong.status, parsed(wrong).code]).toEqual([401, 40101]);
    const text = await send('ntfy.sh', 'POST', '/', { body: 'not json' });
    expect([text.status, parsed(text).code]).toEqual([400, 40017]);
    expect(push.messages).toHaveLength(0);
  });
});

describe('DingTalk', () => {
  const { accessToken, secret } = DEFAULT_ACCOUNTS.dingtalk;
  const signedPath = (timestamp = CLOCK, signWith = secret!) =>
    `/robot/send?access_token=${accessToken}&timestamp=${timestamp}&sign=${encodeURIComponent(dingtalkSign(signWith, String(timestamp)))}`;
  const textBody = (content: string) => ({ msgtype: 'text', text: { content } });

  it('takes a signed message and records it as signed', async () => {
    const answer = await postJson('oapi.dingtalk.com', signedPath(), {
      msgtype: 'actionCard',
      actionCard: {
        title: '还有 5 分钟支付',
        text: 'G101 北京南',
        singleTitle: '去支付',
        singleURL: 'https://pay.test/',
      },
    });
    expect(parsed(answer)).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(push.messages[0]).toMatchObject({
      title: '还有 5 分钟支付',
      text: 'G101 北京南',
      url: 'https://pay.test/',
      signed: true,
    });
  });

  it('refuses a wrong token (300001), a missing, wrong or twice-encoded sign, and a stale timestamp (310000)', async () => {
    const errcode = async (path: string) => parsed(await postJson('oapi.dingtalk.com', path, textBody('x'))).errcode;
    expect(await errcode(signedPath().replace(accessToken, 'nope'))).toBe(300001);
    expect(await errcode(`/robot/send?access_token=${accessToken}`)).toBe(310000);
    expect(await errcode(signedPath(CLOCK, 'SECwrong'))).toBe(310000);
    const twice = `/robot/send?access_token=${accessToken}&timestamp=${CLOCK}&sign=${encodeURIComponent(encodeURIComponent(dingtalkSign(secret!, String(CLOCK))))}`;
    expect(await errcode(twice)).toBe(310000);
    const stale = await postJson('oapi.dingtalk.com', signedPath(CLOCK - 61 * MINUTE), textBody('x'));
    expect(parsed(stale).errmsg).toMatch(/^invalid timestamp/);
    expect(push.messages).toHaveLength(0);
  });

  it('holds messages to the keyword: in the text, and in titles only where the variant says', async () => {
    push.accounts.dingtalk.keyword = 'PayClock';
    const markdown = (title: string, text: string) => ({ msgtype: 'markdown', markdown: { title, text } });
    expect(parsed(await postJson('oapi.dingtalk.com', signedPath(), markdown('PayClock', 'no word'))).errmsg).toMatch(
      /^keywords not in content/,
    );
    expect(parsed(await postJson('oapi.dingtalk.com', signedPath(), markdown('t', '【PayClock】 x'))).errcode).toBe(0);
    push.variants.keywordInTitle = true;
    expect(parsed(await postJson('oapi.dingtalk.com', signedPath(), markdown('PayClock', 'no word'))).errcode).toBe(0);
  });
});

describe('WeCom', () => {
  it('takes text at /cgi-bin/webhook/send?key=…, refuses a wrong key with 93000 naming an IP', async () => {
    const ok = await postJson('qyapi.weixin.qq.com', `/cgi-bin/webhook/send?key=${DEFAULT_ACCOUNTS.wecom.key}`, {
      msgtype: 'text',
      text: { content: '还有 5 分钟支付\nG101\nhttps://pay.test/' },
    });
    expect(parsed(ok)).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(push.messages[0]).toMatchObject({ title: '还有 5 分钟支付', url: 'https://pay.test/' });
    const wrong = await postJson('qyapi.weixin.qq.com', '/cgi-bin/webhook/send?key=nope-nope-nope', {
      msgtype: 'text',
      text: { content: 'x' },
    });
    expect(wrong.status).toBe(200);
    expect(parsed(wrong).errcode).toBe(93000);
    expect(parsed(wrong).errmsg).toMatch(/^invalid webhook url, hint: \[\d+\], from ip: [\d.]+/);
  });
});

describe('Feishu / Lark', () => {
  const { token } = DEFAULT_ACCOUNTS.feishu;
  const path = `/open-apis/bot/v2/hook/${token}`;

  it('takes text on both hosts; with signing on, only a good sign in the body (19021 otherwise)', async () => {
    expect(
      parsed(await postJson('open.larksuite.com', path, { msg_type: 'text', content: { text: 'hello' } })).code,
    ).toBe(0);
    push.accounts.feishu.secret = 'mysecret';
    const ts = String(CLOCK / 1000);
    const good = { timestamp: ts, sign: feishuSign('mysecret', ts), msg_type: 'text', content: { text: 'signed' } };
    expect(parsed(await postJson('open.feishu.cn', path, good)).code).toBe(0);
    const bad = { ...good, sign: dingtalkSign('mysecret', ts) };
    expect(parsed(await postJson('open.feishu.cn', path, bad))).toMatchObject({ code: 19021 });
    const unsigned = { msg_type: 'text', content: { text: 'x' } };
    expect(parsed(await postJson('open.feishu.cn', path, unsigned)).code).toBe(19021);
    expect(push.messages.map((m) => [m.host, m.text, m.signed])).toEqual([
      ['open.larksuite.com', 'hello', false],
      ['open.feishu.cn', 'signed', true],
    ]);
  });

  it('refuses a wrong token with 19001, a malformed body with 9499', async () => {
    expect(
      parsed(
        await postJson('open.feishu.cn', '/open-apis/bot/v2/hook/nope', { msg_type: 'text', content: { text: 'x' } }),
      ).code,
    ).toBe(19001);
    expect(parsed(await postJson('open.feishu.cn', path, '{"msg_type":'))).toEqual({
      code: 9499,
      msg: 'Bad Request',
      data: {},
    });
  });
});

describe('Telegram', () => {
  const { token, chatId } = DEFAULT_ACCOUNTS.telegram;

  it('takes sendMessage as JSON and records the text and the URL button', async () => {
    const answer = await postJson('api.telegram.org', `/bot${token}/sendMessage`, {
      chat_id: Number(chatId),
      text: '还有 5 分钟支付\nG101 &lt;北京南&gt;',
      parse_mode: 'HTML',
      reply_markup: { inline_keyboard: [[{ text: '去付款', url: 'https://pay.test/' }]] },
    });
    expect(parsed(answer)).toMatchObject({ ok: true, result: { chat: { id: Number(chatId) } } });
    expect(push.messages[0]).toMatchObject({
      title: '还有 5 分钟支付',
      text: 'G101 <北京南>',
      url: 'https://pay.test/',
    });
  });

  it('answers a wrong token 401 Unauthorized, an unknown chat 400, unescaped HTML 400', async () => {
    const wrong = await postJson('api.telegram.org', '/bot999:nope/sendMessage', { chat_id: chatId, text: 'x' });
    expect([wrong.status, parsed(wrong)]).toEqual([401, { ok: false, error_code: 401, description: 'Unauthorized' }]);
    const chat = await postJson('api.telegram.org', `/bot${token}/sendMessage`, { chat_id: '42', text: 'x' });
    expect(parsed(chat)).toMatchObject({ ok: false, error_code: 400, description: 'Bad Request: chat not found' });
    const html = await postJson('api.telegram.org', `/bot${token}/sendMessage`, {
      chat_id: chatId,
      text: 'a <script> & b',
      parse_mode: 'HTML',
    });
    expect(parsed(html).description).toMatch(/^Bad Request: can't parse entities/);
    expect(push.messages).toHaveLength(0);
  });
});

describe('the webhook', () => {
  const { path, secret } = DEFAULT_ACCOUNTS.webhook;
  const signed = (body: string, id = 'pc_1a2b', ts = String(CLOCK / 1000), key = secret!) => ({
    'webhook-id': id,
    'webhook-timestamp': ts,
    'webhook-signature': `v1,${standardWebhookSign(key, id, ts, body)}`,
  });

  it('takes a Standard Webhooks signed JSON body, and reads its title and pay URL', async () => {
    const body = JSON.stringify({ kind: 'remind', title: 'G101', minutesLeft: 5, payUrl: 'https://pay.test/' });
    const answer = await postJson('hooks.example.test', path, body, signed(body));
    expect(answer.status).toBe(200);
    expect(push.messages[0]).toMatchObject({ title: 'G101', url: 'https://pay.test/', signed: true });
    expect(push.messages[0]!.headers['webhook-id']).toBe('pc_1a2b');
  });

  it('refuses a wrong, missing or stale signature with 401 (or the variant status)', async () => {
    const body = '{"kind":"remind"}';
    expect(
      (await postJson('hooks.example.test', path, body, signed(body, 'pc_1', undefined, 'whsec_d3Jvbmc='))).status,
    ).toBe(401);
    expect((await postJson('hooks.example.test', path, body)).status).toBe(401);
    expect(
      (await postJson('hooks.example.test', path, body, signed(body, 'pc_1', String(CLOCK / 1000 - 301)))).status,
    ).toBe(401);
    push.variants.webhookRefusalStatus = 410;
    expect((await postJson('hooks.example.test', path, body, signed(`${body} `))).status).toBe(410);
    expect(push.messages).toHaveLength(0);
  });
});

describe('what a test can make a host do', () => {
  const barkPush = (key = DEFAULT_ACCOUNTS.bark.deviceKey) =>
    postJson('api.day.app', '/push', { device_key: key, body: 'x' });
  const telegramSend = () =>
    postJson('api.telegram.org', `/bot${DEFAULT_ACCOUNTS.telegram.token}/sendMessage`, {
      chat_id: DEFAULT_ACCOUNTS.telegram.chatId,
      text: 'x',
    });

  it('answers slowly, and counts requests in flight', async () => {
    push.setLatency('api.day.app', 300);
    const started = Date.now();
    await Promise.all([barkPush(), barkPush(), barkPush()]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(push.maxInFlight('api.day.app')).toBe(3);
    expect(push.inFlight()).toBe(0);
  });

  it('fails with a 5xx for a number of times, then answers again', async () => {
    push.setFailure('api.day.app', { kind: 'error5xx', status: 503 }, { times: 1 });
    const failed = await barkPush();
    expect([failed.status, failed.headers['content-type']]).toEqual([503, 'text/html']);
    expect((await barkPush()).status).toBe(200);
    expect(push.messages).toHaveLength(1);
  });

  it('rate-limits in each service’s own words', async () => {
    push.setFailure('api.telegram.org', { kind: 'rateLimited', retryAfterS: 41 });
    const telegram = await telegramSend();
    expect([telegram.status, parsed(telegram), telegram.headers['retry-after']]).toEqual([
      429,
      { ok: false, error_code: 429, description: 'Too Many Requests: retry after 41', parameters: { retry_after: 41 } },
      undefined,
    ]);
    push.setFailure('qyapi.weixin.qq.com', { kind: 'rateLimited' });
    const wecom = await postJson('qyapi.weixin.qq.com', `/cgi-bin/webhook/send?key=${DEFAULT_ACCOUNTS.wecom.key}`, {
      msgtype: 'text',
      text: { content: 'x' },
    });
    expect([wecom.status, parsed(wecom).errcode]).toEqual([200, 45009]);
    push.setFailure('api.day.app', { kind: 'http429', retryAfterS: 7 });
    const bark = await barkPush();
    expect([bark.status, bark.headers['retry-after']]).toEqual([429, '7']);
  });

  it('refuses the right key with the service’s own refusal', async () => {
    push.setFailure('api.telegram.org', { kind: 'refuse' });
    const answer = await telegramSend();
    expect([answer.status, parsed(answer).description]).toEqual([401, 'Unauthorized']);
    push.setFailure('api.day.app', { kind: 'refuse' });
    expect(parsed(await barkPush()).message).toMatch(/^failed to get device token/);
    expect(push.requests.map((request) => request.verdict)).toEqual(['refused', 'refused']);
  });

  it('hangs until the client gives up, recorded as pending', async () => {
    push.setFailure('api.day.app', { kind: 'hang' });
    const aborted = send('api.day.app', 'POST', '/push', { body: '{}', signal: AbortSignal.timeout(300) });
    await expect(aborted).rejects.toThrow();
    expect(push.requests.map((request) => [request.verdict, request.status])).toEqual([['failed', 0]]);
  });
});
