import { defineConfig } from 'wxt';
import { localeFiles } from './lib/i18n/locale-files';
import { inlinePageCss } from './scripts/build/inline-page-css';
import { privacyPage } from './scripts/build/privacy-page';

// Site access is 12306 alone: kyfw.12306.cn answers the order query, and www.12306.cn is where it
// redirects a busy request (without access there the redirect would look like a network failure).
// The login is noticed from 12306's session cookies, and Chromium tells an extension of a cookie
// change only when it may access the cookie's URL: `http://` for a cookie without `Secure`, the
// parent domain's for one set with `Domain=12306.cn`. Whether 12306 sets either is not known, so
// both are covered (SESSION_COOKIE_ORIGINS); no request is ever sent to them.
// Ticket-system venues are asked for one by one (optional host permissions) when the user adds an
// account, so the install prompt stays minimal.
const VENUE_ORIGINS = ['https://*/*', 'http://*/*'];
const SESSION_COOKIE_ORIGINS = ['http://kyfw.12306.cn/*', '*://12306.cn/*'];

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    // Chrome's service worker plays the optional reminder sound from an offscreen document.
    // 12306's two queries get the Origin and Referer of the site's own pages (declarativeNetRequest,
    // with host access: it adds no install warning and acts only where host permission is granted).
    permissions: [
      'alarms',
      'cookies',
      'declarativeNetRequestWithHostAccess',
      'notifications',
      'storage',
      ...(browser === 'firefox' ? [] : ['offscreen']),
    ],
    host_permissions: ['https://kyfw.12306.cn/*', 'https://www.12306.cn/*', ...SESSION_COOKIE_ORIGINS],
    // Ticket-system venues: each asked for alone, when the user saves an account for it. Plain http
    // only after the settings page's warning. MV2 (Firefox) lists optional origins with permissions.
    ...(browser === 'firefox' ? { optional_permissions: VENUE_ORIGINS } : { optional_host_permissions: VENUE_ORIGINS }),
    action: { default_title: '__MSG_extName__' },
    // Store minimums (README, Installing from the stores): Chrome 116 for runtime.getContexts (the
    // sound's offscreen document); Firefox 142, from which data_collection_permissions is read on
    // Android too (desktop: 140). PayClock sends nothing to its developer or anyone else: only what
    // 12306 and the venues the user added need to answer the user's own requests, hence 'none'.
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'payclock@payclock.app',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : { minimum_chrome_version: '116' }),
  }),
  // `npm run zip` also makes the sources archive addons.mozilla.org asks for with minified code: what
  // the build reads and nothing else (README, Installing from the stores, says how to rebuild from it).
  zip: {
    excludeSources: ['**'],
    includeSources: [
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'wxt.config.ts',
      'README.md',
      'PRIVACY.md',
      'entrypoints/**',
      'components/**',
      'hooks/**',
      'lib/**',
      'public/**',
      'scripts/build/**',
    ],
  },
  vite: () => ({
    // The popup's first render waits for its stylesheet: inlined, it is no fetch of its own.
    plugins: [inlinePageCss('entrypoints/popup/index.html')],
    build: {
      sourcemap: process.env.PAYCLOCK_SOURCEMAP === '1',
      rollupOptions: {
        // zod places comments where Rollup cannot use them; harmless, and noise in every build.
        onwarn(warning, warn) {
          if (warning.code !== 'INVALID_ANNOTATION') warn(warning);
        },
      },
    },
  }),
  hooks: {
    // WXT builds all HTML pages in one step, so the popup and the settings page share chunks, and a
    // module both use carries into the popup whatever the settings page needs of it (its schemas,
    // zod, the storage library). Built alone, the popup bundles only what it uses (its size budget:
    // README, Numbers).
    'entrypoints:grouped': (_wxt, groups) => {
      for (const group of groups) {
        if (!Array.isArray(group) || group.length < 2) continue;
        const popup = group.findIndex((entry) => entry.type === 'popup');
        if (popup >= 0) groups.push(group.splice(popup, 1));
      }
    },
    // The UI strings live in one typed table (lib/i18n/messages.ts); the manifest's own strings are
    // generated from it so a translation is never written twice.
    'build:publicAssets': (_wxt, files) => {
      for (const file of localeFiles()) files.push(file);
      // PRIVACY.md as the extension's own page, linked from the settings page.
      files.push(privacyPage());
    },
  },
});
