import { fill, type Params } from './fill';
import { messages, type Locale, type MessageKey } from './messages';

export type { Params } from './fill';
export { localeFor } from './fill';

export function translate(locale: Locale, key: MessageKey, params: Params = {}): string {
  return fill(messages, locale, key, params);
}

/** "3 分钟前" / "3 min ago". */
export function formatAgo(locale: Locale, elapsedMs: number): string {
  const seconds = Math.max(0, Math.floor(elapsedMs / 1000));
  if (seconds < 5) return translate(locale, 'justNow');
  if (seconds < 60) return translate(locale, 'secondsAgo', { n: seconds });
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return translate(locale, 'minutesAgo', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return translate(locale, 'hoursAgo', { n: hours });
  return translate(locale, 'daysAgo', { n: Math.floor(hours / 24) });
}
