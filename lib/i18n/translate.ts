import { fill, type Params } from './fill';
import { messages, type Locale, type MessageKey } from './messages';

export type { Params } from './fill';
export { localeFor } from './fill';
export { formatAgo } from './ago';

export function translate(locale: Locale, key: MessageKey, params: Params = {}): string {
  return fill(messages, locale, key, params);
}
