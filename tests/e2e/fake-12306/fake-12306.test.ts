// Checks the fake 12306 and the CONNECT proxy the way a browser uses them: CONNECT through the proxy,
// TLS for the 12306 host name, then plain HTTP/1.1. The replies are read with the extension's own
// classifier, so the fake and the extension are known to agree before any browser is involved.

import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { classifyReply } from '../../../lib/sources/12306/classify';
import { QUERY_BODY, QUERY_HEADERS } from '../../../lib/sources/12306/endpoints';
import { classifyWaitlistReply } from '../../../lib/sources/12306/waitlist/classify';
import { WAITLIST_QUERY_HEADERS, WAITLIST_QUEUE_URL } from '../../../lib/sources/12306/waitlist/endpoints';
import { startProxy, type Proxy } from '../harness/proxy';
import { throughProxy, type Answer } from '../harness/through-proxy';
import {
  ALL_COOKIE_VARIANTS,
  LIKELY_REAL_COOKIES,
  PASSPORT_REDIRECT,
  QUERY_PATH,
  startFake12306,
  UAMAUTHCLIENT_PATH,
  UAMTK_PATH,
  variantName,
  WAITLIST_PATH,
  type CookieVariant,
  type Fake12306,
} from './server';
import { WWW_ERROR_URL } from './plans';

let fake: Fake12306;
let proxy: Proxy;
// The fake's clock: fixed, so the Date header can be checked to the second.
const clock = Date.UTC(2024, 3, 22, 6, 8, 18);

const { tunnel, send } = throughProxy(() => proxy.port);

const cookieHeader = (cookies?: Record<string, string>): Record<string, string> =>
  cookies
    ? {
        Cookie: Object.entries(cookies)
          .map(([name, value]) => `${name}=${value}`)
          .join('; '),
      }
    : {};

const query = (cookies?: Record<string, string>, signal?: AbortSignal) =>
  send('kyfw.12306.cn', 'POST', QUERY_PATH, {
    headers: { ...QUERY_HEADERS, ...cookieHeader(cookies) },
    body: QUERY_BODY,
    signal,
  });

/** The waitlist query as the extension sends it: no body at all. */
const waitlistQuery = (cookies?: Record<string, string>, signal?: AbortSignal) =>
  send('kyfw.12306.cn', 'POST', WAITLIST_PATH, {
    headers: { ...WAITLIST_QUERY_HEADERS, 'Content-Length': '0', ...cookieHeader(cookies) },
    signal,
  });

/** A reply read with the extension's own waitlist classifier. */
const waitlistOutcome = (answer: Answer) =>
  classifyWaitlistReply({
    kind: 'reply',
    status: answer.status,
    redirected: false,
    url: WAITLIST_QUEUE_URL,
    contentType: answer.headers['content-type'] ?? '',
    body: answer.body,
  });

/** Parsed Set-Cookie headers: name → value and lowercased attributes. */
function setCookies(headers: IncomingHttpHeaders) {
  return Object.fromEntries(
    (headers['set-cookie'] ?? []).map((line) => {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const [name = '', value = ''] = pair.split('=');
      return [name, { value, attributes: attributes.map((a) => a.toLowerCase()) }];
    }),
  );
}

async function logIn(): Promise<Record<string, string>> {
  const login = await send('kyfw.12306.cn', 'POST', '/passport/web/login', {
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'username=test&password=secret',
  });
  expect(login.status).toBe(302);
  expect(login.headers.location).toBe('https://kyfw.12306.cn/otn/login/userLogin');
  const landed = await send('kyfw.12306.cn', 'GET', '/otn/login/userLogin');
  expect(landed.status).toBe(302);
  expect(landed.headers.location).toBe('https://kyfw.12306.cn/otn/view/index.html');
  const cookies = setCookies(landed.headers);
  return Object.fromEntries(Object.entries(cookies).map(([name, cookie]) => [name, cookie.value]));
}

beforeAll(async () => {
  fake = await startFake12306({ now: () => clock });
  proxy = await startProxy(fake.routes);
});

afterAll(async () => {
  await proxy?.close();
  await fake?.close();
});

beforeEach(() => {
  fake.setCookieVariant(LIKELY_REAL_COOKIES);
  fake.setAnonymousSessions(false);
  fake.setReply({ kind: 'none' });
  fake.setWaitlistReply({ kind: 'none' });
  fake.setClockSkew(0);
});

describe('proxy', () => {
  it('refuses unknown CONNECT targets and plain HTTP, and records them', async () => {
    const refused = await tunnel('example.com:443');
    expect(refused.status).toBe(403);
    refused.socket.destroy();
    expect(proxy.refused).toContain('example.com:443');

    const plain = await new Promise<number>((resolve, reject) => {
      const request = httpRequest({ host: '127.0.0.1', port: proxy.port, path: 'http://example.com/x' }, (r) => {
        r.resume();
        resolve(r.statusCode ?? 0);
      });
      request.once('error', reject);
      request.end();
    });
    expect(plain).toBe(403);
    expect(proxy.refused).toContain('http://example.com/x');
  });

  it('reaches the fake with a certificate for both 12306 hosts', async () => {
    const page = await send('kyfw.12306.cn', 'GET', '/otn/resources/login.html');
    expect(page.san).toContain('DNS:kyfw.12306.cn');
    expect(page.san).toContain('DNS:www.12306.cn');
  });
});

describe('fake 12306', () => {
  it('redirects a logged-out query to the passport page, as 12306 does', async () => {
    const reply = await query();
    expect(reply.status).toBe(302);
    expect(reply.headers.location).toBe(PASSPORT_REDIRECT);
    expect(PASSPORT_REDIRECT).toBe('https://kyfw.12306.cn/otn/passport?redirect=/otn/login/userLogin');

    const passport = await send('kyfw.12306.cn', 'GET', '/otn/passport?redirect=/otn/login/userLogin');
    expect(passport.status).toBe(200);
    expect(passport.headers['content-type']).toBe('text/html;charset=UTF-8');
    const outcome = classifyReply({
      kind: 'reply',
      status: passport.status,
      redirected: true,
      url: PASSPORT_REDIRECT,
      contentType: passport.headers['content-type'] ?? '',
      body: passport.body,
    });
    expect(outcome.kind).toBe('loggedOut');
  });

  it('serves a login page and sets the four login cookies with 12306 paths', async () => {
    const page = await send('kyfw.12306.cn', 'GET', '/otn/resources/login.html');
    expect(page.status).toBe(200);
    for (const id of ['J-userName', 'J-password', 'J-login']) expect(page.body).toContain(`id="${id}"`);
    expect(page.body).toContain('action="/passport/web/login"');

    await send('kyfw.12306.cn', 'POST', '/passport/web/login', { body: 'username=a&password=b' });
    const landed = await send('kyfw.12306.cn', 'GET', '/otn/login/userLogin');
    const cookies = setCookies(landed.headers);
    expect(Object.keys(cookies).sort()).toEqual(['JSESSIONID', 'route', 'tk', 'uamtk']);
    // The likely real shape by default: no Secure, no Domain.
    for (const name of ['JSESSIONID', 'tk']) {
      expect(cookies[name]!.attributes.sort()).toEqual(['httponly', 'path=/otn']);
    }
    expect(cookies.route!.attributes).toEqual(['path=/']);
    expect(cookies.uamtk!.attributes).toEqual(['path=/passport']);
    // Host-only session cookies: no Domain, no Expires, SameSite left to the browser.
    const all = Object.values(cookies).flatMap((cookie) => cookie.attributes);
    expect(all.some((a) => /^(domain|expires|max-age|samesite)/.test(a))).toBe(false);
  });

  it('records whether each request came with a valid session', async () => {
    const cookies = await logIn();
    await query({ JSESSIONID: cookies.JSESSIONID!, tk: cookies.tk! });
    await query({ JSESSIONID: cookies.JSESSIONID!, tk: 'forged' });
    expect(
      fake
        .orderQueries()
        .slice(-2)
        .map((r) => r.loggedIn),
    ).toEqual([true, false]);
  });

  it('answers a logged-in query with the scripted orders, read as unpaid by the extension', async () => {
    const payLimit = Math.floor(clock / 1000) * 1000 + 20 * 60_000;
    fake.setReply({ kind: 'orders', orders: [{ sequenceNo: 'E123456789', payLimit, passengers: ['张三', '李<四>'] }] });
    const cookies = await logIn();
    const reply = await query({ JSESSIONID: cookies.JSESSIONID!, tk: cookies.tk! });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json;charset=UTF-8');
    const outcome = classifyReply({
      kind: 'reply',
      status: reply.status,
      redirected: false,
      url: 'https://kyfw.12306.cn' + QUERY_PATH,
      contentType: reply.headers['content-type'] ?? '',
      body: reply.body,
    });
    expect(outcome.kind).toBe('unpaid');
    expect(outcome.kind === 'unpaid' && outcome.orders.map((o) => [o.id, o.deadline])).toEqual([
      ['E123456789', payLimit],
    ]);

    // The unpaid-orders page lists the same order, escaped.
    const page = await send('kyfw.12306.cn', 'GET', '/otn/view/train_order.html', {
      headers: { Cookie: `JSESSIONID=${cookies.JSESSIONID}; tk=${cookies.tk}` },
    });
    expect(page.status).toBe(200);
    expect(page.body).toContain('E123456789');
    expect(page.body).toContain('李&lt;四&gt;');
    expect(page.body).toContain('>支付</button>');

    // Recorded with headers, cookies and body.
    const last = fake.orderQueries().at(-1)!;
    expect(last).toMatchObject({
      method: 'POST',
      host: 'kyfw.12306.cn',
      path: QUERY_PATH,
      body: QUERY_BODY,
      at: clock,
    });
    expect(last.cookies).toEqual({ JSESSIONID: cookies.JSESSIONID, tk: cookies.tk });
    expect(last.headers['x-requested-with']).toBe('XMLHttpRequest');
    expect(fake.requests.at(-1)!.path).toBe('/otn/view/train_order.html');
  });

  it('puts the clock skew in the Date header of every reply', async () => {
    fake.setClockSkew(-90 * 60_000);
    const redirect = await query();
    expect(redirect.status).toBe(302);
    expect(redirect.headers.date).toBe(new Date(clock - 90 * 60_000).toUTCString());
    const missing = await send('kyfw.12306.cn', 'GET', '/nowhere');
    expect(missing.status).toBe(404);
    expect(missing.headers.date).toBe(new Date(clock - 90 * 60_000).toUTCString());
  });

  it('sends a query back to the passport once the sessions expire, and logs out', async () => {
    const cookies = await logIn();
    const session = { JSESSIONID: cookies.JSESSIONID!, tk: cookies.tk! };
    expect((await query(session)).status).toBe(200);
    fake.expireSessions();
    const expired = await query(session);
    expect(expired.status).toBe(302);
    expect(expired.headers.location).toBe(PASSPORT_REDIRECT);

    const again = await logIn();
    const out = await send('kyfw.12306.cn', 'GET', '/otn/login/loginOut', {
      headers: { Cookie: `JSESSIONID=${again.JSESSIONID}; tk=${again.tk}` },
    });
    expect(out.status).toBe(302);
    expect(out.headers.location).toBe('https://kyfw.12306.cn/otn/resources/login.html');
    const cleared = setCookies(out.headers);
    expect(Object.values(cleared).map((c) => c.value)).toEqual(['', '', '', '']);
    expect(cleared.tk!.attributes).toContain('path=/otn');
    expect(cleared.uamtk!.attributes).toContain('path=/passport');
    expect((await query({ JSESSIONID: again.JSESSIONID!, tk: again.tk! })).status).toBe(302);
  });

  it('redirects a busy query to www.12306.cn, which serves the busy page', async () => {
    const cookies = await logIn();
    fake.setReply({ kind: 'busyRedirect', to: 'www' });
    const reply = await query({ JSESSIONID: cookies.JSESSIONID!, tk: cookies.tk! });
    expect(reply.status).toBe(302);
    expect(reply.headers.location).toBe(WWW_ERROR_URL);

    const page = await send('www.12306.cn', 'GET', new URL(WWW_ERROR_URL).pathname);
    expect(page.status).toBe(200);
    expect(page.body).toContain('网络繁忙');
    expect(fake.requests.at(-1)!.host).toBe('www.12306.cn');
    const outcome = classifyReply({
      kind: 'reply',
      status: 200,
      redirected: true,
      url: WWW_ERROR_URL,
      contentType: page.headers['content-type'] ?? '',
      body: page.body,
    });
    expect(outcome.kind).toBe('busy');
    // kyfw's pages are not on www.
    expect((await send('www.12306.cn', 'GET', '/otn/resources/login.html')).status).toBe(404);
  });

  it('answers a slow plan late, and drops it quietly when the client leaves', async () => {
    const cookies = await logIn();
    const session = { JSESSIONID: cookies.JSESSIONID!, tk: cookies.tk! };
    fake.setReply({ kind: 'slow', delayMs: 300, then: { kind: 'status', status: 503 } });
    const started = Date.now();
    const late = await query(session);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(late.status).toBe(503);

    fake.setReply({ kind: 'slow', delayMs: 60_000, then: { kind: 'none' } });
    await expect(query(session, AbortSignal.timeout(100))).rejects.toThrow();
    fake.setReply({ kind: 'empty' });
    const empty = await query(session);
    expect([empty.status, empty.body]).toEqual([200, '']);
  });
});

describe('fake 12306: the 候补 (waitlist) query', () => {
  const ORDER = { reserveNo: 'EH9071000300612700', passengers: ['张三', '李<四>'] };

  it('redirects a logged-out waitlist query to the passport page, like the main query', async () => {
    const before = fake.waitlistQueries().length;
    const reply = await waitlistQuery();
    expect(reply.status).toBe(302);
    expect(reply.headers.location).toBe(PASSPORT_REDIRECT);

    const cookies = await logIn();
    fake.expireSessions();
    const expired = await waitlistQuery({ JSESSIONID: cookies.JSESSIONID!, tk: cookies.tk! });
    expect(expired.status).toBe(302);
    expect(expired.headers.location).toBe(PASSPORT_REDIRECT);
    expect(fake.waitlistQueries()).toHaveLength(before + 2);
  });

  it('answers nothing waiting by default, read as none by the extension', async () => {
    const cookies = await logIn();
    const reply = await waitlistQuery({ JSESSIONID: cookies.JSESSIONID!, tk: cookies.tk! });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json;charset=UTF-8');
    expect(waitlistOutcome(reply)).toEqual({ kind: 'none', orders: [] });
  });

  it('answers a scripted prepay order, read as unpaid until loseTime, and records the query', async () => {
    const loseTime = Math.floor(clock / 1000) * 1000 + 9 * 60_000;
    fake.setClockSkew(-5_000);
    fake.setWaitlistReply({ kind: 'prepay', order: ORDER, loseTime });
    const cookies = await logIn();
    const session = { JSESSIONID: cookies.JSESSIONID!, tk: cookies.tk! };
    const reply = await waitlistQuery(session);
    expect(reply.status).toBe(200);
    // beginTime is 12306's own clock at the reply: the skewed one.
    expect(JSON.parse(reply.body).data).toMatchObject({ status: 1, beginTime: clock - 5_000, loseTime });
    const outcome = waitlistOutcome(reply);
    expect(outcome.kind).toBe('unpaid');
    expect(outcome.kind === 'unpaid' && outcome.orders.map((o) => [o.source, o.id, o.deadline, o.passengers])).toEqual([
      ['12306-waitlist', 'EH9071000300612700', loseTime, ['张三', '李<四>']],
    ]);

    const last = fake.waitlistQueries().at(-1)!;
    expect(last).toMatchObject({ method: 'POST', host: 'kyfw.12306.cn', path: WAITLIST_PATH, body: '', at: clock });
    expect(last.cookies).toEqual(session);
    expect(last.headers['x-requested-with']).toBe('XMLHttpRequest');
    expect(last.headers.accept).toBe('*/*');
    expect(last.headers['content-type']).toBeUndefined();
    // The two queries are recorded apart.
    expect(fake.orderQueries()).not.toContain(last);

    // The 候补订单 page lists the same order, escaped.
    const page = await send('kyfw.12306.cn', 'GET', '/otn/view/lineUp_order.html', { headers: cookieHeader(session) });
    expect(page.status).toBe(200);
    expect(page.body).toContain('EH9071000300612700');
    expect(page.body).toContain('李&lt;四&gt;');
    expect(page.body).toContain('预付款');
  });

  it('scripts the waitlist apart from the main query', async () => {
    const cookies = await logIn();
    const session = { JSESSIONID: cookies.JSESSIONID!, tk: cookies.tk! };
    fake.setReply({ kind: 'orders', orders: [{ sequenceNo: 'E123456789', payLimit: clock + 20 * 60_000 }] });
    fake.setWaitlistReply({ kind: 'busyJson', message: '系统忙，请稍后再试' });

    const main = await query(session);
    expect(
      classifyReply({
        kind: 'reply',
        status: main.status,
        redirected: false,
        url: 'https://kyfw.12306.cn' + QUERY_PATH,
        contentType: main.headers['content-type'] ?? '',
        body: main.body,
      }).kind,
    ).toBe('unpaid');
    expect(waitlistOutcome(await waitlistQuery(session))).toEqual({ kind: 'busy', detail: '系统忙，请稍后再试' });

    // The main query's failures do not leak into the waitlist either.
    fake.setReply({ kind: 'status', status: 503 });
    fake.setWaitlistReply({ kind: 'none' });
    expect((await query(session)).status).toBe(503);
    expect(waitlistOutcome(await waitlistQuery(session)).kind).toBe('none');
  });

  it.each([
    [{ kind: 'queuing' }, 'queuing'],
    [{ kind: 'queuing', order: { reserveNo: 'EH2' } }, 'queuing'],
    [{ kind: 'failed' }, 'none'],
    [{ kind: 'queryFailed', msg: '候补功能暂停使用' }, 'unexpected'],
    [{ kind: 'loggedOutJson' }, 'loggedOut'],
    [{ kind: 'status', status: 502 }, 'busy'],
    [{ kind: 'status', status: 403 }, 'rejected'],
    [{ kind: 'empty' }, 'busy'],
    [{ kind: 'malformed' }, 'unexpected'],
    [{ kind: 'html' }, 'loggedOut'],
  ] as const)('answers %o, read as %s', async (plan, kind) => {
    const cookies = await logIn();
    fake.setWaitlistReply(plan);
    const reply = await waitlistQuery({ JSESSIONID: cookies.JSESSIONID!, tk: cookies.tk! });
    expect(waitlistOutcome(reply).kind).toBe(kind);
  });

  it('redirects a busy waitlist query to the error page', async () => {
    const cookies = await logIn();
    fake.setWaitlistReply({ kind: 'busyRedirect', to: 'otn' });
    const reply = await waitlistQuery({ JSESSIONID: cookies.JSESSIONID!, tk: cookies.tk! });
    expect(reply.status).toBe(302);
    expect(reply.headers.location).toBe('https://kyfw.12306.cn/otn/login/error');
  });

  it('answers a slow waitlist plan late, and drops it quietly when the client leaves', async () => {
    const cookies = await logIn();
    const session = { JSESSIONID: cookies.JSESSIONID!, tk: cookies.tk! };
    fake.setWaitlistReply({ kind: 'slow', delayMs: 300, then: { kind: 'none' } });
    const started = Date.now();
    const late = await waitlistQuery(session);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(waitlistOutcome(late).kind).toBe('none');

    fake.setWaitlistReply({ kind: 'slow', delayMs: 60_000, then: { kind: 'none' } });
    await expect(waitlistQuery(session, AbortSignal.timeout(100))).rejects.toThrow();
    fake.setWaitlistReply({ kind: 'failed' });
    expect(waitlistOutcome(await waitlistQuery(session)).kind).toBe('none');
  });
});

/** What the browser would keep: the attributes after `name=value`, lowercased, sorted, without expiry. */
const shape = (attributes: string[]) => attributes.filter((a) => !/^(expires|max-age)=/.test(a)).sort();

const expectedShape = (variant: CookieVariant) =>
  [
    `path=${variant.path}`,
    ...(variant.domain === 'host-only' ? [] : [`domain=${variant.domain}`]),
    ...(variant.secure ? ['secure'] : []),
    ...(variant.httpOnly ? ['httponly'] : []),
  ].sort();

const session = (cookies: Record<string, string | undefined>) => ({ JSESSIONID: cookies.JSESSIONID!, tk: cookies.tk! });

describe("fake 12306: the session cookies' shapes", () => {
  it('lists the 24 shapes once each, with distinct names, the likely real one among them', () => {
    expect(ALL_COOKIE_VARIANTS).toHaveLength(24);
    expect(new Set(ALL_COOKIE_VARIANTS.map((v) => JSON.stringify(v))).size).toBe(24);
    expect(new Set(ALL_COOKIE_VARIANTS.map(variantName)).size).toBe(24);
    expect(ALL_COOKIE_VARIANTS).toContainEqual(LIKELY_REAL_COOKIES);
    expect(variantName(LIKELY_REAL_COOKIES)).toBe('HttpOnly host-only Path=/otn');
    expect(variantName({ secure: true, httpOnly: false, domain: '12306.cn', path: '/' })).toBe(
      'Secure Domain=12306.cn Path=/',
    );
  });

  it.each(ALL_COOKIE_VARIANTS.map((variant) => [variantName(variant), variant] as const))(
    '%s: a login sets it, and the logout deletes exactly those cookies',
    async (_name, variant) => {
      fake.setCookieVariant(variant);
      await send('kyfw.12306.cn', 'POST', '/passport/web/login', { body: 'username=a&password=b' });
      const landed = setCookies((await send('kyfw.12306.cn', 'GET', '/otn/login/userLogin')).headers);
      for (const name of ['JSESSIONID', 'tk']) expect(shape(landed[name]!.attributes)).toEqual(expectedShape(variant));
      const cookies = session({ JSESSIONID: landed.JSESSIONID!.value, tk: landed.tk!.value });
      expect((await query(cookies)).status).toBe(200);

      // The next login's shape does not change how this one's cookies are deleted.
      fake.setCookieVariant(variant.path === '/' ? LIKELY_REAL_COOKIES : { ...variant, path: '/' });
      const out = await send('kyfw.12306.cn', 'GET', '/otn/login/loginOut', { headers: cookieHeader(cookies) });
      const cleared = setCookies(out.headers);
      for (const name of ['JSESSIONID', 'tk']) {
        expect(cleared[name]!.value).toBe('');
        expect(cleared[name]!.attributes).toContain('max-age=0');
        expect(shape(cleared[name]!.attributes)).toEqual(expectedShape(variant));
      }
      expect((await query(cookies)).status).toBe(302);
    },
  );

  it("deletes an expired login's cookies in their own shape too", async () => {
    const variant: CookieVariant = { secure: true, httpOnly: false, domain: '.kyfw.12306.cn', path: '/' };
    fake.setCookieVariant(variant);
    const cookies = session(await logIn());
    fake.expireSessions();
    fake.setCookieVariant(LIKELY_REAL_COOKIES);
    const cleared = setCookies(
      (await send('kyfw.12306.cn', 'GET', '/otn/login/loginOut', { headers: cookieHeader(cookies) })).headers,
    );
    expect(shape(cleared.tk!.attributes)).toEqual(expectedShape(variant));
    expect(shape(cleared.JSESSIONID!.attributes)).toEqual(expectedShape(variant));
  });

  it('takes expired logins back, cookies unchanged, on reviveSessions', async () => {
    const cookies = session(await logIn());
    fake.expireSessions();
    expect((await query(cookies)).status).toBe(302);
    fake.reviveSessions();
    expect((await query(cookies)).status).toBe(200);
    // A logged-out session stays out.
    await send('kyfw.12306.cn', 'GET', '/otn/login/loginOut', { headers: cookieHeader(cookies) });
    fake.reviveSessions();
    expect((await query(cookies)).status).toBe(302);
  });
});

describe("fake 12306: the login page's script and the QR code", () => {
  const byScript = (path: string, body: string, cookies?: Record<string, string>) =>
    send('kyfw.12306.cn', 'POST', path, {
      headers: {
        'X-Requested-With': 'XMLHttpRequest',
        'Content-Type': 'application/x-www-form-urlencoded',
        ...cookieHeader(cookies),
      },
      body,
    });

  it('serves the script that logs in and out without a page load, and the QR hook', async () => {
    const page = await send('kyfw.12306.cn', 'GET', '/otn/resources/login.html');
    for (const hook of ['window.loginByScript', 'window.logoutByScript', 'window.qrConfirmed'])
      expect(page.body).toContain(hook);
    expect(page.body).toContain(UAMTK_PATH);
    expect(page.body).toContain(UAMAUTHCLIENT_PATH);
  });

  it('logs in by script: JSON at each step, the session cookies set by /otn/uamauthclient', async () => {
    const variant: CookieVariant = { secure: false, httpOnly: false, domain: '12306.cn', path: '/' };
    fake.setCookieVariant(variant);
    const login = await byScript('/passport/web/login', 'username=a&password=b&appid=otn');
    expect(login.headers['content-type']).toBe('application/json;charset=UTF-8');
    expect(JSON.parse(login.body)).toMatchObject({ result_code: 0 });
    expect(Object.keys(setCookies(login.headers))).toEqual(['uamtk']);

    const ticket = await byScript(UAMTK_PATH, 'appid=otn');
    const { newapptk } = JSON.parse(ticket.body) as { newapptk: string };
    expect(newapptk).toBeTruthy();
    expect(setCookies(ticket.headers).uamtk!.attributes).toEqual(['path=/passport']);

    const client = await byScript(UAMAUTHCLIENT_PATH, `tk=${encodeURIComponent(newapptk)}`);
    expect(client.status).toBe(200);
    expect(JSON.parse(client.body)).toMatchObject({ result_code: 0 });
    const set = setCookies(client.headers);
    expect(Object.keys(set).sort()).toEqual(['JSESSIONID', 'tk']);
    for (const name of ['JSESSIONID', 'tk']) expect(shape(set[name]!.attributes)).toEqual(expectedShape(variant));
    const cookies = session({ JSESSIONID: set.JSESSIONID!.value, tk: set.tk!.value });
    expect((await query(cookies)).status).toBe(200);

    // A ticket is good once.
    const again = await byScript(UAMAUTHCLIENT_PATH, `tk=${encodeURIComponent(newapptk)}`);
    expect(JSON.parse(again.body)).toMatchObject({ result_code: 1 });
    expect(again.headers['set-cookie']).toBeUndefined();

    // The script's logout: JSON, and the cookies deleted in their shape.
    const out = await byScript('/otn/login/loginOut', '_json_att=', cookies);
    expect(out.status).toBe(200);
    const cleared = setCookies(out.headers);
    for (const name of ['JSESSIONID', 'tk']) expect(shape(cleared[name]!.attributes)).toEqual(expectedShape(variant));
    expect((await query(cookies)).status).toBe(302);
  });

  it("logs in by QR code through the redirects, binding the anonymous visitor's session", async () => {
    fake.setAnonymousSessions(true);
    const page = await send('kyfw.12306.cn', 'GET', '/otn/resources/login.html');
    const anonymous = setCookies(page.headers).JSESSIONID!;
    expect(shape(anonymous.attributes)).toEqual(expectedShape(LIKELY_REAL_COOKIES));
    // Anonymous is not logged in, and the same visitor is not given another.
    expect((await query({ JSESSIONID: anonymous.value })).status).toBe(302);
    const visit = await send('kyfw.12306.cn', 'GET', '/otn/view/index.html', {
      headers: cookieHeader({ JSESSIONID: anonymous.value }),
    });
    expect(visit.headers['set-cookie']).toBeUndefined();

    // The phone confirmed: the page goes to the passport…
    const passport = await send('kyfw.12306.cn', 'GET', UAMTK_PATH, {
      headers: cookieHeader({ JSESSIONID: anonymous.value }),
    });
    expect(passport.status).toBe(302);
    expect(setCookies(passport.headers).uamtk!.attributes).toEqual(['path=/passport']);
    const next = new URL(passport.headers.location!);
    expect(`${next.origin}${next.pathname}`).toBe(`https://kyfw.12306.cn${UAMAUTHCLIENT_PATH}`);

    // …which sends it to /otn for tk, bound to the session it already had, then home.
    const client = await send('kyfw.12306.cn', 'GET', next.pathname + next.search, {
      headers: cookieHeader({ JSESSIONID: anonymous.value }),
    });
    expect(client.status).toBe(302);
    expect(client.headers.location).toBe('https://kyfw.12306.cn/otn/view/index.html');
    const set = setCookies(client.headers);
    expect(Object.keys(set)).toEqual(['tk']);
    const cookies = { JSESSIONID: anonymous.value, tk: set.tk!.value };
    expect((await query(cookies)).status).toBe(200);
    const home = await send('kyfw.12306.cn', 'GET', '/otn/view/index.html', { headers: cookieHeader(cookies) });
    expect(home.body).toContain('id="regist_out"');

    // No ticket, no login.
    const forged = await send('kyfw.12306.cn', 'GET', `${UAMAUTHCLIENT_PATH}?tk=forged`);
    expect(forged.headers.location).toBe('https://kyfw.12306.cn/otn/resources/login.html');
    expect(forged.headers['set-cookie']).toBeUndefined();
  });

  it('gives no anonymous session unless asked, nor to a logged-in visitor', async () => {
    const page = await send('kyfw.12306.cn', 'GET', '/otn/resources/login.html');
    expect(page.headers['set-cookie']).toBeUndefined();
    fake.setAnonymousSessions(true);
    const cookies = session(await logIn());
    const home = await send('kyfw.12306.cn', 'GET', '/otn/view/index.html', { headers: cookieHeader(cookies) });
    expect(home.headers['set-cookie']).toBeUndefined();
  });
});
