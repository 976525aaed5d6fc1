import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll } from 'vitest';
import { startFake12306, type Fake12306 } from '../fake-12306/server';
import { startFakePush, type FakePush } from '../fake-push/server';
import { startFakeTicketSystem, type FakeTicketSystem } from '../fake-ticket-system/server';
import { startProxy, type Proxy } from './proxy';
import type { ExtensionSession, LaunchOptions } from './session';

// The small internet an end-to-end test lives in: the fake 12306 (both of its hosts) and the fake
// ticket-system venues (`tickets.venue-a.test`, `piao.venue-b.test`) and the fake push services (every
// real host of Bark, Server酱, PushPlus, ntfy, DingTalk, WeCom, Feishu/Lark, Telegram, and
// `hooks.example.test` for webhooks) behind a CONNECT proxy that refuses everything else. A venue host is reachable because it is routed here, not because any
// check lets it off: a test that sets up no venue account can still ask that none was contacted
// (`venuesContacted`).

export interface World {
  fake: Fake12306;
  venue: FakeTicketSystem;
  push: FakePush;
  proxy: Proxy;
  close(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  // Each makes a certificate of its own: made side by side, the world starts no later than before.
  const [fake, venue, push] = await Promise.all([startFake12306(), startFakeTicketSystem(), startFakePush()]);
  const proxy = await startProxy({ ...fake.routes, ...venue.routes, ...push.routes });
  return {
    fake,
    venue,
    push,
    proxy,
    async close() {
      await proxy.close();
      await Promise.all([push.close(), venue.close(), fake.close()]);
    },
  };
}

/** The venue hosts the browser opened a connection to (each once), whether or not it sent a request. */
export const venuesContacted = (world: World): string[] => [
  ...new Set(
    world.proxy.tunnelled.filter((target) => target in world.venue.routes).map((target) => target.replace(/:443$/, '')),
  ),
];

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

/**
 * Runs `test` in a world of its own with a browser launched into it, and closes both after, even
 * when it fails: for tests that run side by side, each with its own browser.
 */
export async function withWorld<S extends ExtensionSession>(
  launch: (proxyPort: number) => Promise<S>,
  test: (world: World, session: S) => Promise<void>,
): Promise<void> {
  const world = await startWorld();
  const session = await launch(world.proxy.port).catch(async (error: unknown) => {
    await world.close();
    throw error;
  });
  try {
    await test(world, session);
  } finally {
    await session.close();
    await world.close();
  }
}

export interface WorldAndBrowser<S extends ExtensionSession> {
  readonly world: World;
  readonly session: S;
}

/**
 * Starts a world and a browser with the extension before a describe block's tests, and closes both
 * after them. `beforeLaunch` scripts the fake 12306 before the extension's first check.
 */
export function useWorldAndBrowser<O extends LaunchOptions, S extends ExtensionSession>(
  launch: (options: O) => Promise<S>,
  options: Omit<O, 'proxyPort'> & { beforeLaunch?: (world: World) => void } = {} as Omit<O, 'proxyPort'>,
): WorldAndBrowser<S> {
  const { beforeLaunch, ...launchOptions } = options;
  let world: World | undefined;
  let session: S | undefined;
  beforeAll(async () => {
    world = await startWorld();
    beforeLaunch?.(world);
    session = await launch({ ...launchOptions, proxyPort: world.proxy.port } as O);
  });
  afterAll(async () => {
    await session?.close();
    await world?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the world and browser start in beforeAll');
    return value;
  };
  return {
    get world() {
      return started(world);
    },
    get session() {
      return started(session);
    },
  };
}
