import { launchChromium } from './chromium';
import { launchFirefox } from './firefox';
import type { ExtensionSession, LaunchOptions } from './session';

// The browsers every shared scenario runs in. `describe.each(BROWSERS)('%s …', (name, launch) => …)`.
export const BROWSERS: [name: string, launch: (options: LaunchOptions) => Promise<ExtensionSession>][] = [
  ['Chromium', launchChromium],
  ['Firefox', launchFirefox],
];
