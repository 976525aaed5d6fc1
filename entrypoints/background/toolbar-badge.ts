import { browser } from 'wxt/browser';
import type { Badge } from '@/lib/badge';

// Chrome (MV3) calls it `action`, Firefox (MV2) `browserAction`.
const toolbarButton = () => browser.action ?? browser.browserAction;

/** The badge, and the button's title saying in words what the badge means. */
export async function applyBadge(badge: Badge, title: string): Promise<void> {
  const button = toolbarButton();
  await button.setTitle({ title });
  await button.setBadgeText({ text: badge.text });
  await button.setBadgeBackgroundColor({ color: badge.color });
  await button.setBadgeTextColor?.({ color: '#ffffff' });
}
