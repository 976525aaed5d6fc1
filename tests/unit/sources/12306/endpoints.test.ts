import { describe, expect, it } from 'vitest';
import { isLoginPage, LOGIN_PAGE_URL } from '@/lib/sources/12306/endpoints';

describe('isLoginPage', () => {
  it('knows 12306’s login page by its origin and path alone', () => {
    expect(isLoginPage(LOGIN_PAGE_URL)).toBe(true);
    expect(isLoginPage(`${LOGIN_PAGE_URL}?type=1#qr`)).toBe(true);
    expect(isLoginPage('https://kyfw.12306.cn/otn/view/index.html')).toBe(false);
    expect(isLoginPage('https://kyfw.12306.cn.evil.test/otn/resources/login.html')).toBe(false);
    expect(isLoginPage('http://kyfw.12306.cn/otn/resources/login.html')).toBe(false);
    expect(isLoginPage('not a url')).toBe(false);
  });
});
