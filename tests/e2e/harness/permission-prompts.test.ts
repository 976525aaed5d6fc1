// Proves what the harness does about the browsers' site-permission prompt (`permissionPrompts`,
// see chromium.ts and firefox.ts) with a tiny probe extension instead of the production build: a
// page whose button asks for the first venue's origin, as the options page's Save will, then fetches
// from that venue cross-origin. Accepted, the origin is granted (and only that one) and the fetch
// reaches the fake venue through the proxy; shown, the prompt is never answered and nothing is.

import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VENUE_A_HOST } from '../fake-ticket-system/server';
import { launchChromium } from './chromium';
import { ADDON_ID, launchFirefox } from './firefox';
import type { ExtensionSession, LaunchOptions } from './session';
import { eventually, useWorldAndBrowser, venuesContacted } from './world';

const VENUE = `https://${VENUE_A_HOST}`;
const OPTIONAL_SITES = ['https://*/*', 'http://*/*'];

const MANIFESTS = {
  chrome: { manifest_version: 3, optional_host_permissions: OPTIONAL_SITES },
  firefox: {
    manifest_version: 2,
    browser_specific_settings: { gecko: { id: ADDON_ID } },
    optional_permissions: OPTIONAL_SITES,
  },
};

const PROBE_HTML = `<!doctype html><meta charset="utf-8"><title>probe</title>
<button id="grant">Save</button> <output id="out">idle</output><script src="probe.js"></script>`;

// Runs in the probe page: the request happens inside the click handler, a user gesture.
const PROBE_JS = `
const api = globalThis.browser ?? globalThis.chrome;
const out = document.getElementById('out');
document.getElementById('grant').addEventListener('click', () => {
  out.textContent = 'requesting';
  api.permissions.request({ origins: ['${VENUE}/*'] }).then(
    async (granted) => {
      if (!granted) return void (out.textContent = 'granted=false');
      try {
        const reply = await fetch('${VENUE}/api/Order/Query/Main/1?personalid=0');
        out.textContent = 'granted=true fetched=' + reply.status;
      } catch (error) {
        out.textContent = 'granted=true fetchFailed=' + error;
      }
    },
    (error) => void (out.textContent = 'error=' + error.message),
  );
});`;

// Named now: useWorldAndBrowser takes its options when the describe blocks are collected.
const root = join(tmpdir(), `payclock-probe-${randomUUID()}`);
const probeDir = (kind: keyof typeof MANIFESTS) => join(root, kind);

beforeAll(async () => {
  for (const kind of ['chrome', 'firefox'] as const) {
    await mkdir(probeDir(kind), { recursive: true });
    const manifest = { name: 'PayClock harness probe', version: '1.0', ...MANIFESTS[kind] };
    await writeFile(join(probeDir(kind), 'manifest.json'), JSON.stringify(manifest));
    await writeFile(join(probeDir(kind), 'probe.html'), PROBE_HTML);
    await writeFile(join(probeDir(kind), 'probe.js'), PROBE_JS);
  }
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const CASES: [string, keyof typeof MANIFESTS, (options: LaunchOptions) => Promise<ExtensionSession>][] = [
  ['Chromium', 'chrome', launchChromium],
  ['Firefox', 'firefox', launchFirefox],
];

const contains = (page: Page, origin: string) =>
  page.evaluate(
    (pattern) =>
      ((globalThis as unknown as { browser?: typeof chrome }).browser ?? chrome).permissions.contains({
        origins: [pattern],
      }),
    origin,
  );
const shown = (page: Page) => page.$eval('#out', (element) => element.textContent ?? '');

describe.each(CASES)('%s with permission prompts accepted', (_name, kind, launch) => {
  // Written by the file's beforeAll, which runs before this block's own.
  const env = useWorldAndBrowser(launch, { extensionDir: probeDir(kind) });

  it('grants exactly the origin asked for, on the click, and the fetch reaches the venue', async () => {
    const page = await env.session.openPage('probe.html');
    expect(await contains(page, `${VENUE}/*`)).toBe(false);
    await page.click('#grant');
    const text = await eventually(async () => (await shown(page)).startsWith('granted=true f') && shown(page));
    // The fake venue's 401 for a request without Hawk: it got there, CORS or not.
    expect(text).toBe('granted=true fetched=401');
    expect(await contains(page, `${VENUE}/*`)).toBe(true);
    expect(await contains(page, 'https://piao.venue-b.test/*')).toBe(false);
    expect(env.world.venue.requests.map((r) => `${r.host} ${r.auth}`)).toEqual([`${VENUE_A_HOST} missing`]);
    expect(venuesContacted(env.world)).toEqual([VENUE_A_HOST]);
    // Opening chrome://extensions to pre-grant costs no traffic of its own.
    expect(env.world.proxy.refused.filter((target) => !env.session.ownTraffic.test(target))).toEqual([]);
    await page.close();
  });
});

describe.each(CASES)('%s with permission prompts shown', (_name, kind, launch) => {
  const env = useWorldAndBrowser(launch, { permissionPrompts: 'show', extensionDir: probeDir(kind) });

  it('leaves the request unanswered and the origin ungranted', async () => {
    const page = await env.session.openPage('probe.html');
    await page.click('#grant');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await shown(page)).toBe('requesting');
    expect(await contains(page, `${VENUE}/*`)).toBe(false);
    expect(env.world.venue.requests).toEqual([]);
    await page.close();
  });
});
