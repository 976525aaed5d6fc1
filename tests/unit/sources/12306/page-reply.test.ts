import { describe, expect, it } from 'vitest';
import type { HttpResult } from '@/lib/sources/12306/classify';
import { readPageReply } from '@/lib/sources/12306/page-reply';
import { describeValue, MISSING, mutate } from '../../helpers/agreement';
import { NOTHING_UNFINISHED_JSON } from '../../../fixtures/12306/replies';

// A 12306 tab's answer comes from a content script that shares its page's fate: the background
// reads it like any reply from outside, and what does not fit is no answer at all.

// 2026-03-24 06:57:09 UTC, as a Date header writes it.
const DATE = 'Tue, 24 Mar 2026 06:57:09 GMT';
const DATE_MS = Date.UTC(2026, 2, 24, 6, 57, 9);
// The background's clock when it sent the message, and when the answer came.
const SENT = Date.UTC(2026, 2, 24, 6, 57, 3, 400);
const RECEIVED = SENT + 1_250;

const REPLY: HttpResult = {
  kind: 'reply',
  status: 200,
  redirected: false,
  url: 'https://kyfw.12306.cn/otn/queryOrder/queryMyOrderNoComplete',
  contentType: 'application/json;charset=UTF-8',
  body: NOTHING_UNFINISHED_JSON,
};

const read = (raw: unknown) => readPageReply(raw, SENT, RECEIVED);

describe('readPageReply', () => {
  it('reads a reply, and what its Date header says about 12306’s clock', () => {
    expect(read({ http: REPLY, date: DATE })).toStrictEqual({
      http: REPLY,
      clockSample: { lo: DATE_MS - RECEIVED, hi: DATE_MS + 1000 - SENT, at: RECEIVED },
    });
  });

  it('spans the whole round trip of the message in its clock sample', () => {
    const sample = readPageReply({ http: REPLY, date: DATE }, 1_000, 61_000)!.clockSample!;
    // A wider round trip, a wider interval: the offset lies between date - receivedAt and date + 1 s - sentAt.
    expect(sample).toStrictEqual({ lo: DATE_MS - 61_000, hi: DATE_MS + 1000 - 1_000, at: 61_000 });
    expect(sample.hi - sample.lo).toBe(61_000 - 1_000 + 1000);
  });

  it('reads a tab that timed out or was offline, with the date it may still have', () => {
    expect(read({ http: { kind: 'timeout' }, date: null })).toStrictEqual({
      http: { kind: 'timeout' },
      clockSample: null,
    });
    expect(read({ http: { kind: 'offline', detail: 'Failed to fetch' }, date: DATE })).toStrictEqual({
      http: { kind: 'offline', detail: 'Failed to fetch' },
      clockSample: { lo: DATE_MS - RECEIVED, hi: DATE_MS + 1000 - SENT, at: RECEIVED },
    });
  });

  it('has no clock sample without a readable date, but keeps the reply', () => {
    for (const date of [null, '', 'not a date']) {
      expect(read({ http: REPLY, date })).toStrictEqual({ http: REPLY, clockSample: null });
    }
    // Nor when the local clock went back while the message travelled.
    expect(readPageReply({ http: REPLY, date: DATE }, RECEIVED, SENT)).toStrictEqual({
      http: REPLY,
      clockSample: null,
    });
  });

  it('takes every status from 100 to 599, redirects and any text', () => {
    for (const status of [100, 200, 302, 403, 429, 599]) {
      const http = { ...REPLY, status, redirected: true, url: '', contentType: '', body: '' };
      expect(read({ http, date: null })?.http).toStrictEqual(http);
    }
  });

  it('refuses a status no HTTP reply has', () => {
    for (const status of [99, 600, 0, -200, 200.5, NaN, Infinity, -Infinity, '200', null, undefined]) {
      expect(read({ http: { ...REPLY, status }, date: DATE }), describeValue(status)).toBeNull();
    }
  });

  it('refuses an answer with any field missing or of the wrong kind', () => {
    const valid = { http: REPLY, date: DATE };
    const wrong: [(string | number)[], unknown][] = [
      [['http'], MISSING],
      [['date'], MISSING],
      [['date'], undefined],
      [['date'], 0],
      [['date'], DATE_MS],
      [['date'], [DATE]],
      [['http'], null],
      [['http'], 'reply'],
      [['http'], []],
      [['http', 'kind'], MISSING],
      [['http', 'kind'], 'error'],
      [['http', 'kind'], 'Reply'],
      [['http', 'kind'], 'ok'],
      [['http', 'redirected'], MISSING],
      [['http', 'redirected'], 'false'],
      [['http', 'redirected'], 0],
      [['http', 'url'], MISSING],
      [['http', 'url'], null],
      [['http', 'contentType'], MISSING],
      [['http', 'contentType'], null],
      [['http', 'body'], MISSING],
      [['http', 'body'], null],
      [['http', 'body'], { data: {} }],
      [['http', 'status'], MISSING],
    ];
    for (const [path, replacement] of wrong) {
      expect(read(mutate(valid, path, replacement)), `${path.join('.')} = ${describeValue(replacement)}`).toBeNull();
    }
    // An offline result says why; a reply's fields do not make a timeout one.
    expect(read({ http: { kind: 'offline' }, date: null })).toBeNull();
    expect(read({ http: { kind: 'offline', detail: 42 }, date: null })).toBeNull();
    expect(read({ http: { kind: 'timeout', status: 200 }, date: null })).toStrictEqual({
      http: { kind: 'timeout' },
      clockSample: null,
    });
  });

  it('refuses what is not an answer at all', () => {
    for (const raw of [undefined, null, '', 'reply', 0, true, [], [{ http: REPLY, date: DATE }], {}, REPLY]) {
      expect(read(raw), describeValue(raw)).toBeNull();
    }
  });

  it('keeps only the fields it knows', () => {
    const result = read({ http: { ...REPLY, cookies: 'JSESSIONID=1' }, date: DATE, page: 'secret' });
    expect(result?.http).toStrictEqual(REPLY);
    expect(JSON.stringify(result)).not.toContain('JSESSIONID');
    expect(JSON.stringify(result)).not.toContain('secret');
  });
});
