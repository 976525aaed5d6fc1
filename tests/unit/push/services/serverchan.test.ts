import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PUSH_SERVICES } from '@/lib/push/services';
import { markdownText, serverchan, serverchanKey, serverchanUrl } from '@/lib/push/services/serverchan';
import { bodyOf, markup, merged, reminder, reply, testMessage } from '../helpers/messages';

// Server酱: https://doc2.ft07.com/serverchan3/server/api and easychen/serverchan-sdk
// (docs/push-research/1-…md §2).

const TURBO = 'SCT171556TUitezllQAZBQWUhyDWRIY9RK';
/** The research's worked example of the documented regex /^sctp(\d+)t/. */
const SC3 = 'sctp12345tABCdef';

describe('serverchan urls', () => {
  it('follows the SDK: sctp keys to https://<uid>.push.ft07.com/send/<key>.send, others to sctapi', () => {
    expect(serverchanUrl(SC3)).toEqual({
      url: 'https://12345.push.ft07.com/send/sctp12345tABCdef.send',
      originPattern: 'https://12345.push.ft07.com/*',
    });
    expect(serverchanUrl('SCT1234567TAbCdEf')).toEqual({
      url: 'https://sctapi.ftqq.com/SCT1234567TAbCdEf.send',
      originPattern: 'https://sctapi.ftqq.com/*',
    });
  });

  it('takes keys, or the API URL copied from the SendKey page, and refuses other shapes', () => {
    expect(serverchanKey(` ${TURBO} `)).toBe(TURBO);
    expect(serverchanKey(`https://sctapi.ftqq.com/${TURBO}.send`)).toBe(TURBO);
    expect(serverchanKey(`https://12345.push.ft07.com/send/${SC3}.send?title=hi`)).toBe(SC3);
    expect(serverchanKey('sctpXYZtABCdef')).toBeNull(); // no uid
    expect(serverchanKey('sctp12345ABCdef')).toBeNull(); // no t after the uid
    expect(serverchanKey('SCTPABCDEF'.toLowerCase())).toBeNull(); // case matters
    expect(serverchanKey('SCU12345Tabcdef')).toBeNull(); // the retired first version
    expect(serverchanKey('SCT12345/../x')).toBeNull(); // never a path
  });
});

describe('serverchan request', () => {
  it('posts a reminder as JSON {title, desp, short} to the Turbo URL', () => {
    const request = serverchan.request(reminder(), {}, { sendKey: TURBO });
    expect(request).toEqual({
      url: `https://sctapi.ftqq.com/${TURBO}.send`,
      method: 'POST',
      headers: { 'Content-Type': 'application/json;charset=utf-8' },
      body: JSON.stringify({
        title: '还有 5 分钟支付',
        desp: 'G101 北京南 → 上海虹桥 · 截止 14:04\n\n<https://kyfw.12306.cn/otn/view/train_order.html>',
        short: 'G101 北京南 → 上海虹桥 · 截止 14:04',
        noip: 1,
      }),
    });
  });

  it('posts to the Server酱³ host, without the Turbo-only noip (SDK example: {"title","desp"})', () => {
    const request = serverchan.request(testMessage('en'), {}, { sendKey: SC3 });
    expect(request.url).toBe('https://12345.push.ft07.com/send/sctp12345tABCdef.send');
    expect(bodyOf(request)).toEqual({
      title: 'PayClock test message',
      desp: 'If you can read this, PayClock can push pay reminders here\\.\n\n<https://kyfw.12306.cn/otn/view/train_order.html>',
      short: 'If you can read this, PayClock can push pay reminders here.',
    });
  });

  it('gives each line of a merged message its own paragraph and keeps title and card short', () => {
    const body = bodyOf(serverchan.request(merged(), {}, { sendKey: TURBO }));
    expect(String(body.desp).split('\n\n')).toEqual([
      '还有 5 分钟支付 G101 北京南 → 上海虹桥 · 截止 14:04',
      '12306 登录已过期 登录 12306 以继续监控订单',
      '新订单 K8 上海 → 北京 · 截止 14:34',
      '<https://kyfw.12306.cn/otn/view/train_order.html>',
    ]);
    expect(String(body.short)).toHaveLength(64);
    const long = bodyOf(serverchan.request(reminder({ title: '长'.repeat(40) }), {}, { sendKey: TURBO }));
    expect(long.title).toBe(`${'长'.repeat(31)}…`);
  });

  it('sends server text as text: no markup survives the Markdown', () => {
    const desp = String(bodyOf(serverchan.request(markup(), {}, { sendKey: TURBO })).desp);
    expect(desp).not.toMatch(/<(b|script)>/);
    expect(desp).toContain('&lt;b\\>西湖&lt;/b\\>');
    expect(desp).toContain('\\*\\*门票\\*\\*');
    expect(desp).toContain('\\[点我\\]\\(https://evil\\.example/\\)');
    expect(desp).toContain('&amp;amp;');
    expect(markdownText('1. x # y')).toBe('1\\. x \\# y');
  });

  it('never throws, whatever the key and text', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (key, title, text) => {
        const request = serverchan.request(reminder({ title, body: text }), {}, { sendKey: key });
        expect(request.url.startsWith('https://')).toBe(true);
        expect(() => JSON.parse(request.body ?? '')).not.toThrow();
      }),
    );
  });
});

describe('serverchan check', () => {
  it('asks for exactly the key’s host', () => {
    expect(serverchan.check({}, { sendKey: TURBO })).toEqual({
      originPatterns: ['https://sctapi.ftqq.com/*'],
      secretHint: '…Y9RK',
    });
    expect(serverchan.check({}, { sendKey: SC3 })).toEqual({
      originPatterns: ['https://12345.push.ft07.com/*'],
      secretHint: '…Cdef',
    });
  });

  it('says missing or invalid', () => {
    expect(serverchan.check({}, {})).toEqual([{ field: 'sendKey', problem: 'missing' }]);
    expect(serverchan.check({}, { sendKey: '   ' })).toEqual([{ field: 'sendKey', problem: 'missing' }]);
    expect(serverchan.check({}, { sendKey: 'sctpXYZtABCdef' })).toEqual([{ field: 'sendKey', problem: 'invalid' }]);
    expect(serverchan.check({}, { sendKey: 'http://sctapi.ftqq.com/' })).toEqual([
      { field: 'sendKey', problem: 'invalid' },
    ]);
  });

  it('never shows more than 4 characters of the key', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^SCT\w{4,60}$/), (key) => {
        const checked = serverchan.check({}, { sendKey: key });
        if (!Array.isArray(checked)) expect(checked.secretHint.replace('…', '').length).toBeLessThanOrEqual(4);
      }),
    );
  });

  it('is registered', () => {
    expect(PUSH_SERVICES.serverchan).toBe(serverchan);
  });
});

describe('serverchan verdict', () => {
  it('sent: code 0 (SDK README "0 为正确")', () => {
    const ok = {
      code: 0,
      message: '',
      data: { pushid: '1663686', readkey: 'SCTPmUPAz9ljk3Q', error: 'SUCCESS', errno: 0 },
    };
    expect(serverchan.verdict(reply(200, ok))).toEqual({ outcome: 'sent' });
  });

  it('refused: the [AUTH] answer to a wrong key, HTTP 401/403/404', () => {
    const wrong = {
      message: '[AUTH]用户不存在或者权限不足',
      code: 40001,
      info: '用户不存在或者权限不足',
      args: [null],
    };
    expect(serverchan.verdict(reply(200, wrong))).toEqual({
      outcome: 'refused',
      detail: '40001: [AUTH]用户不存在或者权限不足',
    });
    expect(serverchan.verdict(reply(403, 'Forbidden')).outcome).toBe('refused');
    expect(serverchan.verdict(reply(404, 'Not Found')).outcome).toBe('refused');
  });

  it('retry: its quotas, answered with the wrong key’s code and [AUTH] (a minute’s, then an hour at a time for a day’s)', () => {
    const minute = { code: 40001, message: '[AUTH]超过分钟的发送次数限制[5]，请稍后再试' };
    expect(serverchan.verdict(reply(200, minute))).toEqual({
      outcome: 'retry',
      detail: '40001: [AUTH]超过分钟的发送次数限制[5]，请稍后再试',
      retryAfterMs: 60_000,
    });
    for (const [status, code] of [
      [200, 40001],
      [400, 40001],
      [200, 471],
    ] as const) {
      const day = { code, message: '[AUTH]超过当天的发送次数限制[5]' };
      expect(serverchan.verdict(reply(status, day))).toMatchObject({ outcome: 'retry', retryAfterMs: 60 * 60_000 });
    }
  });

  it('rejected: any other code, e.g. an empty title', () => {
    const empty = { message: '[INPUT]title 不能为空', code: 20001, info: 'title 不能为空', args: [null] };
    expect(serverchan.verdict(reply(200, empty))).toEqual({
      outcome: 'rejected',
      detail: '20001: [INPUT]title 不能为空',
    });
    expect(serverchan.verdict(reply(200, '<html>oops</html>'))).toEqual({
      outcome: 'rejected',
      detail: 'HTTP 200: oops',
    });
  });

  it('retry: 5xx and 429, with Retry-After', () => {
    expect(serverchan.verdict(reply(502, 'Bad gateway', '120'))).toEqual({
      outcome: 'retry',
      detail: 'HTTP 502: Bad gateway',
      retryAfterMs: 120_000,
    });
  });

  it('never passes a key on, even when a reply quotes it', () => {
    for (const key of [TURBO, SC3]) {
      for (const status of [200, 404, 500]) {
        const verdict = serverchan.verdict(reply(status, { code: 40001, message: `[AUTH]no such key ${key}` }));
        expect(JSON.stringify(verdict)).not.toContain(key);
        expect(JSON.stringify(serverchan.verdict(reply(status, `bad key ${key}`)))).not.toContain(key);
      }
    }
  });
});
