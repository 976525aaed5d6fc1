import { Toggle } from '@/components/Toggle';
import { t } from '@/lib/i18n';
import type { PushKinds } from '@/lib/push/channel';

type Flag = Exclude<keyof PushKinds, 'remind'>;
const FLAGS: readonly [Flag, 'pushKindDue' | 'pushKindLoginExpired' | 'pushKindFound' | 'pushKindGone'][] = [
  ['due', 'pushKindDue'],
  ['loginExpired', 'pushKindLoginExpired'],
  ['found', 'pushKindFound'],
  ['gone', 'pushKindGone'],
];

interface Props {
  kinds: PushKinds;
  /** The user's own reminder minutes: a channel forwards some of them. */
  reminderMinutes: readonly number[];
  onKinds: (kinds: PushKinds) => void;
}

/** What a channel forwards: one box per reminder time of the user's, and the other alerts. */
export function PushKindsField({ kinds, reminderMinutes, onKinds }: Props) {
  // A time the channel forwards that is no longer among the user's stays visible, so it can be unticked.
  const minutes = [...new Set([...reminderMinutes, ...kinds.remind])].sort((a, b) => b - a);
  const toggleMinute = (n: number, on: boolean) =>
    onKinds({
      ...kinds,
      remind: on ? [...kinds.remind, n].sort((a, b) => b - a) : kinds.remind.filter((m) => m !== n),
    });
  return (
    <fieldset class="toggles push-kinds" data-testid="push-kinds">
      <legend class="field__label">{t('pushKindsLegend')}</legend>
      {minutes.map((n) => (
        <Toggle
          key={n}
          name={`remind-${n}`}
          label={t('pushKindRemind', { n })}
          checked={kinds.remind.includes(n)}
          onChange={(on) => toggleMinute(n, on)}
        />
      ))}
      {FLAGS.map(([flag, words]) => (
        <Toggle
          key={flag}
          name={flag}
          label={t(words)}
          checked={kinds[flag]}
          onChange={(on) => onKinds({ ...kinds, [flag]: on })}
        />
      ))}
    </fieldset>
  );
}
