import { browser } from 'wxt/browser';
import { hostOfPattern } from '@/lib/browser/site-access';
import type { Message } from './Status';

// A push channel's hosts, asked for in one prompt. As with venues (./site-access.ts): the prompt only
// shows during a click, so this must be the first thing a click handler awaits.

/** Null once every pattern is granted; else what to say (refused: click again; or the browser's error). */
export async function askPushAccess(patterns: readonly string[], asker: 'save' | 'test'): Promise<Message | null> {
  const host = patterns.map(hostOfPattern).join(', ');
  try {
    if (await browser.permissions.request({ origins: [...patterns] })) return null;
    return {
      key: asker === 'save' ? 'pushPermissionRefused' : 'pushPermissionRefusedTest',
      params: { host },
      tone: 'error',
    };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { key: 'pushPermissionError', params: { host, detail }, tone: 'error' };
  }
}
