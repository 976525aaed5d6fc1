import { useSettings } from './useSettings';
import { t } from '@/lib/i18n';
import { PRIVACY_PAGE_PATH } from '@/lib/privacy-page';
import type { Settings } from '@/lib/settings/schema';
import { AccountsSection, WatchedSection } from './Accounts';
import { PushSection } from './PushSection';
import { RemindersSection } from './RemindersSection';
import { Status } from './Status';
import { NotifySection, SwitchSection } from './SwitchSections';
import { TransferSection } from './TransferSection';

// The settings page. Every valid change is stored at once; the page follows the stored settings, so
// a change made in another tab shows here too. Nothing typed or imported is ever rendered as HTML.

export function App() {
  const { settings, saveStatus, save, minutes } = useSettings();

  if (!settings) return <main class="options" aria-busy="true" />;

  // An import replaces the reminder field's text even when it brings the times stored already, which
  // the stored-settings watch (useSettings) leaves alone.
  function replace(next: Settings) {
    minutes.setDraft(null);
    return save(next);
  }

  return (
    <main class="options">
      <header class="options__header">
        <h1>{t('settingsPageTitle')}</h1>
        <Status message={saveStatus} />
      </header>

      <RemindersSection settings={settings} save={save} {...minutes} />
      <NotifySection settings={settings} save={save} />
      <SwitchSection name="sound" settings={settings} save={save} />
      <SwitchSection name="overlay" settings={settings} save={save} />
      <SwitchSection name="maskPassengers" settings={settings} save={save} />

      <AccountsSection />
      <WatchedSection />
      <PushSection settings={settings} />

      <TransferSection settings={settings} replace={replace} />

      {/* PRIVACY.md, built into the extension (scripts/build/privacy-page.ts). */}
      <footer class="options__footer">
        <a href={PRIVACY_PAGE_PATH} target="_blank" rel="noreferrer">
          {t('settingsPrivacyLink')}
        </a>
      </footer>
    </main>
  );
}
