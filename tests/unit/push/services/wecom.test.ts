import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wecom, wecomKey } from '@/lib/push/services/wecom';
import { merged, reminder, reply, testMessage } from '../helpers/messages';

// WeCom group robot: https://developer.work.weixin.qq.com/document/path/91770 and the replies
// quoted in docs/push-research/2-dingtalk-wecom-feishu-webhook.md §2.

const KEY = '693axxx6-7aoc-4bc4-97a0-0ec2sifa5aaa'; // the documentation's own example key
const SEND = `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${KEY}`;

describe('wecom request', () => {
  it('sends a reminder as a text message: title, body and pay URL, one a line', () => {
    const message = reminder();
    expect(wecom.request(message, {}, { key: KEY })).toEqual({
      url: SEND,
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        msgtype: 'text',
        text: { content: `还有 5 分钟支付\nG101 北京南 → 上海虹桥 · 截止 14:04\n${message.url}` },
      }),
    });
  });

  it('sends a merged message and the test message the same way', () => {
    const many = merged();
    expect(JSON.parse(wecom.request(many, {}, { key: KEY }).body ?? '')).toEqual({
      msgtype: 'text',
      text: { content: `${many.title}\n${many.body}\n${many.url}` },
    });
    const test = testMessage();
    expect(JSON.parse(wecom.request(test, {}, { key: KEY }).body ?? '').text.content).toBe(
      `PayClock 测试消息\n${test.body}\n${test.url}`,
    );
  });

  it('takes the key out of a pasted webhook URL', () => {
    expect(wecom.request(reminder(), {}, { key: `  ${SEND}  ` }).url).toBe(SEND);
  });

  it('sends server text with markup as it is, in a text (not markdown) message', () => {
    const body = '<a href="https://evil.example">**付款**</a> [点我](https://evil.example)';
    const sent = JSON.parse(wecom.request(reminder({ body }), {}, { key: KEY }).body ?? '');
    expect(sent.msgtype).toBe('text');
    expect(sent.text.content).toContain(body);
  });

  it('never throws, whatever the text and key', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (title, body, key) => {
        const request = wecom.request(reminder({ title, body }), {}, { key });
        expect(JSON.parse(request.body ?? '').text.content).toContain(body);
      }),
      { seed: 1, numRuns: 200 },
    );
  });
});

describe('wecomKey and check', () => {
  it('accepts the key alone or the whole webhook URL', () => {
    expect(wecomKey(KEY)).toBe(KEY);
    expect(wecomKey(SEND)).toBe(KEY);
    expect(wecom.check({}, { key: SEND })).toEqual({
      originPatterns: ['https://qyapi.weixin.qq.com/*'],
      secretHint: '…5aaa',
    });
  });

  it('names what is wrong with the key', () => {
    expect(wecom.check({}, {})).toEqual([{ field: 'key', problem: 'missing' }]);
    expect(wecom.check({}, { key: '  ' })).toEqual([{ field: 'key', problem: 'missing' }]);
    for (const bad of [
      SEND.replace('https:', 'http:'),
      SEND.replace('qyapi.weixin.qq.com', 'qyapi.weixin.qq.com.evil.example'),
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send',
      'short',
      'a key with spaces',
    ]) {
      expect(wecom.check({}, { key: bad }), bad).toEqual([{ field: 'key', problem: 'invalid' }]);
    }
  });

  it('hints with the last characters only', () => {
    const checked = wecom.check({}, { key: KEY });
    expect(checked).toHaveProperty('secretHint', '…5aaa');
    expect(JSON.stringify(checked)).not.toContain(KEY);
  });
});

describe('wecom verdict', () => {
  it('sent on errcode 0', () => {
    expect(wecom.verdict(reply(200, { errcode: 0, errmsg: 'ok' }))).toEqual({ outcome: 'sent' });
  });

  it('refuses the key on 93000 and keeps the caller’s IP out of the detail', () => {
    const errmsg =
      'invalid webhook url, hint: [1755605200056773468916791], from ip: 172.212.167.87, more info at https://open.work.weixin.qq.com/devtool/query?e=93000';
    const verdict = wecom.verdict(reply(200, { errcode: 93000, errmsg }));
    expect(verdict).toEqual({ outcome: 'refused', detail: '93000: invalid webhook url' });
    expect(JSON.stringify(verdict)).not.toContain('172.212.167.87');
  });

  it('retries after more than a minute on 45009 (20 messages a minute)', () => {
    const errmsg =
      'api freq out of limit, hint: [1], from ip: 10.1.2.3, more info at https://open.work.weixin.qq.com/devtool/query?e=45009';
    const verdict = wecom.verdict(reply(200, { errcode: 45009, errmsg }));
    expect(verdict).toEqual({ outcome: 'retry', detail: '45009: api freq out of limit', retryAfterMs: 65_000 });
  });

  it('rejects other codes and bodies that are not JSON', () => {
    expect(wecom.verdict(reply(200, { errcode: 40008, errmsg: 'invalid message type' }))).toEqual({
      outcome: 'rejected',
      detail: '40008: invalid message type',
    });
    expect(wecom.verdict(reply(404, '<h1>Not found</h1>'))).toEqual({
      outcome: 'rejected',
      detail: 'HTTP 404: Not found',
    });
  });

  it('retries 5xx and 429, honouring Retry-After', () => {
    expect(wecom.verdict(reply(502, 'Bad gateway'))).toEqual({ outcome: 'retry', detail: 'HTTP 502: Bad gateway' });
    expect(wecom.verdict(reply(429, '', '30'))).toEqual({
      outcome: 'retry',
      detail: 'HTTP 429:',
      retryAfterMs: 30_000,
    });
  });
});

describe('wecom busy', () => {
  it('tries "-1 系统繁忙" again rather than dropping the alert', () => {
    expect(wecom.verdict(reply(200, { errcode: -1, errmsg: '系统繁忙' })).outcome).toBe('retry');
  });
});

describe('wecom content length', () => {
  it('keeps title, body and a long pay URL within 2048 bytes, cutting the body', () => {
    const url = `https://kyfw.12306.cn/otn/view/train_order.html?${'x'.repeat(400)}`;
    const message = reminder({ body: '北'.repeat(wecom.maxBodyChars), url });
    const content = JSON.parse(wecom.request(message, {}, { key: KEY }).body ?? '').text.content as string;
    expect(new TextEncoder().encode(content).length).toBeLessThanOrEqual(2048);
    expect(content.endsWith(`…\n${url}`)).toBe(true);
    expect(content.startsWith(`${message.title}\n北北北`)).toBe(true);
  });
});
