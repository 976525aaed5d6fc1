import { toolbarState } from './badge';
import type { Locale } from './i18n/messages';
import { translate } from './i18n/translate';
import type { Snapshot } from './snapshots/snapshot';

// The toolbar button's title (its tooltip, and what a screen reader reads for the button) says in
// words what the badge shows in four characters. It counts in the badge's units and names the
// badge's order, so it changes exactly when the badge does and the badge's redraws keep it true.

function dueWords(minutes: number, locale: Locale): string {
  if (minutes < 100) return translate(locale, 'toolbarPayMinutes', { n: Math.max(1, minutes) });
  if (minutes < 24 * 60) return translate(locale, 'toolbarPayHours', { n: Math.floor(minutes / 60) });
  return translate(locale, 'toolbarPayDays', { n: Math.floor(minutes / (24 * 60)) });
}

export function toolbarTitleFor(snapshots: readonly Snapshot[], localNow: number, locale: Locale): string {
  const { nearest, pending, loginNeeded } = toolbarState(snapshots, localNow);
  const parts = nearest
    ? [
        nearest.order.title,
        dueWords(nearest.minutes, locale) + (pending > 1 ? translate(locale, 'toolbarMore', { n: pending - 1 }) : ''),
      ]
    : [translate(locale, 'extName')];
  if (loginNeeded) parts.push(translate(locale, 'toolbarCheckNeeded'));
  return parts.join(' · ');
}
