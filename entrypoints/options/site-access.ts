import { hostOfPattern, requestAccess } from '@/lib/browser/site-access';
import type { MessageKey } from '@/lib/i18n/messages';
import type { Message } from './Status';

// Each place that asks for a venue's site access says, when the browser refuses, which button to
// click again: the prompt only shows during a click, so asking again is the user's to do.
const REFUSED: Record<'save' | 'test' | 'allow', MessageKey> = {
  save: 'acctPermissionRefused',
  test: 'acctPermissionRefusedTest',
  allow: 'acctAccessRefused',
};

/**
 * Asks for the site's access from the `asker` button. Null once it is granted; else what to say:
 * refused (click again), or the browser's own error. Must be the first thing a click handler
 * awaits (see `requestAccess`).
 */
export async function askSiteAccess(pattern: string, asker: keyof typeof REFUSED): Promise<Message | null> {
  const access = await requestAccess(pattern);
  if (access.granted) return null;
  const host = hostOfPattern(pattern);
  return access.error === null
    ? { key: REFUSED[asker], params: { host }, tone: 'error' }
    : { key: 'acctPermissionError', params: { host, detail: access.error }, tone: 'error' };
}
