import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useStoredValue } from '@/hooks/useStoredValue';
import { askBackground } from '@/lib/browser/ask-background-all';
import { t } from '@/lib/i18n';
import type { PushChannel } from '@/lib/push/channel';
import type { Settings } from '@/lib/settings/schema';
import { pushChannelsItem, pushStatusItem } from '@/lib/storage/items';
import { Card } from './Card';
import { ConfirmRemove } from './ConfirmRemove';
import { PushChannelForm } from './PushChannelForm';
import { PushStatusView } from './PushResultView';
import { PushTest } from './PushTest';
import { forwardsText, SERVICE_NAMES } from './push-words';
import { Status, type Message } from './Status';
import { draftOf, type PushTestPlan } from './usePushDraft';

// The settings page's "Push to phone": the saved channels with how each fares, and the form to add
// or edit one. Read from storage (channels carry no secrets); every change goes through the background.

interface Editing {
  id: string | null;
  /** Changes on every open, so reopening gives a fresh form. */
  serial: number;
}
let serial = 0;

/** A saved channel's test: as it is saved, with its stored secrets. */
const savedTest = (channel: PushChannel) => (): PushTestPlan => ({
  patterns: channel.originPatterns,
  request: { type: 'push.test', id: channel.id, draft: draftOf(channel), secrets: null },
});

export function PushSection({ settings }: { settings: Settings }) {
  const channels = useStoredValue(pushChannelsItem);
  const statuses = useStoredValue(pushStatusItem) ?? {};
  const [editing, setEditing] = useState<Editing | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  /** Saves per channel: a row's test result is of the channel as it was before the last one. */
  const [saves, setSaves] = useState<Readonly<Record<string, number>>>({});
  // A cancelled confirmation gives the focus back to the Remove button it replaced.
  const refocusRemove = useRef<string | null>(null);
  useLayoutEffect(() => {
    const id = refocusRemove.current;
    if (id === null) return;
    refocusRemove.current = null;
    document.querySelector<HTMLElement>(`[data-remove-channel="${CSS.escape(id)}"]`)?.focus();
  });

  if (channels === undefined) return <section class="card" aria-busy="true" />;

  const open = (id: string | null) => {
    setMessage(null);
    setConfirming(null);
    setEditing({ id, serial: ++serial });
  };

  async function remove(channel: PushChannel) {
    const reply = await askBackground({ type: 'push.remove', id: channel.id });
    setConfirming(null);
    if (!reply?.ok) return setMessage({ key: 'pushRemoveFailed', tone: 'error' });
    if (editing?.id === channel.id) setEditing(null);
    setMessage({ key: 'pushRemoved', params: { label: channel.label }, tone: 'ok' });
  }

  const edited = editing?.id ? (channels.find((channel) => channel.id === editing.id) ?? null) : null;

  return (
    <Card id="push" title={t('pushHeading')}>
      <p class="hint">{t('pushIntro')}</p>
      {channels.length === 0 && <p class="note">{t('pushNone')}</p>}
      <ul class="accounts push-channels">
        {channels.map((channel) => (
          <li key={channel.id} class="account push-channel" data-testid="push-channel" data-channel-id={channel.id}>
            <div class="account__head">
              <strong class="account__label">{channel.label}</strong>
              <span class="account__flavour">{SERVICE_NAMES[channel.service]}</span>
            </div>
            <div class="account__meta">
              {channel.secretHint && <span>{t('pushSecretHint', { hint: channel.secretHint })}</span>}
              <span>{forwardsText(channel.kinds)}</span>
            </div>
            <PushStatusView status={statuses[channel.id] ?? { health: 'ok', last: null }} service={channel.service} />
            {confirming === channel.id ? (
              <ConfirmRemove
                label={channel.label}
                watchedCount={0}
                question={t('pushRemoveConfirm', { label: channel.label })}
                onYes={() => void remove(channel)}
                onCancel={() => {
                  refocusRemove.current = channel.id;
                  setConfirming(null);
                }}
              />
            ) : (
              <div class="buttons">
                <PushTest key={saves[channel.id] ?? 0} plan={savedTest(channel)} />
                <button
                  type="button"
                  class="button button--quiet"
                  data-testid="push-edit"
                  onClick={() => open(channel.id)}
                >
                  {t('pushEdit')}
                </button>
                <button
                  type="button"
                  class="button button--quiet"
                  data-testid="push-remove"
                  data-remove-channel={channel.id}
                  onClick={() => setConfirming(channel.id)}
                >
                  {t('pushRemove')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      <Status message={message} />
      {editing && (editing.id === null || edited) ? (
        <PushChannelForm
          key={editing.serial}
          channel={edited}
          reminderMinutes={settings.reminderMinutes}
          maskPassengers={settings.maskPassengers}
          onSaved={(id) => setSaves((current) => ({ ...current, [id]: (current[id] ?? 0) + 1 }))}
          onClose={() => setEditing(null)}
        />
      ) : (
        <div class="buttons">
          <button type="button" class="button" data-testid="push-add" onClick={() => open(null)}>
            {t('pushAdd')}
          </button>
        </div>
      )}
    </Card>
  );
}
