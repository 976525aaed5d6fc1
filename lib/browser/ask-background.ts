import { browser } from 'wxt/browser';
import type { ReplyTo, RequestOf, RequestType } from '../messaging/pages';
import { PLAIN_READERS, type ReplyReader, type ReplyReaders } from '../messaging/plain-readers';

// Asking the background from the extension's pages. Two askers: this one reads replies without zod
// (the popup's size budget); ./ask-background-all.ts reads every reply, for the settings page.

/** A reader from a zod schema (the settings page; the popup uses lib/messaging/plain-readers.ts, without zod). */
export const readWith =
  <T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }): ReplyReader<T> =>
  (answer) => {
    const parsed = schema.safeParse(answer);
    return parsed.success ? parsed.data : null;
  };

/**
 * Sends requests of the types `readers` can read the replies of, each reply typed by its request
 * (lib/messaging/pages.ts `Replies`). Null when the background could not be reached or answered
 * something else: the caller says so and keeps whatever the user typed.
 */
export function askerFor<T extends RequestType>(readers: ReplyReaders<T>) {
  return async function ask<R extends RequestOf<T>>(request: R): Promise<ReplyTo<R> | null> {
    const read = readers[request.type as T] as ReplyReader<ReplyTo<R>>;
    try {
      const reply = read(await browser.runtime.sendMessage(request));
      if (reply !== null) return reply;
      console.warn(`PayClock: unexpected reply to ${request.type}`);
    } catch (error) {
      console.warn(`PayClock: no reply to ${request.type}`, error);
    }
    return null;
  };
}

/** For the popup and the parts it shares with the settings page: replies read without zod. */
export const askBackground = askerFor(PLAIN_READERS);
