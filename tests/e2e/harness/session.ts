import type { Browser, Page } from 'puppeteer-core';

// What a scenario needs from a browser with the extension installed, whichever browser it is.

export interface LaunchOptions {
  proxyPort: number;
  /** The browser's own time zone (TZ), to prove the extension does not depend on it. */
  timeZone?: string;
  /**
   * What happens when the extension calls `permissions.request` for a site (a venue's origin):
   * `accept` (default) grants any https or http origin at once, as a user clicking Allow would;
   * `show` leaves the browser's own prompt up, which nothing in a headless browser can answer, so
   * the request never settles and the origin stays ungranted.
   */
  permissionPrompts?: 'accept' | 'show';
  /** An unpacked extension to load instead of the production build (the harness's own probes). */
  extensionDir?: string;
}

export interface PopupView {
  height?: number;
  /** 2 for a sharp screenshot. */
  deviceScaleFactor?: number;
}

export interface Badge {
  text: string;
  color: [number, number, number, number];
  /** The toolbar button's title, which says in words what the badge means. */
  title: string;
}

/** One of the extension's alarms, as `alarms.getAll()` gives it. */
export interface Alarm {
  name: string;
  /** Local epoch ms. */
  scheduledTime: number;
  periodInMinutes?: number;
}

export interface ExtensionSession {
  browser: Browser;
  /** Opens the popup page in a tab sized like the toolbar popup (380 × 600 unless told). */
  openPopup(view?: PopupView): Promise<Page>;
  /** Opens another of the extension's pages (e.g. `options.html`) in a tab. */
  openPage(path: string): Promise<Page>;
  badge(): Promise<Badge>;
  /** Ids of the notifications currently shown. An id names the alert: `remind|1|<deadline>|12306:E…`. */
  notifications(): Promise<string[]>;
  /** The extension's `storage.local`, or just the items named (much less to copy with many orders). */
  storage(keys?: string[]): Promise<Record<string, unknown>>;
  /** The extension's alarms (Chrome refuses to hold more than 500). */
  alarms(): Promise<Alarm[]>;
  /**
   * Matches the proxy's record of connections the browser makes for itself (updates, sign-in),
   * which the flags and prefs could not all turn off. Anything else refused came from the page or
   * the extension.
   */
  ownTraffic: RegExp;
  close(): Promise<void>;
}
