import { badgeUnit, type ToolbarState } from './badge';
import type { Locale } from './i18n/messages';
import { translateAlert } from './i18n/alert-words';

// The toolbar button's title (its tooltip, and what a screen reader reads for the button) says in
// words what the badge shows in four characters. It counts in the badge's units and names the
// badge's order, so it changes exactly when the badge does and the badge's redraws keep it true.

const UNIT_WORDS = { minutes: 'toolbarPayMinutes', hours: 'toolbarPayHours', days: 'toolbarPayDays' } as const;

function dueWords(minutes: number, locale: Locale): string {
  const { unit, n } = badgeUnit(minutes);
  // The badge's "<1" reads as "within 1 min".
  return translateAlert(locale, UNIT_WORDS[unit], { n: Math.max(1, n) });
}

export function toolbarTitle({ nearest, pending, loginNeeded }: ToolbarState, locale: Locale): string {
  const parts = nearest
    ? [
        nearest.order.title,
        dueWords(nearest.minutes, locale) +
          (pending > 1 ? translateAlert(locale, 'toolbarMore', { n: pending - 1 }) : ''),
      ]
    : [translateAlert(locale, 'extName')];
  if (loginNeeded) parts.push(translateAlert(locale, 'toolbarCheckNeeded'));
  return parts.join(' · ');
}
