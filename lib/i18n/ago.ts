import { fill } from './fill';
import type { Locale } from './messages';
import { popupStrings } from './strings/popup';

/** "3 分钟前" / "3 min ago". */
export function formatAgo(locale: Locale, elapsedMs: number): string {
  const say = (key: 'justNow' | 'secondsAgo' | 'minutesAgo' | 'hoursAgo' | 'daysAgo', n = 0) =>
    fill(popupStrings, locale, key, { n });
  const seconds = Math.max(0, Math.floor(elapsedMs / 1000));
  if (seconds < 5) return say('justNow');
  if (seconds < 60) return say('secondsAgo', seconds);
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return say('minutesAgo', minutes);
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return say('hoursAgo', hours);
  return say('daysAgo', Math.floor(hours / 24));
}
