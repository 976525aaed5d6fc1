import { useState } from 'preact/hooks';
import { askBackground } from '@/lib/browser/ask-background-all';
import { askSiteAccess } from '@/entrypoints/options/site-access';
import type { Message } from '@/entrypoints/options/Status';
import { type AccountSecret, type Request, type TestResult } from '@/lib/messaging/pages';
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

// The settings page's account form, without its markup: what is typed, what is wrong with it and
// when to say so, and saving it. The KEY and password are kept here only until they are sent.

export type AccountField = DraftProblem['field'] | 'key' | 'password';
export type AccountProblem = { field: string; problem: string };

type TestRequest = Extract<Request, { type: 'account.test' }>;

/** What the connection test does with the draft: say why it cannot yet, or ask for access and send. */
export type AccountTestPlan = { result: TestResult } | { pattern: string; request: TestRequest };

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

/** `account` null adds a new one. `onSaved` gets the account's id after each save. */
export function useAccountDraft(account: Account | null, onSaved: (id: string) => void) {
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
  const [replyProblems, setReplyProblems] = useState<AccountProblem[]>([]);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);

  const keySaved = id !== null;
  const url = checkBaseUrl(draft.baseUrl, true);
  // The saved key signs for the site it was saved for only: another site needs the KEY and password.
  const savedOrigin = savedSite ?? (account ? originOf(account) : null);
  const moved = keySaved && savedOrigin !== null && !('problem' in url) && originOf(url) !== savedOrigin;
  const plainHttp = !('problem' in url) && !url.secure;
  // Only what is sent: acceptance of http means nothing for an https address.
  const sent: AccountDraft = { ...draft, allowHttp: plainHttp && draft.allowHttp };

  function secretProblems(): AccountProblem[] {
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
  const localProblems: AccountProblem[] = 'problems' in checked ? checked.problems : [];
  const shownProblems = (field: AccountField): AccountProblem[] => {
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
  const touch = (field: AccountField) => setTouched((current) => new Set(current).add(field));

  function typeSecret(field: 'key' | 'password', value: string) {
    (field === 'key' ? setKey : setPassword)(value);
    setReplyProblems([]);
    setMessage(null);
  }

  function switchFlavour(flavour: TicketFlavour) {
    const untouchedTemplate = draft.pathTemplate.trim() === DEFAULT_PATH_TEMPLATES[draft.flavour];
    edit({ flavour, ...(untouchedTemplate ? { pathTemplate: DEFAULT_PATH_TEMPLATES[flavour] } : {}) });
  }

  // Save. The permission prompt is only allowed during the click (a user gesture), so everything
  // before `askSiteAccess` is synchronous.
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
      const reply = await askBackground({ type: 'account.save', id, draft: sent, secret: secretSent });
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

  // Test connection: the same gesture rule for the permission, so this is synchronous too. The
  // order number is asked for only once the draft itself is right.
  function planTest(orderId: string): AccountTestPlan {
    if ('problems' in checked) {
      setAttempted(true);
      return { result: { kind: 'draft', problems: checked.problems } };
    }
    if (orderId === '') return { result: { kind: 'needOrderId' } };
    if (secretProblems().length > 0) {
      setAttempted(true);
      return { result: { kind: 'needSecret' } };
    }
    const request: TestRequest = { type: 'account.test', id, draft: sent, secret: secret(), orderId };
    return { pattern: checked.url.originPattern, request };
  }

  return {
    draft,
    key,
    password,
    keySaved,
    plainHttp,
    /** The account's name for the form's heading: the saved one while it is being edited. */
    savedLabel: account?.label ?? ('account' in checked ? checked.account.label : draft.label),
    shownProblems,
    edit,
    touch,
    typeSecret,
    switchFlavour,
    saving,
    message,
    onSave,
    planTest,
  };
}
