import { messages, type Locale, type MessageKey } from './messages';

// The browser reads the extension's name and description from _locales/*/messages.json. They are
// generated at build time from messages.ts, the single source of every translation.
const MANIFEST_KEYS: readonly MessageKey[] = ['extName', 'extDescription'];
const FOLDERS: Record<Locale, string> = { zh: 'zh_CN', en: 'en' };

export function localeFiles(): { relativeDest: string; contents: string }[] {
  return (Object.keys(FOLDERS) as Locale[]).map((locale) => ({
    relativeDest: `_locales/${FOLDERS[locale]}/messages.json`,
    contents: JSON.stringify(
      Object.fromEntries(MANIFEST_KEYS.map((key) => [key, { message: messages[key][locale] }])),
      null,
      2,
    ),
  }));
}
