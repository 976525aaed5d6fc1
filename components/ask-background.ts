import { browser } from 'wxt/browser';
import type { Request } from '@/lib/messages';

/** Reads a reply: its value, or null for anything else. */
export type ReplyReader<T> = (answer: unknown) => T | null;

/** A reader from a zod schema (the settings page; the popup uses lib/replies.ts, without zod). */
export const readWith =
  <T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }): ReplyReader<T> =>
  (answer) => {
    const parsed = schema.safeParse(answer);
    return parsed.success ? parsed.data : null;
  };

/**
 * Sends one request to the background and reads its reply with `read`. Null when the background
 * could not be reached or answered something else: the caller says so and keeps whatever the user
 * typed.
 */
export async function askBackground<T>(request: Request, read: ReplyReader<T>): Promise<T | null> {
  try {
    const reply = read(await browser.runtime.sendMessage(request));
    if (reply !== null) return reply;
    console.warn(`PayClock: unexpected reply to ${request.type}`);
  } catch (error) {
    console.warn(`PayClock: no reply to ${request.type}`, error);
  }
  return null;
}

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
