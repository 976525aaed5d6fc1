import { describe, expect, it } from 'vitest';
import { isSessionCookie } from '@/lib/sources/12306/session-cookies';

// Whatever flags 12306 gives its login cookies, a change to one the order query would carry is a
// change to the login; anything else is not.

describe('isSessionCookie', () => {
  it.each([
    ['host-only', 'kyfw.12306.cn', '/otn'],
    ['host-only, path /', 'kyfw.12306.cn', '/'],
    ['Domain=.kyfw.12306.cn', '.kyfw.12306.cn', '/otn'],
    ['Domain=12306.cn', '.12306.cn', '/otn'],
    ['Domain=12306.cn, path /', '.12306.cn', '/'],
    ['domain without its dot, path /otn/', '12306.cn', '/otn/'],
    ['upper-case domain', 'KYFW.12306.CN', '/otn'],
  ])('takes tk and JSESSIONID set %s', (_case, domain, path) => {
    expect(isSessionCookie({ name: 'tk', domain, path })).toBe(true);
    expect(isSessionCookie({ name: 'JSESSIONID', domain, path })).toBe(true);
  });

  it.each([
    ['another cookie of 12306', 'RAIL_DEVICEID', 'kyfw.12306.cn', '/'],
    ['the passport token', 'uamtk', 'kyfw.12306.cn', '/passport'],
    ['tk on the passport path', 'tk', 'kyfw.12306.cn', '/passport'],
    ['tk on a path that only starts like /otn', 'tk', 'kyfw.12306.cn', '/otnx'],
    ['tk of another 12306 host', 'tk', 'www.12306.cn', '/'],
    ['tk of a look-alike domain', 'tk', '.kyfw.12306.cn.evil.test', '/'],
    ['tk of a domain that ends the same', 'tk', 'x12306.cn', '/'],
    ['tk of another site', 'tk', 'example.com', '/'],
    ['a name differing in case', 'TK', 'kyfw.12306.cn', '/otn'],
    ['an empty domain', 'tk', '', '/'],
  ])('ignores %s', (_case, name, domain, path) => {
    expect(isSessionCookie({ name, domain, path })).toBe(false);
  });
});
