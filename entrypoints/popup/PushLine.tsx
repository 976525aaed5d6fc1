import { browser } from 'wxt/browser';
import { tPopup as t } from '@/lib/i18n/popup';
import { readChannelStatuses, readPushChannels } from '@/lib/messaging/plain-push-readers';

/**
 * One line when a push channel fails or had its key refused, with the way to the settings, where
 * each channel says more. The channel that needs the user (a refused key) comes first.
 */
export function PushLine({ channels, statuses }: { channels: unknown; statuses: unknown }) {
  const health = readChannelStatuses(statuses) ?? {};
  const troubled = readPushChannels(channels).flatMap((channel) => {
    const status = health[channel.id];
    return status && status.health !== 'ok' ? [{ channel, status }] : [];
  });
  const shown = troubled.find(({ status }) => status.health === 'refused') ?? troubled[0];
  if (!shown) return null;
  const { channel, status } = shown;
  const text =
    status.health === 'refused'
      ? t('pushPopupRefused', { label: channel.label })
      : t('pushPopupFailing', { label: channel.label, detail: status.last?.detail ?? '' });
  return (
    <p class={`push-line push-line--${status.health}`} data-testid="push-line" data-health={status.health}>
      <span class="push-line__text">{text}</span>
      <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
        {t('pushPopupOpen')}
      </button>
    </p>
  );
}
