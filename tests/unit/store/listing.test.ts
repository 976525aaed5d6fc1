import { existsSync, readFileSync } from 'node:fs';
import type { ConfigEnv, UserManifest } from 'wxt';
import { describe, expect, it } from 'vitest';
import config from '@/wxt.config';
import { messages } from '@/lib/i18n/messages';
import {
  captions,
  listingSections,
  picturePath,
  readListing,
  STORE_LOCALES,
  STORE_PICTURES,
  UI_LOCALE,
} from '@/scripts/demo/listing';

// The store listing (store/) stays in step with what is shipped: its short description is the
// manifest's, every permission the manifests ask for is explained in both languages, and every
// picture `npm run demo -- --store` draws is there at the size the stores take.

const SECTION = {
  name: '名称 Name',
  short: '简短说明 Short description',
  permissions: '权限说明 Permissions',
} as const;

/** Every permission and site either build asks for, from the manifest as wxt.config.ts writes it. */
function manifestPermissions(): string[] {
  const write = config.manifest as (env: ConfigEnv) => UserManifest;
  const asked = (['chrome', 'firefox'] as const).flatMap((browser) => {
    const manifest = write({
      browser,
      manifestVersion: browser === 'chrome' ? 3 : 2,
      mode: 'production',
      command: 'build',
    });
    return [
      ...(manifest.permissions ?? []),
      ...(manifest.host_permissions ?? []),
      ...(manifest.optional_permissions ?? []),
      ...(manifest.optional_host_permissions ?? []),
    ].map(String);
  });
  return [...new Set(asked)].sort();
}

/** A PNG's size and pixel format, from its header (IHDR, always the first chunk). */
function pngHeader(path: string): { width: number; height: number; bitDepth: number; colourType: number } {
  const bytes = readFileSync(path);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return {
    width: bytes.readUInt32BE(16),
    height: bytes.readUInt32BE(20),
    bitDepth: bytes.readUInt8(24),
    colourType: bytes.readUInt8(25),
  };
}

describe('the store listing', () => {
  const sections = Object.fromEntries(STORE_LOCALES.map((locale) => [locale, listingSections(readListing(locale))]));

  it('has the same sections in both languages', () => {
    const [first, ...others] = STORE_LOCALES.map((locale) => [...sections[locale]!.keys()]);
    expect(first).toEqual(expect.arrayContaining(Object.values(SECTION)));
    for (const headings of others) expect(headings).toEqual(first);
  });

  it.each(STORE_LOCALES)(
    '%s: name and short description are the manifest’s, within Chrome’s 132 characters',
    (locale) => {
      expect(sections[locale]!.get(SECTION.name)).toBe(messages.extName[UI_LOCALE[locale]]);
      const short = sections[locale]!.get(SECTION.short)!;
      expect(short).toBe(messages.extDescription[UI_LOCALE[locale]]);
      expect(short.length).toBeLessThanOrEqual(132);
    },
  );

  it('knows the manifests’ permissions (a change to them must reach this test)', () => {
    expect(manifestPermissions()).toEqual(expect.arrayContaining(['cookies', 'offscreen', 'https://kyfw.12306.cn/*']));
  });

  it.each(STORE_LOCALES)('%s: says why, one line each, for every permission of both manifests', (locale) => {
    const explained = [...sections[locale]!.get(SECTION.permissions)!.matchAll(/^- `([^`]+)`/gm)].map(
      ([, name]) => name,
    );
    expect(explained.sort()).toEqual(manifestPermissions());
  });

  it.each(STORE_LOCALES)('%s: has a caption for every picture', (locale) => {
    expect(Object.keys(captions(readListing(locale))).sort()).toEqual([...STORE_PICTURES].sort());
  });

  it.each(STORE_LOCALES.flatMap((locale) => STORE_PICTURES.map((picture) => [locale, picture] as const)))(
    '%s: %s.png is drawn at the size the stores take, without alpha',
    (locale, picture) => {
      const path = picturePath(locale, picture);
      expect(existsSync(path), `${path} (npm run demo -- --store)`).toBe(true);
      const size = picture === 'tile' ? { width: 440, height: 280 } : { width: 1280, height: 800 };
      // Chrome takes "JPEG or 24-bit PNG (no alpha)": 8 bits a channel, colour type 2 (RGB).
      expect(pngHeader(path)).toEqual({ ...size, bitDepth: 8, colourType: 2 });
    },
  );
});
