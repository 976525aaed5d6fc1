import { browser } from 'wxt/browser';

/**
 * Brings an already open tab at `url` (any query or fragment) to the front, or opens it in a new
 * tab. Needs no "tabs" permission: matching by URL works on hosts the extension already has access to.
 */
export async function openOrFocus(url: string): Promise<void> {
  const [existing] = await browser.tabs.query({ url: `${url.split(/[?#]/)[0]}*` });
  if (existing?.id !== undefined) {
    await browser.tabs.update(existing.id, { active: true });
    if (existing.windowId !== undefined) await browser.windows.update(existing.windowId, { focused: true });
    return;
  }
  await browser.tabs.create({ url });
}
