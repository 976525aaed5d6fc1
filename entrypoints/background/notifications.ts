import { browser } from 'wxt/browser';
import type { Notice } from '@/lib/alerts/notices';
import { SNOOZE_MINUTES } from '@/lib/alerts/quiet';
import { locale } from '@/lib/i18n/locale';
import { translateAlert } from '@/lib/i18n/alert-words';
import { playReminderSound } from './sound';

export async function showNotice(notice: Notice, options: { sound: boolean }): Promise<void> {
  await browser.notifications.create(notice.id, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: notice.title,
    message: notice.message,
    // Chrome only; Firefox rejects options it does not know (and has no buttons: its users snooze
    // and mute from the popup). Alerts about money stay until seen.
    ...(import.meta.env.FIREFOX
      ? {}
      : {
          priority: 2,
          requireInteraction: true,
          ...(notice.silenceable
            ? {
                buttons: [
                  { title: translateAlert(locale, 'snoozeReminders', { minutes: SNOOZE_MINUTES }) },
                  { title: translateAlert(locale, 'muteReminders') },
                ],
              }
            : {}),
        }),
  });
  if (options.sound) await playReminderSound();
}
