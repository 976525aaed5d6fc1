import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { Alarm, Badge, ExtensionSession, LaunchOptions, PopupView } from './session';

// Debian's Chromium with the production build of the extension loaded unpacked, in a fresh profile,
// every request sent through the test proxy. The flags keep Chromium from reaching out on its own
// (this machine has no network, and tests must not depend on one).
//
// The harness never attaches to the extension's service worker: a driver attached to a worker
// holds it paused each time Chrome restarts it, which is exactly what the restart test needs to
// see happen freely. Everything a test reads (badge, notifications, storage) is read through the
// same extension APIs from a tab showing one of the extension's own pages.

export const CHROME_BUILD = resolve('.output/chrome-mv3');

/** What `permissionPrompts: 'accept'` lets the extension have without a prompt. */
const ACCEPTED_SITES = ['https://*/*', 'http://*/*'];

// `chrome.developerPrivate`, the private API behind chrome://extensions, as far as used here.
type DeveloperPrivate = { addHostPermission(id: string, host: string, done: () => void): void };
type WithDeveloperPrivate = {
  chrome: { developerPrivate: DeveloperPrivate; runtime: { lastError?: { message?: string } } };
};

/**
 * Makes `permissions.request` for any https or http origin resolve `true` at once, as if the user
 * clicked Allow, while the extension itself still has none of them until it asks.
 *
 * Chromium has no switch for this: `--apps-gallery-install-auto-confirm-for-tests` is gone from
 * Chromium 156, and `permissions.request`'s own auto-confirm (`SetAutoConfirmForTests`,
 * `ScopedTestDialogAutoConfirm`) is a global only Chromium's C++ browser tests can set. Headless,
 * the prompt is a browser dialog no driver can click, so the request never settles. What works:
 * chrome://extensions' "Site access → On specific sites" (`developerPrivate.addHostPermission`)
 * puts the patterns in the extension's runtime-granted permissions without making them active;
 * `permissions.request` then skips the prompt for anything those already cover (permissions_api.cc:
 * "We don't prompt for already-granted permissions") and grants just what was asked. Tried with a
 * throw-away MV3 extension: `contains` false before the click, `request` → true with no prompt,
 * `contains` true after, and a site outside the patterns still prompts.
 */
async function acceptSitePermissionPrompts(browser: Browser, extensionId: string): Promise<void> {
  const page = await browser.newPage();
  try {
    await page.goto(`chrome://extensions/?id=${extensionId}`);
    for (const pattern of ACCEPTED_SITES) {
      const error = await page.evaluate(
        (id, host) =>
          new Promise<string | null>((done) => {
            const { chrome } = globalThis as unknown as WithDeveloperPrivate;
            chrome.developerPrivate.addHostPermission(id, host, () => done(chrome.runtime.lastError?.message ?? null));
          }),
        extensionId,
        pattern,
      );
      if (error !== null) throw new Error(`could not pre-grant ${pattern}: ${error}`);
    }
  } finally {
    await page.close();
  }
}

export interface WorkerStatus {
  at: number;
  status: string; // 'starting' | 'running' | 'stopping' | 'stopped'
}

export interface WorkerWatch {
  /** Every status change seen, oldest first. */
  history: WorkerStatus[];
  stop(): Promise<void>;
}

export interface ChromiumSession extends ExtensionSession {
  extensionId: string;
  /** Follows the service worker's running status, and can stop it the way Chrome does when idle. */
  watchWorker(): Promise<WorkerWatch>;
}

export interface ChromiumOptions extends LaunchOptions {
  /** The browser's UI language, e.g. `zh-CN` (needs Debian's chromium-l10n); English otherwise. */
  language?: string;
  /** False shows the browser's window (needs a display); headless unless told. */
  headless?: boolean;
}

export async function launchChromium(options: ChromiumOptions): Promise<ChromiumSession> {
  const profile = await mkdtemp(join(tmpdir(), 'payclock-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: '/usr/bin/chromium',
    headless: options.headless ?? true,
    pipe: true,
    enableExtensions: true,
    targetFilter: (target) => target.type() !== 'service_worker',
    userDataDir: profile,
    acceptInsecureCerts: true,
    env: {
      ...process.env,
      TZ: options.timeZone ?? process.env.TZ ?? 'UTC',
      ...(options.language ? { LANGUAGE: options.language.replace('-', '_') } : {}),
    },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      '--disable-features=MediaRouter,OptimizationHints,Translate,AutofillServerCommunication,NetworkTimeServiceQuerying',
      '--disable-domain-reliability',
      '--disable-client-side-phishing-detection',
      '--ignore-certificate-errors',
      `--proxy-server=http://127.0.0.1:${options.proxyPort}`,
      '--proxy-bypass-list=<-loopback>',
      `--lang=${options.language ?? 'en-US'}`,
    ],
  });
  const extensionId = await browser.installExtension(options.extensionDir ?? CHROME_BUILD);
  if ((options.permissionPrompts ?? 'accept') === 'accept') await acceptSitePermissionPrompts(browser, extensionId);
  const extensionPage = (path: string) => `chrome-extension://${extensionId}/${path}`;

  let probe: Page | undefined;
  // `keys`: storage items to read, passed into the page (the one argument any task here takes).
  async function inExtension<T>(task: (keys: string[] | null) => Promise<T>, keys: string[] | null = null): Promise<T> {
    if (!probe || probe.isClosed()) {
      probe = await browser.newPage();
      await probe.goto(extensionPage('popup.html'));
    }
    return probe.evaluate(task, keys);
  }

  return {
    browser,
    extensionId,
    // Even with background networking off, Chromium 156 still calls its sign-in and updater hosts.
    ownTraffic: /^(https?:\/\/)?(accounts\.google\.com|update\.googleapis\.com)[:/]/,
    async openPage(path: string) {
      const page = await browser.newPage();
      await page.goto(extensionPage(path));
      return page;
    },
    async openPopup(view: PopupView = {}) {
      const page = await browser.newPage();
      await page.setViewport({
        width: 380,
        height: view.height ?? 600,
        deviceScaleFactor: view.deviceScaleFactor ?? 1,
      });
      await page.goto(extensionPage('popup.html'));
      await page.waitForSelector('.popup__header');
      return page;
    },
    badge: () =>
      inExtension(async () => ({
        text: await chrome.action.getBadgeText({}),
        color: (await chrome.action.getBadgeBackgroundColor({})) as Badge['color'],
        title: await chrome.action.getTitle({}),
      })),
    // Chrome exposes only the ids of shown notifications, not their text; the text is unit-tested.
    notifications: () => inExtension(async () => Object.keys(await chrome.notifications.getAll()).sort()),
    storage: (keys?: string[]) => inExtension((names) => chrome.storage.local.get(names), keys ?? null),
    alarms: () =>
      inExtension(async () =>
        (await chrome.alarms.getAll()).map(({ name, scheduledTime, periodInMinutes }): Alarm => ({
          name,
          scheduledTime,
          ...(periodInMinutes === undefined ? {} : { periodInMinutes }),
        })),
      ),
    async watchWorker() {
      // The DevTools ServiceWorker domain reports the workers of its page's origin, so it is asked
      // from a tab showing one of the extension's pages. An open page does not keep a worker alive.
      const page = await browser.newPage();
      await page.goto(extensionPage('popup.html'));
      const session = await page.createCDPSession();
      const history: WorkerStatus[] = [];
      session.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        for (const version of versions) {
          if (version.scriptURL.endsWith('/background.js'))
            history.push({ at: Date.now(), status: version.runningStatus });
        }
      });
      await session.send('ServiceWorker.enable');
      const latest = () => history.at(-1)?.status;
      return {
        history,
        async stop() {
          await session.send('ServiceWorker.stopAllWorkers');
          const until = Date.now() + 10_000;
          while (latest() !== 'stopped' && Date.now() < until) await new Promise((wait) => setTimeout(wait, 50));
          if (latest() !== 'stopped') throw new Error(`service worker did not stop (${latest()})`);
        },
      };
    },
    async close() {
      await browser.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
