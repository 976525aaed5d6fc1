import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Locale } from '@/lib/i18n/messages';

// The store listing (store/listing.<locale>.md), read by the store pictures for their captions and
// by the unit test that keeps it in step with the manifest: each caption is written once, there.

export const STORE_LOCALES = ['zh_CN', 'en'] as const;
export type StoreLocale = (typeof STORE_LOCALES)[number];
/** The extension's own language for each listing's. */
export const UI_LOCALE: Record<StoreLocale, Locale> = { zh_CN: 'zh', en: 'en' };

export const STORE_DIR = resolve('store');
export const listingPath = (locale: StoreLocale) => resolve(STORE_DIR, `listing.${locale}.md`);

/** Every picture a listing has, named as store/README.md lists them. */
export const STORE_PICTURES = ['1-popup', '2-overlay', '3-settings', 'tile'] as const;

export const picturePath = (locale: StoreLocale, picture: string) =>
  resolve(STORE_DIR, 'screenshots', locale, `${picture}.png`) as `${string}.png`;

/** The listing's `## ` sections, by heading, in order, each with its text trimmed. */
export function listingSections(markdown: string): Map<string, string> {
  const sections = new Map<string, string>();
  let heading: string | null = null;
  let lines: string[] = [];
  const close = () => {
    if (heading !== null) sections.set(heading, lines.join('\n').trim());
  };
  for (const line of markdown.split('\n')) {
    if (line.startsWith('## ')) {
      close();
      heading = line.slice(3).trim();
      lines = [];
    } else lines.push(line);
  }
  close();
  return sections;
}

export const CAPTIONS_HEADING = '截图说明 Screenshot captions';

/** The pictures' captions: `- <picture>: <caption>` lines of the captions section. */
export function captions(markdown: string): Record<string, string> {
  const section = listingSections(markdown).get(CAPTIONS_HEADING) ?? '';
  return Object.fromEntries(
    [...section.matchAll(/^- ([\w-]+): (.+)$/gm)].map(([, picture, caption]) => [picture!, caption!.trim()]),
  );
}

export const readListing = (locale: StoreLocale) => readFileSync(listingPath(locale), 'utf8');
