import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bark, barkKey } from '@/lib/push/services/bark';
import { PUSH_SERVICES } from '@/lib/push/services';
import { bodyOf, markup, merged, reminder, reply, testMessage } from '../helpers/messages';

// Bark: https://bark.day.app/#/en-us/tutorial, https://github.com/Finb/bark-server/blob/master/docs/API_V2.md
// (docs/push-research/1-…md §1).

/** The key in bark-server's API_V2.md example. */
const KEY = 'ynJ5Ft4atkMkWeo2PAvFhF';
const OFFICIAL = { baseUrl: 'https://api.day.app' };
const secrets = { deviceKey: KEY };

describe('bark request', () => {
  it('sends a reminder as v2 JSON to <base>/push, the key in the body, time-sensitive, tap → pay page', () => {
    const request = bark.request(reminder(), OFFICIAL, secrets);
    expect(request).toEqual({
      url: 'https://api.day.app/push',
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: JSON.stringify({
        device_key: KEY,
        title: '还有 5 分钟支付',
        body: 'G101 北京南 → 上海虹桥 · 截止 14:04',
        url: 'https://kyfw.12306.cn/otn/view/train_order.html',
        group: 'PayClock',
        level: 'timeSensitive',
      }),
    });
  });

  it('has the documented example’s fields (tutorial: {"body", "title", "device_key"})', () => {
    // curl -X POST https://api.day.app/push -d '{"body": "Test Bark Server", "title": "Test Title", "device_key": "your_key"}'
    const request = bark.request(reminder({ title: 'Test Title', body: 'Test Bark Server', urgent: false }), OFFICIAL, {
      deviceKey: 'your_key',
    });
    expect(request.url).toBe('https://api.day.app/push');
    expect(bodyOf(request)).toMatchObject({ body: 'Test Bark Server', title: 'Test Title', device_key: 'your_key' });
    expect(bodyOf(request)).not.toHaveProperty('level');
  });

  it('sends a merged message with every line, and a test message at the default level', () => {
    expect(bodyOf(bark.request(merged(), OFFICIAL, secrets))).toMatchObject({
      title: 'PayClock：3 条提醒',
      body: '还有 5 分钟支付 G101 北京南 → 上海虹桥 · 截止 14:04\n12306 登录已过期 登录 12306 以继续监控订单\n新订单 K8 上海 → 北京 · 截止 14:34',
      level: 'timeSensitive',
    });
    const request = bark.request(testMessage(), OFFICIAL, secrets);
    expect(bodyOf(request)).toEqual({
      device_key: KEY,
      title: 'PayClock 测试消息',
      body: '收到这条消息，说明 PayClock 能把支付提醒推送到这里。',
      url: 'https://kyfw.12306.cn/otn/view/train_order.html',
      group: 'PayClock',
    });
  });

  it('sends to a self-hosted server under its path prefix (bark-server --url-prefix)', () => {
    const request = bark.request(reminder(), { baseUrl: 'https://bark.example.com/bark/' }, secrets);
    expect(request.url).toBe('https://bark.example.com/bark/push');
    expect(bark.check({ baseUrl: 'https://bark.example.com:8443/bark/' }, secrets)).toEqual({
      originPatterns: ['https://bark.example.com/*'],
      secretHint: '…vFhF',
    });
  });

  it('sends server text as plain `body`, never `markdown`', () => {
    const request = bark.request(markup(), OFFICIAL, secrets);
    expect(bodyOf(request).body).toBe(markup().body);
    expect(bodyOf(request)).not.toHaveProperty('markdown');
  });

  it('takes the key out of a pasted Bark URL and never puts a key in the URL', () => {
    const pasted = `https://api.day.app/${KEY}/${encodeURIComponent('这里改成你自己的推送内容')}`;
    expect(bodyOf(bark.request(reminder(), OFFICIAL, { deviceKey: pasted })).device_key).toBe(KEY);
    expect(
      barkKey(`https://bark.example.com/bark/${KEY}/title/body?level=active`, 'https://bark.example.com/bark'),
    ).toBe(KEY);
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[\w-]{8,40}$/)), fc.string(), (key, base) => {
        const request = bark.request(reminder(), { baseUrl: base }, { deviceKey: key });
        if (/^[\w-]{8,40}$/.test(key)) expect(request.url).not.toContain(key);
        expect(() => JSON.parse(request.body ?? '')).not.toThrow();
      }),
    );
  });
});

describe('bark check', () => {
  it('gives the origin and a hint for the official server', () => {
    expect(bark.check(OFFICIAL, secrets)).toEqual({ originPatterns: ['https://api.day.app/*'], secretHint: '…vFhF' });
    expect(bark.check(OFFICIAL, { deviceKey: `  https://api.day.app/${KEY}/hello  ` })).toEqual({
      originPatterns: ['https://api.day.app/*'],
      secretHint: '…vFhF',
    });
  });

  it('says what is wrong with each field', () => {
    expect(bark.check(OFFICIAL, {})).toEqual([{ field: 'deviceKey', problem: 'missing' }]);
    expect(bark.check({ baseUrl: '' }, secrets)).toEqual([{ field: 'baseUrl', problem: 'missing' }]);
    expect(bark.check({ baseUrl: 'http://bark.example.com' }, secrets)).toEqual([
      { field: 'baseUrl', problem: 'notHttps' },
    ]);
    expect(bark.check({ baseUrl: 'https://bark.example.com/?x=1' }, secrets)).toEqual([
      { field: 'baseUrl', problem: 'invalid' },
    ]);
    expect(bark.check({ baseUrl: 'https://u:p@bark.example.com' }, secrets)).toEqual([
      { field: 'baseUrl', problem: 'invalid' },
    ]);
    // The Bark URL pasted into the server field: the key would travel in the URL.
    expect(bark.check({ baseUrl: `https://api.day.app/${KEY}/` }, secrets)).toEqual([
      { field: 'baseUrl', problem: 'invalid' },
    ]);
    expect(bark.check(OFFICIAL, { deviceKey: 'a b' })).toEqual([{ field: 'deviceKey', problem: 'invalid' }]);
    expect(bark.check(OFFICIAL, { deviceKey: 'https://api.day.app/push' })).toEqual([
      { field: 'deviceKey', problem: 'invalid' },
    ]);
    // A key copied from a self-hosted server while the base URL is still the official one.
    expect(bark.check(OFFICIAL, { deviceKey: `https://bark.example.com/${KEY}/hi` })).toEqual([
      { field: 'deviceKey', problem: 'wrongHost' },
    ]);
  });

  it('never shows more than the key’s last 4 characters', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[\w-]{8,100}$/), (key) => {
        const checked = bark.check(OFFICIAL, { deviceKey: key });
        expect(Array.isArray(checked)).toBe(false);
        if (!Array.isArray(checked)) expect(checked.secretHint).toBe(`…${key.slice(-4)}`);
      }),
    );
  });

  it('is registered', () => {
    expect(PUSH_SERVICES.bark).toBe(bark);
  });
});

describe('bark verdict', () => {
  it('sent: HTTP 200 {"code":200,"message":"success"} (bark-server router.go)', () => {
    expect(bark.verdict(reply(200, { code: 200, message: 'success', timestamp: 1700000000 }))).toEqual({
      outcome: 'sent',
    });
  });

  it('refused: an unknown key (bark-server issue #49), without the key bark-server echoes', () => {
    const documented = {
      code: 400,
      message: 'failed to get device token: failed to get [register] device token from database',
      timestamp: 1614847171,
    };
    expect(bark.verdict(reply(400, documented)).outcome).toBe('refused');
    const echoed = bark.verdict(
      reply(400, {
        ...documented,
        message: `failed to get device token: failed to get [${KEY}] device token from database`,
      }),
    );
    expect(echoed.outcome).toBe('refused');
    expect(echoed).toHaveProperty('detail');
    expect(JSON.stringify(echoed)).not.toContain(KEY);
    expect(bark.verdict(reply(400, { code: 400, message: 'device key is empty', timestamp: 1 })).outcome).toBe(
      'refused',
    );
  });

  it('refused: a dead device registration, Basic auth, or no Bark at the base URL', () => {
    const dead = { code: 500, message: 'push failed: APNS push failed: BadDeviceToken', timestamp: 1 };
    expect(bark.verdict(reply(500, dead)).outcome).toBe('refused');
    expect(bark.verdict(reply(500, { ...dead, message: 'push failed: APNS push failed: Unregistered' })).outcome).toBe(
      'refused',
    );
    expect(bark.verdict(reply(418, "I'm a teapot")).outcome).toBe('refused');
    expect(bark.verdict(reply(401, 'Unauthorized')).outcome).toBe('refused');
    expect(bark.verdict(reply(404, 'Cannot POST /push')).outcome).toBe('refused');
  });

  it('retry: APNs trouble (bark-server issue #76) and overload, with Retry-After', () => {
    const apns = { code: 500, message: 'push failed: APNS push failed: ExpiredProviderToken', timestamp: 1 };
    expect(bark.verdict(reply(500, apns))).toEqual({ outcome: 'retry', detail: `HTTP 500: ${JSON.stringify(apns)}` });
    expect(bark.verdict(reply(503, 'busy', '30'))).toEqual({
      outcome: 'retry',
      detail: 'HTTP 503: busy',
      retryAfterMs: 30_000,
    });
    expect(bark.verdict(reply(429, '', '7')).outcome).toBe('retry');
  });

  it('rejected: a body Bark cannot take (issue #72 PayloadTooLarge, bind failed) or a 200 that is not Bark', () => {
    expect(bark.verdict(reply(400, { code: 400, data: null, message: '推送发送失败 PayloadTooLarge' })).outcome).toBe(
      'rejected',
    );
    expect(
      bark.verdict(reply(400, { code: 400, message: 'request bind failed: unexpected EOF', timestamp: 1 })).outcome,
    ).toBe('rejected');
    const html = bark.verdict(reply(200, '<html><b>Welcome</b></html>'));
    expect(html).toEqual({ outcome: 'rejected', detail: 'HTTP 200: Welcome' });
  });
});
