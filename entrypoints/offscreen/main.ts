import { browser } from 'wxt/browser';
import { isChimeMessage, playChime } from '@/lib/sound/chime';

// Chrome's service worker cannot play audio; it opens this hidden document to play the reminder
// sound. It answers only its own extension's background.
browser.runtime.onMessage.addListener((message, sender) => {
  if (sender.id !== browser.runtime.id || sender.tab || !isChimeMessage(message)) return undefined;
  return playChime().then(() => true);
});
