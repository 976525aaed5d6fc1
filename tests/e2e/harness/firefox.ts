import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Page } from 'puppeteer-core';
import type { Alarm, Badge, ExtensionSession, LaunchOptions, PopupView } from './session';

// Debian's Firefox ESR, driven over WebDriver BiDi, with the production build installed as a
// temporary add-on in a fresh profile.
//
// What works (Firefox 153 ESR, puppeteer-core 24), found by trying:
// - `browser.installExtension(dir)` installs the unpacked MV2 build.
// - Firefox picks a random internal UUID per profile; the `extensions.webextensions.uuids` pref
//   pins it, so the extension's pages have a known `moz-extension://<uuid>/` address.
// - `page.goto()` to a moz-extension:// page never settles for the driver; the BiDi
//   `browsingContext.navigate` command sent by hand does, and the page is then scriptable like any
//   other (`page.evaluate` sees the extension APIs as `browser.*`).
// - Firefox's own background traffic is cut off by prefs (remote settings, DNS over HTTPS,
//   prefetching) and by MOZ_DISABLE_NONLOCAL_CONNECTIONS; everything else goes through the proxy.
// - Headless Firefox has no desktop notification service: through the system backend a
//   notification is closed the moment it is created, so `notifications.getAll()` never sees it.
//   Firefox's own fallback (alert windows drawn by Firefox itself, `alerts.useSystemBackend` off)
//   keeps it open, as a desktop would, until it times out or is clicked.

export const FIREFOX_BUILD = resolve('.output/firefox-mv2');
// browser_specific_settings.gecko.id in wxt.config.ts; an `extensionDir` add-on must use it too.
export const ADDON_ID = 'payclock@payclock.app';

export interface FirefoxOptions extends LaunchOptions {
  /** How long Firefox lets an idle event page live before unloading it (ms). */
  backgroundIdleMs?: number;
  /** The browser's UI language, e.g. `zh-CN` (needs Debian's firefox-esr-l10n-zh-cn); English otherwise. */
  language?: string;
}

export interface FirefoxSession extends ExtensionSession {
  /**
   * Tags the running event page's window, so a later `backgroundReloaded()` can tell whether
   * Firefox unloaded it in between. Both wake the event page if it is asleep.
   */
  markBackground(): Promise<void>;
  backgroundReloaded(): Promise<boolean>;
  /**
   * Firefox's own state of the event page (`starting`, `running`, `suspending`, `stopped`), read in
   * the browser's chrome, which wakes nothing.
   */
  backgroundState(): Promise<string>;
  /**
   * Unloads the event page now, as its idle timer does (the same `terminateBackground`, called the
   * way about:debugging's "Terminate background script" calls it), and waits until it is stopped.
   */
  stopBackground(): Promise<void>;
  /** Sets one of Firefox's prefs now, as about:config does (e.g. the colour scheme pages get). */
  setPref(name: string, value: number | boolean | string): Promise<void>;
}

// Firefox's MV2 `browser` global, as far as the harness uses it: `browserAction` has the same
// promise-returning shape as MV3's `action`.
type ExtensionGlobal = {
  browser: typeof chrome & {
    browserAction: typeof chrome.action;
    runtime: { getBackgroundPage(): Promise<Window> };
  };
};
// puppeteer's BiDi browser exposes its connection, but not in its public types.
type BidiConnection = { send(method: string, params: object): Promise<unknown> };
// What the BiDi commands used in the browser's chrome answer, as far as read here.
type ChromeTree = { result: { contexts: { context: string }[] } };
type Evaluated = {
  result: { type: 'success'; result: { value?: unknown } } | { type: 'exception'; exceptionDetails: { text: string } };
};

export async function launchFirefox(options: FirefoxOptions): Promise<FirefoxSession> {
  const profile = await mkdtemp(join(tmpdir(), 'payclock-firefox-'));
  const uuid = randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: '/usr/bin/firefox-esr',
    headless: true,
    userDataDir: profile,
    acceptInsecureCerts: true,
    args: ['--remote-allow-system-access'],
    env: {
      ...process.env,
      TZ: options.timeZone ?? process.env.TZ ?? 'UTC',
      MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1',
    },
    extraPrefsFirefox: {
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': options.proxyPort,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': options.proxyPort,
      'network.proxy.share_proxy_settings': true,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
      'network.trr.mode': 5,
      'network.dns.disablePrefetch': true,
      'network.predictor.enabled': false,
      'network.prefetch-next': false,
      'services.settings.server': 'data:,#remote-settings-dummy/v1',
      'alerts.useSystemBackend': false,
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: uuid }),
      // With this pref off, `permissions.request` grants what the add-on asks for without showing
      // its doorhanger (ext-permissions.js skips the prompt when it is false); the add-on still
      // has nothing until it asks. Tried on 153 ESR: `contains` false, click, `request` → true.
      // Left on (`show`), the doorhanger waits for a click no driver can give headless.
      'extensions.webextOptionalPermissionPrompts': options.permissionPrompts === 'show',
      ...(options.language ? { 'intl.locale.requested': options.language } : {}),
      ...(options.backgroundIdleMs ? { 'extensions.background.idle.timeout': options.backgroundIdleMs } : {}),
    },
  });
  await browser.installExtension(options.extensionDir ?? FIREFOX_BUILD);
  const extensionPage = (path: string) => `moz-extension://${uuid}/${path}`;

  async function openExtensionPage(path: string): Promise<Page> {
    const page = await browser.newPage();
    await page.bringToFront();
    // A BiDi frame's id is its browsing context's id (also not in the public types).
    const context = (page.mainFrame() as unknown as { _id: string })._id;
    await (browser as unknown as { connection: BidiConnection }).connection.send('browsingContext.navigate', {
      context,
      url: extensionPage(path),
      wait: 'complete',
    });
    return page;
  }

  let probe: Page | undefined;
  // `keys`: storage items to read, passed into the page (the one argument any task here takes).
  async function inExtension<T>(task: (keys: string[] | null) => Promise<T>, keys: string[] | null = null): Promise<T> {
    if (!probe || probe.isClosed()) probe = await openExtensionPage('popup.html');
    return probe.evaluate(task, keys);
  }

  // The extension's state lives in Firefox's parent process, where no page of the extension can
  // look without waking the event page (`getBackgroundPage` loads it). The browser window's chrome
  // can: `--remote-allow-system-access` lets WebDriver BiDi list and script chrome contexts
  // (`moz:scope: chrome`).
  const connection = (browser as unknown as { connection: BidiConnection }).connection;
  async function inChrome(expression: string): Promise<unknown> {
    const tree = (await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' })) as ChromeTree;
    const context = tree.result.contexts[0]?.context;
    if (!context) throw new Error('no chrome context to evaluate in');
    const { result } = (await connection.send('script.evaluate', {
      expression,
      target: { context },
      awaitPromise: true,
    })) as Evaluated;
    if (result.type === 'exception') throw new Error(`in Firefox's chrome: ${result.exceptionDetails.text}`);
    return result.result.value;
  }
  const backgroundState = async () =>
    String(await inChrome(`WebExtensionPolicy.getByID(${JSON.stringify(ADDON_ID)}).extension.backgroundState`));

  return {
    browser,
    ownTraffic: /(?!)/, // with the prefs above, Firefox makes no connection of its own
    openPage: openExtensionPage,
    async openPopup(view: PopupView = {}) {
      const page = await openExtensionPage('popup.html');
      await page.setViewport({
        width: 380,
        height: view.height ?? 600,
        deviceScaleFactor: view.deviceScaleFactor ?? 1,
      });
      await page.waitForSelector('.popup__header');
      return page;
    },
    badge: () =>
      inExtension(async () => {
        const action = (globalThis as unknown as ExtensionGlobal).browser.browserAction;
        return {
          text: await action.getBadgeText({}),
          color: (await action.getBadgeBackgroundColor({})) as Badge['color'],
          title: await action.getTitle({}),
        };
      }),
    notifications: () =>
      inExtension(async () =>
        Object.keys(await (globalThis as unknown as ExtensionGlobal).browser.notifications.getAll()).sort(),
      ),
    storage: (keys?: string[]) =>
      inExtension((names) => (globalThis as unknown as ExtensionGlobal).browser.storage.local.get(names), keys ?? null),
    alarms: () =>
      inExtension(async () =>
        (await (globalThis as unknown as ExtensionGlobal).browser.alarms.getAll()).map(
          ({ name, scheduledTime, periodInMinutes }): Alarm => ({
            name,
            scheduledTime,
            ...(periodInMinutes === undefined ? {} : { periodInMinutes }),
          }),
        ),
      ),
    markBackground: () =>
      inExtension(async () => {
        const page = await (globalThis as unknown as ExtensionGlobal).browser.runtime.getBackgroundPage();
        (page as unknown as Record<string, boolean>)['__payclockTestMark'] = true;
      }),
    backgroundReloaded: () =>
      inExtension(async () => {
        const page = await (globalThis as unknown as ExtensionGlobal).browser.runtime.getBackgroundPage();
        return !(page as unknown as Record<string, boolean>)['__payclockTestMark'];
      }),
    backgroundState,
    async stopBackground() {
      // Firefox declines while the page is starting or a listener's promise is pending: ask again.
      const until = Date.now() + 10_000;
      let state = await backgroundState();
      while (state !== 'stopped' && Date.now() < until) {
        if (state === 'running')
          await inChrome(`ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs')
            .ExtensionParent.DebugUtils.terminateBackgroundScript(${JSON.stringify(ADDON_ID)})`);
        else await new Promise((wait) => setTimeout(wait, 50));
        state = await backgroundState();
      }
      if (state !== 'stopped') throw new Error(`the event page did not stop (${state})`);
    },
    async setPref(name: string, value: number | boolean | string) {
      const kind = typeof value === 'number' ? 'Int' : typeof value === 'boolean' ? 'Bool' : 'String';
      await inChrome(`Services.prefs.set${kind}Pref(${JSON.stringify(name)}, ${JSON.stringify(value)})`);
    },
    async close() {
      await browser.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
