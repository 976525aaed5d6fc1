import { useId, useState } from 'preact/hooks';
import { tPopup as t } from '@/lib/i18n/popup';
import { MAX_ORDERS_PER_ADD, parseOrderIds } from '@/lib/sources/ticket-system/order-ids';
import type { Account } from '@/lib/sources/ticket-system/account';
import { askBackground } from '@/lib/browser/ask-background';

interface Props {
  accounts: readonly Pick<Account, 'id' | 'label'>[];
  /** The popup's smaller form: fewer rows, no intro. */
  compact?: boolean;
}

interface Outcome {
  tone: 'ok' | 'error';
  text: string;
}

const MAX_INVALID_SHOWN = 10;

function invalidText(invalid: readonly string[]): string {
  const shown = invalid.slice(0, MAX_INVALID_SHOWN).join(', ');
  return t('watchInvalid', { ids: invalid.length > MAX_INVALID_SHOWN ? `${shown} …` : shown });
}

/** Paste order numbers, many at once, to watch for one account. */
export function WatchForm({ accounts, compact = false }: Props) {
  const id = useId();
  const [chosen, setChosen] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const accountId = accounts.some((account) => account.id === chosen) ? chosen! : accounts[0]?.id;
  if (accountId === undefined) return null;

  const read = parseOrderIds(text);
  const typed = text.trim() !== '';

  async function add() {
    const { ids, invalid } = parseOrderIds(text);
    if (ids.length === 0) {
      setOutcome({
        tone: 'error',
        text: [t('watchNothing'), invalid.length ? invalidText(invalid) : ''].join(' ').trim(),
      });
      return;
    }
    if (ids.length > MAX_ORDERS_PER_ADD) {
      setOutcome({ tone: 'error', text: t('watchTooMany', { max: MAX_ORDERS_PER_ADD }) });
      return;
    }
    setBusy(true);
    const reply = await askBackground({ type: 'watch.add', accountId: accountId!, orderIds: ids });
    setBusy(false);
    if (!reply?.ok) {
      setOutcome({ tone: 'error', text: t('watchAddFailed') }); // the text stays for another try
      return;
    }
    const added = t('watchAdded', { added: reply.added, already: reply.already });
    setOutcome({
      tone: invalid.length ? 'error' : 'ok',
      text: invalid.length ? `${added}. ${invalidText(invalid)}` : added,
    });
    // What was not an order number stays in the box, to correct.
    setText(invalid.join('\n'));
  }

  return (
    <div class={`watch-form${compact ? ' watch-form--compact' : ''}`}>
      {accounts.length > 1 && (
        <div class="watch-form__row">
          <label class="field__label" for={`${id}-account`}>
            {t('watchAccount')}
          </label>
          <select
            id={`${id}-account`}
            class="field__input"
            value={accountId}
            onChange={(event) => setChosen(event.currentTarget.value)}
          >
            {accounts.map((account) => (
              <option key={account.id} value={account.id}>
                {account.label}
              </option>
            ))}
          </select>
        </div>
      )}
      <label class="field__label" for={`${id}-ids`}>
        {t('watchIds')}
      </label>
      <textarea
        id={`${id}-ids`}
        class="field__input watch-form__ids"
        rows={compact ? 2 : 5}
        value={text}
        placeholder={t('watchIdsPlaceholder')}
        spellcheck={false}
        aria-describedby={`${id}-read`}
        onInput={(event) => {
          setText(event.currentTarget.value);
          setOutcome(null);
        }}
      />
      <p id={`${id}-read`} class="hint watch-form__read" aria-live="polite">
        {typed
          ? [t('watchRead', { n: read.ids.length }), read.invalid.length ? invalidText(read.invalid) : '']
              .filter(Boolean)
              .join(' · ')
          : ''}
      </p>
      <div class="buttons">
        <button type="button" class="button" onClick={() => void add()} disabled={busy || !typed} aria-busy={busy}>
          {busy ? t('watchAdding') : t('watchAdd')}
        </button>
      </div>
      <p class={`status status--${outcome?.tone ?? 'ok'}`} role="status">
        {outcome?.text ?? ''}
      </p>
    </div>
  );
}
