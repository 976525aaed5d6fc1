import { browser } from 'wxt/browser';
import type { Badge } from '@/lib/badge';

// Chrome (MV3) calls it `action`, Firefox (MV2) `browserAction`.
const toolbarButton = () => browser.action ?? browser.browserAction;

export async function applyBadge(badge: Badge): Promise<void> {
  const button = toolbarButton();
  await button.setBadgeText({ text: badge.text });
  await button.setBadgeBackgroundColor({ color: badge.color });
  await button.setBadgeTextColor?.({ color: '#ffffff' });
}
