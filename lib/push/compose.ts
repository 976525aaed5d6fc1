import type { Locale } from '../i18n/messages';
import { translateAlert } from '../i18n/alert-words';
import type { PushItem, PushMessage } from './message';

// Turning queued items into the one message a service gets next. One item goes as it is; several
// due together are merged (services allow 20 messages a minute or fewer, and a phone buzzing fifty
// times helps nobody), most pressing first; what does not fit the service's length limit is counted
// in a last line ("…and 44 more in PayClock") and so delivered too: the user opens PayClock for it.

const URGENT_KINDS: ReadonlySet<PushItem['kind']> = new Set(['remind', 'due']);

/** The message the settings page's "Send test" sends. */
export function testMessage(locale: Locale, now: number, url: string): PushMessage {
  return {
    title: translateAlert(locale, 'pushTestTitle'),
    body: translateAlert(locale, 'pushTestBody'),
    url,
    urgent: false,
    items: [],
    sentAt: now,
    test: true,
  };
}

/** Most pressing first: reminders and deadlines by how soon they stop being useful, then the rest. */
export function byUrgency(items: readonly PushItem[]): PushItem[] {
  const rank = (item: PushItem) => (URGENT_KINDS.has(item.kind) ? 0 : 1);
  return [...items].sort((a, b) => rank(a) - rank(b) || a.usefulUntil - b.usefulUntil);
}

const line = (item: PushItem) => `${item.headline}：${item.text}`;

/**
 * The next message for `items` (at least one), within `maxBodyChars`. Its `items` are every item it
 * delivers, those counted in its last line included.
 */
export function composeMessage(
  items: readonly PushItem[],
  options: { locale: Locale; now: number; maxBodyChars: number },
): PushMessage {
  const sorted = byUrgency(items);
  const first = sorted[0];
  if (!first) throw new RangeError('composeMessage needs an item');
  const base = {
    url: first.url,
    urgent: sorted.some((item) => URGENT_KINDS.has(item.kind)),
    items: sorted,
    sentAt: options.now,
    test: false,
  };
  if (sorted.length === 1) return { ...base, title: first.headline, body: clip(first.text, options.maxBodyChars) };

  const lines: string[] = [];
  let length = 0;
  for (const [index, item] of sorted.entries()) {
    const left = sorted.length - index - 1;
    // Room for this line, and for the "more" line should another not fit after it.
    const more = left > 0 ? translateAlert(options.locale, 'pushMoreItems', { count: left }).length + 1 : 0;
    const next = clip(line(item), options.maxBodyChars - more);
    if (lines.length > 0 && length + next.length + 1 + more > options.maxBodyChars) {
      lines.push(translateAlert(options.locale, 'pushMoreItems', { count: sorted.length - index }));
      break;
    }
    lines.push(next);
    length += next.length + 1;
  }
  return {
    ...base,
    title: translateAlert(options.locale, 'pushManyTitle', { count: sorted.length }),
    body: clip(lines.join('\n'), options.maxBodyChars),
  };
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}
