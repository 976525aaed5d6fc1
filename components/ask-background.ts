import { browser } from 'wxt/browser';
import type { Request } from '@/lib/messages';

/** Something with zod's `safeParse`, so any reply schema fits. */
interface ReplySchema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false };
}

/**
 * Sends one request to the background and validates its reply. Null when the background could not
 * be reached or answered something else: the caller says so and keeps whatever the user typed.
 */
export async function askBackground<T>(request: Request, schema: ReplySchema<T>): Promise<T | null> {
  try {
    const parsed = schema.safeParse(await browser.runtime.sendMessage(request));
    if (parsed.success) return parsed.data;
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
