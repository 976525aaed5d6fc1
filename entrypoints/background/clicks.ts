import { browser } from 'wxt/browser';
import { parseAlertId } from '@/lib/alerts/alert-id';
import type { SilenceRequest } from '@/lib/messaging/pages';
import { openOrFocus } from '@/lib/browser/tabs';
import { LOGIN_PAGE_URL, PAY_PAGE_URL } from '@/lib/sources/12306/endpoints';
import { findOrder, type ReadAll } from './watched';

export interface ClickDeps {
  silence: (request: SilenceRequest) => Promise<void>;
  readAll: ReadAll;
  /** The settings page, where a notice about a refused ticket-system key sends the user. */
  settingsUrl?: string;
}

const isVenueAlert = (orderKey: string) => orderKey.startsWith('ticket-system:');

/** What a click on a notification, or on one of its buttons, does. */
export function createNotificationClicks({ silence, readAll, settingsUrl }: ClickDeps) {
  return {
    /** Chrome's notification buttons: 0 snoozes the order's reminders, 1 mutes them. */
    async onNotificationButtonClicked(id: string, buttonIndex: number) {
      const alert = parseAlertId(id);
      await browser.notifications.clear(id);
      if (alert?.kind !== 'remind') return;
      await silence({ type: 'silence', orderKey: alert.orderKey, action: buttonIndex === 0 ? 'snooze' : 'mute' });
    },

    async onNotificationClicked(id: string) {
      const alert = parseAlertId(id);
      await browser.notifications.clear(id);
      if (!alert) return;
      if (alert.kind === 'loginExpired')
        return openOrFocus(isVenueAlert(alert.orderKey) && settingsUrl ? settingsUrl : LOGIN_PAGE_URL);
      return openOrFocus(findOrder(await readAll(), alert.orderKey)?.order.payUrl ?? PAY_PAGE_URL);
    },
  };
}
