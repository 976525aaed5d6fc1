import type { Page } from 'puppeteer-core';
import { startFake12306, type Fake12306 } from '../fake-12306/server';
import { startProxy, type Proxy } from './proxy';

// The small internet an end-to-end test lives in: the fake 12306 (both of its hosts) behind a
// CONNECT proxy that refuses everything else.

export interface World {
  fake: Fake12306;
  proxy: Proxy;
  close(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  const fake = await startFake12306();
  const proxy = await startProxy({ 'kyfw.12306.cn:443': fake.port, 'www.12306.cn:443': fake.port });
  return {
    fake,
    proxy,
    async close() {
      await proxy.close();
      await fake.close();
    },
  };
}

export const LOGIN_PAGE = 'https://kyfw.12306.cn/otn/resources/login.html';

/** Logs in on the fake 12306's own login page, the way a user does. */
export async function logInOn12306(page: Page): Promise<void> {
  await page.goto(LOGIN_PAGE);
  await page.type('#J-userName', 'traveller');
  await page.type('#J-password', 'not-a-real-password');
  await Promise.all([page.waitForNavigation(), page.click('#J-login')]);
}

/** Polls `probe` until it returns a truthy value or `timeoutMs` passes. */
export async function eventually<T>(
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

export const MINUTE = 60_000;
