import { useErrorBoundary } from 'preact/hooks';
import { tPopup as t } from '@/lib/i18n/popup';
import type { DisplayStore } from '@/lib/storage/display-store';
import { App } from './App';

/**
 * The popup displays stored values without validating them (lib/storage/display-store.ts); one
 * damaged from outside the extension must give a message, not an empty popup.
 */
export function Popup({ store }: { store: DisplayStore }) {
  const [error] = useErrorBoundary((caught) => console.error('PayClock: cannot show what is stored', caught));
  if (!error) return <App store={store} />;
  return (
    <main class="popup">
      <p class="popup__unreadable" role="alert">
        {t('popupUnreadable')}
      </p>
    </main>
  );
}
