import { browser } from 'wxt/browser';
import type { ReplyTo, RequestOf, RequestType } from '@/lib/messaging/pages';
import { PLAIN_READERS, type ReplyReader, type ReplyReaders } from '@/lib/messaging/plain-readers';

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

/** Host name of a match pattern (`https://host/*`), for messages. */
export const hostOfPattern = (pattern: string) => pattern.replace(/^[a-z]+:\/\//, '').replace(/\/\*$/, '');

export type AccessResult = { granted: true } | { granted: false; error: string | null };

/**
 * Asks the browser for a venue's host permission. Must be the first thing a click handler awaits:
 * both browsers only show the prompt during a user gesture. A granted origin resolves at once.
 */
export async function requestAccess(originPattern: string): Promise<AccessResult> {
  try {
    return (await browser.permissions.request({ origins: [originPattern] }))
      ? { granted: true }
      : { granted: false, error: null };
  } catch (error) {
    return { granted: false, error: error instanceof Error ? error.message : String(error) };
  }
}
