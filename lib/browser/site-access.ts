import { browser } from 'wxt/browser';

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
