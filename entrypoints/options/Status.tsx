import { t } from '@/lib/i18n';
import type { MessageKey } from '@/lib/i18n/messages';
import type { Params } from '@/lib/i18n/translate';

/** What the page says about the last thing done: a key of the strings table, never text from elsewhere. */
export interface Message {
  key: MessageKey;
  params?: Params;
  tone: 'ok' | 'error';
}

/** A status line. It stays in the page while empty, so a screen reader hears what comes into it. */
export function Status({ message }: { message: Message | null }) {
  return (
    <p class={`status status--${message?.tone ?? 'ok'}`} role="status">
      {message ? t(message.key, message.params) : ''}
    </p>
  );
}
