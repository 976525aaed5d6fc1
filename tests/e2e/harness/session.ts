import type { Browser, Page } from 'puppeteer-core';

// What a scenario needs from a browser with the extension installed, whichever browser it is.

export interface LaunchOptions {
  proxyPort: number;
  /** The browser's own time zone (TZ), to prove the extension does not depend on it. */
  timeZone?: string;
}

export interface PopupView {
  height?: number;
  /** 2 for a sharp screenshot. */
  deviceScaleFactor?: number;
}

export interface Badge {
  text: string;
  color: [number, number, number, number];
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
  /** The extension's `storage.local`. */
  storage(): Promise<Record<string, unknown>>;
  /**
   * Matches the proxy's record of connections the browser makes for itself (updates, sign-in),
   * which the flags and prefs could not all turn off. Anything else refused came from the page or
   * the extension.
   */
  ownTraffic: RegExp;
  close(): Promise<void>;
}
