import { useLayoutEffect, useRef } from 'preact/hooks';
import { t } from '@/lib/i18n';

interface Props {
  label: string;
  watchedCount: number;
  /** The question, when it is not about an account (a push channel's). */
  question?: string;
  onYes: () => void;
  onCancel: () => void;
}

// Asked in place of the account's buttons, the Remove pressed among them: the focus moves to
// Cancel (the choice that loses nothing), and Escape cancels, as it closes any dialog.
export function ConfirmRemove({ label, watchedCount, question, onYes, onCancel }: Props) {
  const cancel = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => cancel.current?.focus(), []);
  return (
    <div
      class="confirm"
      role="alertdialog"
      aria-label={t('acctRemove')}
      onKeyDown={(event) => event.key === 'Escape' && onCancel()}
    >
      <p>{question ?? t('acctRemoveConfirm', { label, n: watchedCount })}</p>
      <div class="buttons">
        <button type="button" class="button button--danger" onClick={onYes}>
          {t('acctRemoveYes')}
        </button>
        <button type="button" class="button button--quiet" onClick={onCancel} ref={cancel}>
          {t('acctCancel')}
        </button>
      </div>
    </div>
  );
}
