import { useId } from 'preact/hooks';
import { draftProblemText } from '@/components/draft-words';
import { Toggle } from '@/components/Toggle';
import { useAccountDraft, type AccountField, type AccountProblem } from './useAccountDraft';
import { t } from '@/lib/i18n';
import type { MessageKey } from '@/lib/i18n/messages';
import { DEFAULT_PATH_TEMPLATES, type Account } from '@/lib/sources/ticket-system/account';
import { ConnectionTest } from './ConnectionTest';
import { Status } from './Status';
import { TextField } from './TextField';

// Adding or editing one ticket-system account, and testing it. The KEY and password typed here go to
// the background once, in the save (or test) request; nothing on this page ever receives a key back.

interface Props {
  /** The account being edited; null adds a new one. */
  account: Account | null;
  /** Put the cursor in the test's order field (the list's "test connection"). */
  focusTest?: boolean;
  onSaved: (id: string) => void;
  onClose: () => void;
}

const SECRET_WORDS: Record<string, MessageKey> = {
  'key.missing': 'secretKeyMissing',
  'password.missing': 'secretPasswordMissing',
  'key.both': 'secretBothNeeded',
  'password.both': 'secretBothNeeded',
  'key.moved': 'secretKeyMoved',
  'password.moved': 'secretPasswordMoved',
};

const problemText = (problem: AccountProblem) => {
  const secret = SECRET_WORDS[`${problem.field}.${problem.problem}`];
  return secret ? t(secret) : draftProblemText(problem);
};

export function AccountForm({ account, focusTest = false, onSaved, onClose }: Props) {
  const uid = useId();
  const fieldId = (field: string) => `${uid}-${field}`;
  const form = useAccountDraft(account, onSaved);
  const { draft, edit } = form;

  /** What every field of the form shares: its ids, its problems as they are shown. */
  const fieldProps = (field: AccountField) => ({
    id: fieldId(field),
    name: field,
    errorId: fieldId(`${field}-error`),
    errors: form.shownProblems(field).map(problemText),
  });
  const draftField = (field: Exclude<AccountField, 'key' | 'password'>) => ({
    ...fieldProps(field),
    hintId: fieldId(`${field}-hint`),
    value: draft[field],
    onValue: (value: string) => edit({ [field]: value }),
    onBlur: () => form.touch(field),
  });
  const secretField = (field: 'key' | 'password') => ({
    ...fieldProps(field),
    type: 'password' as const,
    autocomplete: 'new-password' as const,
    hintId: fieldId('secret-hint'),
    value: form[field],
    onValue: (typed: string) => form.typeSecret(field, typed),
  });

  const heading = form.keySaved ? t('acctFormEditHeading', { label: form.savedLabel }) : t('acctFormAddHeading');

  return (
    <form
      class="account-form"
      aria-label={heading}
      onSubmit={(event) => {
        event.preventDefault();
        form.onSave();
      }}
    >
      <h3>{heading}</h3>
      <TextField {...draftField('label')} label={t('acctLabel')} hint={t('acctLabelHint')} />
      <TextField {...draftField('baseUrl')} label={t('acctBaseUrl')} hint={t('acctBaseUrlHint')} inputMode="url" />
      {form.plainHttp && (
        <div class="warning">
          <p class="warning__text">{t('acctHttpWarning')}</p>
          <Toggle
            name="allowHttp"
            label={t('acctAllowHttp')}
            checked={draft.allowHttp}
            onChange={(allowHttp) => edit({ allowHttp })}
          />
        </div>
      )}

      <fieldset class="field field--choice">
        <legend class="field__label">{t('acctFlavour')}</legend>
        {(['v5', 'v3'] as const).map((flavour) => (
          <label key={flavour} class="choice">
            <input
              type="radio"
              name={`${uid}-flavour`}
              value={flavour}
              checked={draft.flavour === flavour}
              onChange={() => form.switchFlavour(flavour)}
            />
            <span>{t(flavour === 'v5' ? 'acctFlavourV5' : 'acctFlavourV3')}</span>
          </label>
        ))}
      </fieldset>
      <TextField
        {...draftField('pathTemplate')}
        label={t('acctPathTemplate')}
        hint={
          <>
            {t('acctPathTemplateHint')}{' '}
            {draft.pathTemplate.trim() !== DEFAULT_PATH_TEMPLATES[draft.flavour] && (
              <button
                type="button"
                class="button button--quiet button--small"
                onClick={() => edit({ pathTemplate: DEFAULT_PATH_TEMPLATES[draft.flavour] })}
              >
                {t('acctPathDefault')}
              </button>
            )}
          </>
        }
      />
      <TextField {...draftField('username')} label={t('acctUsername')} />
      <TextField {...draftField('hawkId')} label={t('acctHawkId')} placeholder={t('acctHawkIdPlaceholder')} />

      <div class="secret">
        <TextField {...secretField('key')} label={t('acctKey')} />
        <TextField {...secretField('password')} label={t('acctPassword')} />
        <p id={fieldId('secret-hint')} class="hint">
          {form.keySaved ? `${t('acctSecretSaved')} ${t('acctSecretHint')}` : t('acctSecretHint')}
        </p>
      </div>

      <TextField
        {...draftField('personalId')}
        label={t('acctPersonalId')}
        hint={t('acctPersonalIdHint')}
        inputMode="numeric"
      />

      <div class="buttons">
        <button type="submit" class="button" disabled={form.saving} aria-busy={form.saving}>
          {form.saving ? t('acctSaving') : t('acctSave')}
        </button>
        <button type="button" class="button button--quiet" onClick={onClose}>
          {t('acctCancel')}
        </button>
      </div>
      <Status message={form.message} />

      <ConnectionTest id={fieldId('test-order')} focus={focusTest} plan={form.planTest} />
    </form>
  );
}
