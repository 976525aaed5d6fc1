import { useEffect, useRef, useState } from 'preact/hooks';
import type { Message } from '@/entrypoints/options/Status';
import type { Settings } from '@/lib/settings/schema';
import { settingsItem } from '@/lib/storage/items';

// The settings page's settings: the stored ones, followed live (a change made in another tab shows
// here too), and saved at once. The reminder field's text is kept here beside them because a new
// stored value replaces it.

const SAVED_SHOWN_MS = 2500;

export function useSettings() {
  const [settings, setSettings] = useState<Settings>();
  const [saveStatus, setSaveStatus] = useState<Message | null>(null);
  /** The reminder field's text while it differs from the stored times' usual form; null shows those. */
  const [draft, setDraft] = useState<string | null>(null);
  const minutesInput = useRef<HTMLInputElement>(null);
  const savedTimer = useRef<ReturnType<typeof setTimeout>>();

  useEffect(() => {
    let live = true;
    let storedMinutes: string | undefined;
    void settingsItem.get().then((first) => live && setSettings((current) => current ?? first));
    const unwatch = settingsItem.watch((next) => {
      // New stored times (from this page or another) replace the field's text, unless someone is
      // typing in it; a change to anything else leaves the text alone.
      const minutes = next.reminderMinutes.join(',');
      if (minutes !== storedMinutes && document.activeElement !== minutesInput.current) setDraft(null);
      storedMinutes = minutes;
      setSettings(next);
    });
    return () => {
      live = false;
      unwatch();
      clearTimeout(savedTimer.current);
    };
  }, []);

  /** Shows `next` at once and stores it; false (the stored settings shown again) when storing failed. */
  async function save(next: Settings): Promise<boolean> {
    setSettings(next);
    clearTimeout(savedTimer.current);
    try {
      await settingsItem.set(next);
      setSaveStatus({ key: 'settingsSaved', tone: 'ok' });
      savedTimer.current = setTimeout(() => setSaveStatus(null), SAVED_SHOWN_MS);
      return true;
    } catch (error) {
      console.error('PayClock: saving the settings failed', error);
      setSaveStatus({ key: 'settingsSaveFailed', tone: 'error' });
      setSettings(await settingsItem.get());
      return false;
    }
  }

  return { settings, saveStatus, save, minutes: { draft, setDraft, inputRef: minutesInput } };
}
