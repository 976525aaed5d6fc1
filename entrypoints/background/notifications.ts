import { browser } from 'wxt/browser';
import type { Notice } from '@/lib/alerts/notices';

export async function showNotice(notice: Notice): Promise<void> {
  await browser.notifications.create(notice.id, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: notice.title,
    message: notice.message,
    // Chrome only; Firefox rejects options it does not know. Alerts about money stay until seen.
    ...(import.meta.env.FIREFOX ? {} : { priority: 2, requireInteraction: true }),
  });
}
