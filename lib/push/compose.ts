import type { Locale } from '../i18n/messages';
import { translate } from '../i18n/translate';
import type { PushMessage } from './message';

// Turning queued items into the messages a service gets: one item as it is, several due together
// merged into one message (services allow 20 messages a minute or fewer, and a phone buzzing fifty
// times helps nobody), split where a service's length limit says so.

/** The message the settings page's "Send test" sends. */
export function testMessage(locale: Locale, now: number, url: string): PushMessage {
  return {
    title: translate(locale, 'pushTestTitle'),
    body: translate(locale, 'pushTestBody'),
    url,
    urgent: false,
    items: [],
    sentAt: now,
    test: true,
  };
}
