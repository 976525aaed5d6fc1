import { browser } from 'wxt/browser';
import { CHIME_MESSAGE, playChime } from '@/lib/sound/chime';

const OFFSCREEN_PATH = '/offscreen.html';

/** Plays the reminder sound. A sound that cannot play must never stop the notification. */
export async function playReminderSound(): Promise<void> {
  try {
    // Firefox's event page is a document and can play audio itself.
    if (import.meta.env.FIREFOX) return await playChime();
    await ensureOffscreenDocument();
    await browser.runtime.sendMessage(CHIME_MESSAGE);
  } catch (error) {
    console.warn('PayClock: could not play the reminder sound', error);
  }
}

// Chrome-only APIs the polyfill's types do not cover.
interface ChromeOffscreen {
  runtime: { getContexts(filter: { contextTypes: string[]; documentUrls: string[] }): Promise<unknown[]> };
  offscreen: { createDocument(options: { url: string; reasons: string[]; justification: string }): Promise<void> };
}

async function ensureOffscreenDocument(): Promise<void> {
  const { chrome } = globalThis as unknown as { chrome: ChromeOffscreen };
  const url = browser.runtime.getURL(OFFSCREEN_PATH as '/popup.html');
  const open = await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [url] });
  if (open.length > 0) return;
  await chrome.offscreen.createDocument({
    url: OFFSCREEN_PATH,
    reasons: ['AUDIO_PLAYBACK'],
    justification: 'Plays the reminder sound the user switched on in the settings.',
  });
}
