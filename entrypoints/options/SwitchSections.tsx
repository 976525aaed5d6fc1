import { Toggle } from '@/components/Toggle';
import type { AlertKind } from '@/lib/alerts/alert-id';
import { t } from '@/lib/i18n';
import type { MessageKey } from '@/lib/i18n/messages';
import type { Settings } from '@/lib/settings/schema';
import { Card } from './Card';

// The settings that are one switch each, stored as soon as they are flipped.

/** One switch per kind of notification, in the order an order lives through them. */
export const NOTIFY_LABELS: Record<AlertKind, MessageKey> = {
  found: 'settingsNotifyFound',
  remind: 'settingsNotifyRemind',
  due: 'settingsNotifyDue',
  gone: 'settingsNotifyGone',
  loginExpired: 'settingsNotifyLoginExpired',
};
export const NOTIFY_KINDS = Object.keys(NOTIFY_LABELS) as AlertKind[];

interface Props {
  settings: Settings;
  save: (next: Settings) => Promise<boolean>;
}

export function NotifySection({ settings: current, save }: Props) {
  return (
    <Card id="notify" title={t('settingsNotifyHeading')}>
      <fieldset class="toggles">
        <legend>{t('settingsNotifyIntro')}</legend>
        {NOTIFY_KINDS.map((kind) => (
          <Toggle
            key={kind}
            name={`notify.${kind}`}
            label={t(NOTIFY_LABELS[kind])}
            checked={current.notify[kind]}
            onChange={(checked) => void save({ ...current, notify: { ...current.notify, [kind]: checked } })}
          />
        ))}
      </fieldset>
    </Card>
  );
}

type Switch = 'sound' | 'overlay' | 'maskPassengers';

/** Each switch's section (its id names the heading) and words. */
const SWITCHES: Record<Switch, { section: string; heading: MessageKey; label: MessageKey; hint?: MessageKey }> = {
  sound: { section: 'sound', heading: 'settingsSoundHeading', label: 'settingsSoundLabel' },
  overlay: { section: 'overlay', heading: 'settingsOverlayHeading', label: 'settingsOverlayLabel' },
  maskPassengers: {
    section: 'privacy',
    heading: 'settingsPrivacyHeading',
    label: 'settingsMaskLabel',
    hint: 'settingsMaskHint',
  },
};

/** A section holding one switch, named after the setting it stores. */
export function SwitchSection({ name, settings: current, save }: Props & { name: Switch }) {
  const { section, heading, label, hint } = SWITCHES[name];
  return (
    <Card id={section} title={t(heading)}>
      <Toggle
        name={name}
        label={t(label)}
        hint={hint && t(hint)}
        checked={current[name]}
        onChange={(checked) => void save({ ...current, [name]: checked })}
      />
    </Card>
  );
}
