import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PUSH_SERVICES } from '@/lib/push/services';
import { NTFY_QUOTA_RETRY_MS, ntfy, ntfyTopic } from '@/lib/push/services/ntfy';
import { bodyOf, markup, merged, PAY_URL, reminder, reply, testMessage } from '../helpers/messages';

// ntfy: https://docs.ntfy.sh/publish/ (docs/push-research/1-…md §4).

const OFFICIAL = { baseUrl: 'https://ntfy.sh' };
const TOPIC = 'payclock_x7Qm2a9Lk';
/** The token in the docs' "Authentication" example. */
const TOKEN = 'tk_AgQdq7mVBoFD37zQVN29RhuMzNIz2';

describe('ntfy request', () => {
  it('posts a reminder as JSON to the root URL, high priority, click → pay page', () => {
    expect(ntfy.request(reminder(), OFFICIAL, { topic: TOPIC })).toEqual({
      url: 'https://ntfy.sh/',
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        topic: TOPIC,
        title: '还有 5 分钟支付',
        message: 'G101 北京南 → 上海虹桥 · 截止 14:04',
        priority: 4,
        click: PAY_URL,
        tags: ['alarm_clock'],
      }),
    });
  });

  it('has the fields of the docs’ "Publish as JSON" example and its Bearer header', () => {
    // POST / {"topic": "mytopic", "message": "Disk space is low at 5.1 GB", "title": "Low disk space alert", "tags": [...], "priority": 4, "click": "https://homecamera.lan/xasds1h2xsSsa/"}
    const request = ntfy.request(
      reminder({
        title: 'Low disk space alert',
        body: 'Disk space is low at 5.1 GB',
        url: 'https://homecamera.lan/xasds1h2xsSsa/',
      }),
      { baseUrl: 'https://ntfy.example.com' },
      { topic: 'mytopic', token: TOKEN },
    );
    expect(request.url).toBe('https://ntfy.example.com/');
    expect(request.headers).toEqual({ 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` });
    expect(bodyOf(request)).toMatchObject({
      topic: 'mytopic',
      message: 'Disk space is low at 5.1 GB',
      title: 'Low disk space alert',
      priority: 4,
      click: 'https://homecamera.lan/xasds1h2xsSsa/',
    });
  });

  it('sends a merged message whole and a test message at the default priority', () => {
    expect(bodyOf(ntfy.request(merged(), OFFICIAL, { topic: TOPIC })).message).toBe(merged().body);
    expect(
      bodyOf(ntfy.request(testMessage('en'), { baseUrl: 'https://push.example.com/ntfy/' }, { topic: TOPIC })),
    ).toEqual({
      topic: TOPIC,
      title: 'PayClock test message',
      message: 'If you can read this, PayClock can push pay reminders here.',
      priority: 3,
      click: PAY_URL,
      tags: ['bell'],
    });
    expect(ntfy.request(testMessage(), { baseUrl: 'https://push.example.com/ntfy/' }, { topic: TOPIC }).url).toBe(
      'https://push.example.com/ntfy/',
    );
  });

  it('sends server text as plain text, never markdown; no click for a URL a phone cannot open', () => {
    const body = bodyOf(ntfy.request(markup(), OFFICIAL, { topic: TOPIC }));
    expect(body.message).toBe(markup().body);
    expect(body).not.toHaveProperty('markdown');
    expect(
      bodyOf(ntfy.request(reminder({ url: 'chrome-extension://abc/options.html' }), OFFICIAL, { topic: TOPIC })),
    ).not.toHaveProperty('click');
  });

  it('keeps topic and token out of the URL and never throws', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[\w-]{6,64}$/), fc.string(), fc.string(), (topic, base, token) => {
        const request = ntfy.request(reminder(), { baseUrl: base }, { topic, token });
        expect(request.url).not.toContain(topic);
        expect(() => JSON.parse(request.body ?? '')).not.toThrow();
        for (const value of Object.values(request.headers)) expect(value).toMatch(/^[\x20-\x7e]*$/);
      }),
    );
  });
});

describe('ntfy check', () => {
  it('gives the server’s origin and a hint of the topic', () => {
    expect(ntfy.check(OFFICIAL, { topic: TOPIC })).toEqual({
      originPatterns: ['https://ntfy.sh/*'],
      secretHint: '…a9Lk',
    });
    expect(ntfy.check(OFFICIAL, { topic: `https://ntfy.sh/${TOPIC}` })).toEqual({
      originPatterns: ['https://ntfy.sh/*'],
      secretHint: '…a9Lk',
    });
    expect(ntfyTopic(`https://push.example.com/ntfy/${TOPIC}`, 'https://push.example.com/ntfy')).toBe(TOPIC);
  });

  it('says what is wrong with each field', () => {
    expect(ntfy.check(OFFICIAL, {})).toEqual([{ field: 'topic', problem: 'missing' }]);
    expect(ntfy.check({ baseUrl: 'http://ntfy.example.com' }, { topic: TOPIC })).toEqual([
      { field: 'baseUrl', problem: 'notHttps' },
    ]);
    expect(ntfy.check({}, { topic: TOPIC })).toEqual([{ field: 'baseUrl', problem: 'missing' }]);
    expect(ntfy.check({ baseUrl: `https://ntfy.sh/${TOPIC}` }, { topic: TOPIC })).toEqual([
      { field: 'baseUrl', problem: 'invalid' },
    ]);
    expect(ntfy.check(OFFICIAL, { topic: 'no spaces' })).toEqual([{ field: 'topic', problem: 'invalid' }]);
    expect(ntfy.check(OFFICIAL, { topic: `https://ntfy.example.com/${TOPIC}` })).toEqual([
      { field: 'topic', problem: 'wrongHost' },
    ]);
    expect(ntfy.check(OFFICIAL, { topic: TOPIC, token: 'tk_ä bad' })).toEqual([{ field: 'token', problem: 'invalid' }]);
    expect(ntfy.check(OFFICIAL, { topic: TOPIC, token: '' })).not.toBeInstanceOf(Array);
  });

  it('never shows more than 4 characters of the topic', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[-_A-Za-z0-9]{1,64}$/), (topic) => {
        const checked = ntfy.check(OFFICIAL, { topic });
        if (!Array.isArray(checked)) expect(checked.secretHint.replace('…', '').length).toBeLessThanOrEqual(4);
      }),
    );
  });

  it('is registered', () => {
    expect(PUSH_SERVICES.ntfy).toBe(ntfy);
  });
});

const error = (http: number, code: number, text: string) => ({
  code,
  http,
  error: text,
  link: 'https://ntfy.sh/docs/publish/',
});

describe('ntfy verdict', () => {
  it('sent: HTTP 200 and the message (subscribe API "JSON message format")', () => {
    const message = {
      id: 'sPs71M8A2T',
      time: 1643935928,
      expires: 1643936928,
      event: 'message',
      topic: TOPIC,
      message: 'x',
    };
    expect(ntfy.verdict(reply(200, message))).toEqual({ outcome: 'sent', detail: 'id sPs71M8A2T' });
  });

  it('refused: 401 40101, 403 40301, 404 40401', () => {
    expect(ntfy.verdict(reply(401, error(401, 40101, 'unauthorized')))).toEqual({
      outcome: 'refused',
      detail: '40101: unauthorized',
    });
    expect(ntfy.verdict(reply(403, error(403, 40301, 'forbidden'))).outcome).toBe('refused');
    expect(ntfy.verdict(reply(404, error(404, 40401, 'page not found'))).outcome).toBe('refused');
  });

  it('retry: 429 42901 with backoff, the daily quota and auth-failure limits for an hour, 5xx', () => {
    expect(ntfy.verdict(reply(429, error(429, 42901, 'limit reached: too many requests')))).toEqual({
      outcome: 'retry',
      detail: '42901: limit reached: too many requests',
    });
    expect(ntfy.verdict(reply(429, error(429, 42908, 'limit reached: daily message quota reached')))).toEqual({
      outcome: 'retry',
      detail: '42908: limit reached: daily message quota reached',
      retryAfterMs: NTFY_QUOTA_RETRY_MS,
    });
    expect(ntfy.verdict(reply(429, error(429, 42909, 'limit reached: too many auth failures'))).outcome).toBe('retry');
    expect(ntfy.verdict(reply(500, error(500, 50001, 'internal server error'), '15'))).toEqual({
      outcome: 'retry',
      detail: '50001: internal server error',
      retryAfterMs: 15_000,
    });
  });

  it('rejected: a body ntfy will not take', () => {
    expect(ntfy.verdict(reply(400, error(400, 40007, 'invalid priority parameter'))).outcome).toBe('rejected');
    expect(ntfy.verdict(reply(413, error(413, 41303, 'JSON body too large'))).outcome).toBe('rejected');
    expect(ntfy.verdict(reply(200, '<html>not ntfy</html>'))).toEqual({
      outcome: 'rejected',
      detail: 'HTTP 200: not ntfy',
    });
  });

  it('puts neither topic nor token in a failure’s detail', () => {
    for (const [status, code, text] of [
      [401, 40101, 'unauthorized'],
      [429, 42908, 'x'],
      [400, 40009, 'topic invalid'],
      [502, 0, 'bad'],
    ] as const) {
      const verdict = ntfy.verdict(reply(status, error(status, code, text)));
      expect(JSON.stringify(verdict)).not.toContain(TOPIC);
      expect(JSON.stringify(verdict)).not.toContain(TOKEN);
    }
  });
});
