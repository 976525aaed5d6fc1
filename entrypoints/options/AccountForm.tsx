import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { askBackground, readWith } from '@/components/ask-background';
import { TestResultView } from '@/components/TestResultView';
import { draftProblemText } from '@/components/draft-words';
import { Toggle } from '@/components/Toggle';
import { t } from '@/lib/i18n';
import type { MessageKey } from '@/lib/i18n/messages';
import { saveAccountReplySchema, testResultSchema, type AccountSecret, type TestResult } from '@/lib/messages';
import {
  checkBaseUrl,
  checkDraft,
  DEFAULT_PATH_TEMPLATES,
  EMPTY_DRAFT,
  originOf,
  type Account,
  type AccountDraft,
  type DraftProblem,
  type TicketFlavour,
} from '@/lib/sources/ticket-system/account';
import { askSiteAccess } from './site-access';
import { Status, type Message } from './Status';
import { TextField, TextInput } from './TextField';

// Adding or editing one ticket-system account, and testing it. The KEY and password typed here go to
// the background once, in the save (or test) request; nothing on this page ever receives a key back.

type Field = DraftProblem['field'] | 'key' | 'password';
type Problem = { field: string; problem: string };

interface Props {
  /** The account being edited; null adds a new one. */
  account: Account | null;
  /** Put the cursor in the test's order field (the list's "test connection"). */
  focusTest?: boolean;
  onSaved: (id: string) => void;
  onClose: () => void;
}

const draftOf = (account: Account): AccountDraft => ({
  label: account.label,
  baseUrl: account.baseUrl,
  flavour: account.flavour,
  pathTemplate: account.pathTemplate,
  username: account.username,
  hawkId: account.hawkId,
  personalId: account.personalId,
  allowHttp: account.allowHttp,
});

const SECRET_WORDS: Record<string, MessageKey> = {
  'key.missing': 'secretKeyMissing',
  'password.missing': 'secretPasswordMissing',
  'key.both': 'secretBothNeeded',
  'password.both': 'secretBothNeeded',
  'key.moved': 'secretKeyMoved',
  'password.moved': 'secretPasswordMoved',
};

const problemText = (problem: Problem) => {
  const secret = SECRET_WORDS[`${problem.field}.${problem.problem}`];
  return secret ? t(secret) : draftProblemText(problem);
};

export function AccountForm({ account, focusTest = false, onSaved, onClose }: Props) {
  const uid = useId();
  const fieldId = (field: string) => `${uid}-${field}`;
  /** Null until the account exists; a new account becomes an edited one once saved. */
  const [id, setId] = useState<string | null>(account?.id ?? null);
  /** The site of the key saved from this form (a new account saved here); else the account's. */
  const [savedSite, setSavedSite] = useState<string | null>(null);
  const [draft, setDraft] = useState<AccountDraft>(account ? draftOf(account) : EMPTY_DRAFT);
  const [key, setKey] = useState('');
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  /** Problems the background found (it checks again); cleared when the user edits. */
  const [replyProblems, setReplyProblems] = useState<Problem[]>([]);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const [testOrderId, setTestOrderId] = useState('');
  const [testing, setTesting] = useState(false);
  const [testResult, setTestResult] = useState<TestResult | null>(null);
  const [testMessage, setTestMessage] = useState<Message | null>(null);
  const testInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (focusTest) testInput.current?.focus();
  }, [focusTest]);

  const keySaved = id !== null;
  const url = checkBaseUrl(draft.baseUrl, true);
  // The saved key signs for the site it was saved for only: another site needs the KEY and password.
  const savedOrigin = savedSite ?? (account ? originOf(account) : null);
  const moved = keySaved && savedOrigin !== null && !('problem' in url) && originOf(url) !== savedOrigin;
  const plainHttp = !('problem' in url) && !url.secure;
  // Only what is sent: acceptance of http means nothing for an https address.
  const sent: AccountDraft = { ...draft, allowHttp: plainHttp && draft.allowHttp };

  function secretProblems(): Problem[] {
    const hasKey = key !== '';
    const hasPassword = password !== '';
    if (hasKey && hasPassword) return [];
    if (moved && !(hasKey && hasPassword)) {
      return [
        ...(hasKey ? [] : [{ field: 'key', problem: 'moved' }]),
        ...(hasPassword ? [] : [{ field: 'password', problem: 'moved' }]),
      ];
    }
    if (!keySaved) {
      return [
        ...(hasKey ? [] : [{ field: 'key', problem: 'missing' }]),
        ...(hasPassword ? [] : [{ field: 'password', problem: 'missing' }]),
      ];
    }
    if (hasKey) return [{ field: 'password', problem: 'both' }];
    if (hasPassword) return [{ field: 'key', problem: 'both' }];
    return [];
  }
  const secret = (): AccountSecret | null => (key !== '' && password !== '' ? { key, password } : null);

  const checked = checkDraft(sent, id ?? 'new');
  const localProblems: Problem[] = 'problems' in checked ? checked.problems : [];
  const shownProblems = (field: Field): Problem[] => {
    const local = [...localProblems, ...(attempted ? secretProblems() : [])].filter(
      (problem) => problem.field === field && (attempted || touched.has(field)),
    );
    const fromReply = replyProblems.filter(
      (problem) => problem.field === field && !local.some((other) => other.problem === problem.problem),
    );
    return [...local, ...fromReply];
  };

  function edit(change: Partial<AccountDraft>) {
    setDraft((current) => ({ ...current, ...change }));
    setReplyProblems([]);
    setMessage(null);
  }
  const touch = (field: Field) => setTouched((current) => new Set(current).add(field));

  function switchFlavour(flavour: TicketFlavour) {
    const untouchedTemplate = draft.pathTemplate.trim() === DEFAULT_PATH_TEMPLATES[draft.flavour];
    edit({ flavour, ...(untouchedTemplate ? { pathTemplate: DEFAULT_PATH_TEMPLATES[flavour] } : {}) });
  }

  // Save. The permission prompt is only allowed during the click (a user gesture), so everything
  // before `requestAccess` is synchronous.
  function onSave() {
    setAttempted(true);
    setMessage(null);
    if ('problems' in checked || secretProblems().length > 0) {
      setMessage({ key: 'acctCheckFields', tone: 'error' });
      return;
    }
    void save(checked.url.originPattern, originOf(checked.url), secret());
  }

  async function save(pattern: string, site: string, secretSent: AccountSecret | null) {
    setSaving(true);
    try {
      const refused = await askSiteAccess(pattern, 'save');
      if (refused) {
        setMessage(refused);
        return;
      }
      const reply = await askBackground(
        { type: 'account.save', id, draft: sent, secret: secretSent },
        readWith(saveAccountReplySchema),
      );
      if (!reply) {
        setMessage({ key: 'acctNoReply', tone: 'error' });
        return;
      }
      if (reply.ok) {
        setId(reply.id);
        setSavedSite(site);
        setKey('');
        setPassword('');
        setAttempted(false);
        setMessage({ key: 'acctSaved', tone: 'ok' });
        onSaved(reply.id);
        return;
      }
      // For a saved account, the background asks for them only when the address moved to another site.
      const why = id === null ? 'missing' : 'moved';
      if (reply.error === 'needSecret')
        setReplyProblems([
          { field: 'key', problem: why },
          { field: 'password', problem: why },
        ]);
      else setReplyProblems(reply.problems);
      setMessage(
        reply.error === 'unknown'
          ? { key: 'acctSaveUnknown', tone: 'error' }
          : { key: 'acctCheckFields', tone: 'error' },
      );
    } finally {
      setSaving(false);
    }
  }

  // Test connection: the same gesture rule for the permission.
  function onTest() {
    setTestMessage(null);
    if ('problems' in checked) {
      setAttempted(true);
      setTestResult({ kind: 'draft', problems: checked.problems });
      return;
    }
    if (testOrderId.trim() === '') {
      setTestResult({ kind: 'needOrderId' });
      return;
    }
    const typedProblems = secretProblems();
    if (typedProblems.length > 0) {
      setAttempted(true);
      setTestResult({ kind: 'needSecret' });
      return;
    }
    void test(checked.url.originPattern, secret(), testOrderId.trim());
  }

  async function test(pattern: string, secretSent: AccountSecret | null, orderId: string) {
    setTesting(true);
    setTestResult(null);
    try {
      const refused = await askSiteAccess(pattern, 'test');
      if (refused) {
        setTestMessage(refused);
        return;
      }
      const result = await askBackground(
        { type: 'account.test', id, draft: sent, secret: secretSent, orderId },
        readWith(testResultSchema),
      );
      if (result) setTestResult(result);
      else setTestMessage({ key: 'acctNoReply', tone: 'error' });
    } finally {
      setTesting(false);
    }
  }

  /** What every field of the form shares: its ids, its problems as they are shown. */
  const fieldProps = (field: Field) => ({
    id: fieldId(field),
    name: field,
    errorId: fieldId(`${field}-error`),
    errors: shownProblems(field).map(problemText),
  });
  const draftField = (field: Exclude<Field, 'key' | 'password'>) => ({
    ...fieldProps(field),
    hintId: fieldId(`${field}-hint`),
    value: draft[field],
    onValue: (value: string) => edit({ [field]: value }),
    onBlur: () => touch(field),
  });
  const secretField = (field: 'key' | 'password', value: string, set: (value: string) => void) => ({
    ...fieldProps(field),
    type: 'password' as const,
    autocomplete: 'new-password' as const,
    hintId: fieldId('secret-hint'),
    value,
    onValue: (typed: string) => {
      set(typed);
      setReplyProblems([]);
      setMessage(null);
    },
  });

  const savedLabel = account?.label ?? ('account' in checked ? checked.account.label : draft.label);
  const heading = keySaved ? t('acctFormEditHeading', { label: savedLabel }) : t('acctFormAddHeading');

  return (
    <form
      class="account-form"
      aria-label={heading}
      onSubmit={(event) => {
        event.preventDefault();
        onSave();
      }}
    >
      <h3>{heading}</h3>
      <TextField {...draftField('label')} label={t('acctLabel')} hint={t('acctLabelHint')} />
      <TextField {...draftField('baseUrl')} label={t('acctBaseUrl')} hint={t('acctBaseUrlHint')} inputMode="url" />
      {plainHttp && (
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
              onChange={() => switchFlavour(flavour)}
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
        <TextField {...secretField('key', key, setKey)} label={t('acctKey')} />
        <TextField {...secretField('password', password, setPassword)} label={t('acctPassword')} />
        <p id={fieldId('secret-hint')} class="hint">
          {keySaved ? `${t('acctSecretSaved')} ${t('acctSecretHint')}` : t('acctSecretHint')}
        </p>
      </div>

      <TextField
        {...draftField('personalId')}
        label={t('acctPersonalId')}
        hint={t('acctPersonalIdHint')}
        inputMode="numeric"
      />

      <div class="buttons">
        <button type="submit" class="button" disabled={saving} aria-busy={saving}>
          {saving ? t('acctSaving') : t('acctSave')}
        </button>
        <button type="button" class="button button--quiet" onClick={onClose}>
          {t('acctCancel')}
        </button>
      </div>
      <Status message={message} />

      <fieldset class="test">
        <legend class="field__label">{t('testHeading')}</legend>
        <div class="field__row">
          <label class="visually-hidden" for={fieldId('test-order')}>
            {t('testOrderId')}
          </label>
          <TextInput
            id={fieldId('test-order')}
            inputRef={testInput}
            value={testOrderId}
            placeholder={t('testOrderId')}
            onValue={setTestOrderId}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                onTest();
              }
            }}
          />
          <button type="button" class="button button--quiet" onClick={onTest} disabled={testing} aria-busy={testing}>
            {testing ? t('testRunning') : t('testRun')}
          </button>
        </div>
        {testMessage && <Status message={testMessage} />}
        {testResult && <TestResultView result={testResult} />}
      </fieldset>
    </form>
  );
}
