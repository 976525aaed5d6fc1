import { browser } from 'wxt/browser';

// `storage.local` holds the accounts' derived Hawk keys, and by default content scripts can read it
// as well as the extension's own pages. Chrome lets an extension close it to them; Firefox and older
// Chrome do not (README, Privacy promise, says what protects the keys there).

interface AccessLevelArea {
  setAccessLevel?: (options: { accessLevel: 'TRUSTED_CONTEXTS' }) => Promise<void>;
}

/**
 * Closes `storage.local` to content scripts where the browser can. Never throws: a browser that lacks
 * the call or refuses it (an older Chrome allows it on `storage.session` only) must still start.
 * Returns whether the browser took it.
 */
export async function closeLocalStorageToContentScripts(): Promise<boolean> {
  const local = browser.storage.local as unknown as AccessLevelArea;
  if (typeof local.setAccessLevel !== 'function') return false;
  try {
    await local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
    return true;
  } catch (error) {
    console.warn('PayClock: storage.local stays open to content scripts', error);
    return false;
  }
}
