import { useErrorBoundary } from 'preact/hooks';
import { tPopup as t } from '@/lib/i18n/popup';
import { App } from './App';

/**
 * The popup displays stored values without validating them (lib/storage/display-item.ts); one
 * damaged from outside the extension must give a message, not an empty popup.
 */
export function Popup() {
  const [error] = useErrorBoundary((caught) => console.error('PayClock: cannot show what is stored', caught));
  if (!error) return <App />;
  return (
    <main class="popup">
      <p class="popup__unreadable" role="alert">
        {t('popupUnreadable')}
      </p>
    </main>
  );
}
