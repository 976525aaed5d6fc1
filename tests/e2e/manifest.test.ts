import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The store minimums, read from the build: a browser older than the declared minimum must not be
// offered PayClock, and one that can run it must not be turned away. Each entry is an API (or
// manifest key) that needs a given release; the declared minimum must be exactly the newest of those
// the build uses. Feature-detected APIs (storage.local.setAccessLevel) are not listed: PayClock
// runs without them. README, "Installing from the stores".

const OUTPUT = join(import.meta.dirname, '../../.output');

interface Need {
  /** What needs the release, as it stands in the built code or manifest. */
  mark: string;
  release: number;
  why: string;
}

const CHROME_NEEDS: Need[] = [
  { mark: 'getContexts', release: 116, why: 'runtime.getContexts, to find the sound’s offscreen document' },
  { mark: 'createDocument', release: 109, why: 'offscreen.createDocument' },
  { mark: 'declarativeNetRequestWithHostAccess', release: 96, why: 'the permission of the 12306 header rules' },
];
const FIREFOX_NEEDS: Need[] = [
  {
    mark: 'data_collection_permissions',
    release: 142,
    why: 'read by Firefox 140 on desktop and 142 on Android; web-ext lint warns below 142',
  },
  { mark: 'updateSessionRules', release: 113, why: 'declarativeNetRequest, the 12306 header rules' },
];

/** The manifest and every script of a build, as one text, to look for the marks in. */
function buildText(target: string): string {
  const dir = join(OUTPUT, target);
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
    (file) => file.endsWith('.js') || file === 'manifest.json',
  );
  return files.map((file) => readFileSync(join(dir, file), 'utf8')).join('\n');
}

const manifest = (target: string) => JSON.parse(readFileSync(join(OUTPUT, target, 'manifest.json'), 'utf8'));
const newest = (needs: Need[], text: string) =>
  Math.max(...needs.filter(({ mark }) => text.includes(mark)).map(({ release }) => release));

describe('the Chrome build', () => {
  const text = buildText('chrome-mv3');

  it('asks for the Chrome that runs its newest API, runtime.getContexts (116)', () => {
    expect(text).toContain('getContexts');
    expect(manifest('chrome-mv3').minimum_chrome_version).toBe(String(newest(CHROME_NEEDS, text)));
    expect(manifest('chrome-mv3').minimum_chrome_version).toBe('116');
  });
});

describe('the Firefox build', () => {
  const text = buildText('firefox-mv2');
  const gecko = manifest('firefox-mv2').browser_specific_settings.gecko;

  it('says it collects and transmits no data (README, Installing from the stores)', () => {
    expect(gecko.data_collection_permissions).toEqual({ required: ['none'] });
  });

  it('asks for the Firefox that reads that key on desktop and Android (142)', () => {
    expect(gecko.strict_min_version).toBe(`${newest(FIREFOX_NEEDS, text)}.0`);
    expect(gecko.strict_min_version).toBe('142.0');
  });

  it('keeps the add-on id stable, or an update would be a new add-on', () => {
    expect(gecko.id).toBe('payclock@payclock.app');
  });
});
