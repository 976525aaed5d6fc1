import type { Locale } from './messages';
import type { Strings } from './strings/strings';

export type Params = Record<string, string | number>;

/** One string of `table` in `locale`, `{name}` filled in from `params` (left as is when absent). */
export function fill<T extends Strings>(table: T, locale: Locale, key: keyof T, params: Params = {}): string {
  return table[key]![locale].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Chinese for any Chinese browser, English for everything else. */
export function localeFor(uiLanguage: string | undefined): Locale {
  return uiLanguage?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
