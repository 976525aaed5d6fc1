import { useState } from 'preact/hooks';
import { askBackground } from '@/lib/browser/ask-background-all';
import type { PushTestResult, TestPushChannelRequest } from '@/lib/messaging/push';
import {
  DEFAULT_PUSH_KINDS,
  PUSH_SERVICE_IDS,
  type ChannelDraft,
  type PushChannel,
  type PushKinds,
  type PushServiceId,
} from '@/lib/push/channel';
import type { FieldProblem, PushService } from '@/lib/push/service';
import { checkUrl, isProblem } from '@/lib/push/services/common';
import { PUSH_SERVICES } from '@/lib/push/services';
import { askPushAccess } from './push-access';
import type { Message } from './Status';

// The push channel form without its markup: what is typed, what is wrong with it and when to say so,
// saving and testing it. Secrets are kept here only until they are sent; nothing secret is ever read
// back (an edited channel's secret fields start empty).

/** What a test does with the form: say why it cannot yet, or ask for the hosts and send. */
export type PushTestPlan = { result: PushTestResult } | { patterns: string[]; request: TestPushChannelRequest };

export const serviceOf = (id: PushServiceId) => PUSH_SERVICES[id] as PushService | undefined;

const initialFields = (service: PushService | undefined, saved: Record<string, string> = {}) =>
  Object.fromEntries(
    (service?.fields ?? []).filter((f) => !f.secret).map((f) => [f.name, saved[f.name] ?? f.initial ?? '']),
  );

/** The 5- and 1-minute reminders, among the user's own reminder minutes. */
export const defaultKinds = (reminderMinutes: readonly number[]): PushKinds => ({
  ...DEFAULT_PUSH_KINDS,
  remind: DEFAULT_PUSH_KINDS.remind.filter((n) => reminderMinutes.includes(n)),
});

export const draftOf = (channel: PushChannel): ChannelDraft => ({
  label: channel.label,
  service: channel.service,
  kinds: channel.kinds,
  includeAmount: channel.includeAmount,
  fields: channel.fields,
});

export function usePushDraft(
  channel: PushChannel | null,
  reminderMinutes: readonly number[],
  onSaved: (id: string) => void,
) {
  /** Null until the channel exists; a new channel becomes an edited one once saved (as accounts do). */
  const [id, setId] = useState<string | null>(channel?.id ?? null);
  /** The name the channel is saved under, for the form's heading. */
  const [savedLabel, setSavedLabel] = useState(channel?.label ?? '');
  const [serviceId, setServiceId] = useState<PushServiceId>(channel?.service ?? PUSH_SERVICE_IDS[0]);
  const [label, setLabel] = useState(channel?.label ?? '');
  const [fields, setFields] = useState<Record<string, string>>(() =>
    initialFields(serviceOf(serviceId), channel?.fields),
  );
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const [cleared, setCleared] = useState<ReadonlySet<string>>(new Set());
  const [kinds, setKinds] = useState<PushKinds>(channel?.kinds ?? defaultKinds(reminderMinutes));
  const [includeAmount, setIncludeAmount] = useState(channel?.includeAmount ?? false);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [replyProblems, setReplyProblems] = useState<FieldProblem[]>([]);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  /** Counts edits and saves: a test result or a message from before one speaks of another form. */
  const [revision, setRevision] = useState(0);
  /** The saved channel's secrets belong to its service: another service starts with none. */
  const [savedService, setSavedService] = useState<PushServiceId | null>(channel?.service ?? null);
  /** Where the channel as stored sends: a secret URL's host is not known to the page once it is cleared. */
  const [savedPatterns, setSavedPatterns] = useState<readonly string[]>(channel?.originPatterns ?? []);

  const service = serviceOf(serviceId);
  const secretsSaved = id !== null && savedService === serviceId;
  const typed = Object.fromEntries(Object.entries(secrets).filter(([, value]) => value !== ''));
  /** Secret fields whose value is saved and neither typed over nor cleared: the page cannot check them. */
  const keptSecret = (name: string) => secretsSaved && !(name in typed) && !cleared.has(name);

  const draft: ChannelDraft = { label: label.trim(), service: serviceId, kinds, includeAmount, fields };
  const checked = service?.check(fields, typed);
  const checkProblems = Array.isArray(checked) ? checked.filter((p) => !keptSecret(p.field)) : [];
  const localProblems: FieldProblem[] = [
    ...(label.trim() === '' ? [{ field: 'label', problem: 'missing' as const }] : []),
    ...(service ? checkProblems : [{ field: 'service', problem: 'invalid' as const }]),
  ];
  /**
   * The hosts the fields now send to: the check's; else (secrets kept) the public address's, which
   * is where Bark and ntfy send whatever their key; else the saved ones (a kept secret URL's host).
   * Not both: a server changed from api.day.app no longer needs api.day.app.
   */
  const patterns = (): string[] => {
    if (checked && !Array.isArray(checked)) return checked.originPatterns;
    const typedUrls = (service?.fields ?? [])
      .filter((f) => f.kind === 'url' && !f.secret)
      .map((f) => checkUrl(f.name, fields[f.name] ?? ''))
      .flatMap((url) => (isProblem(url) ? [] : [url.originPattern]));
    if (typedUrls.length > 0) return [...new Set(typedUrls)];
    return secretsSaved ? [...savedPatterns] : [];
  };
  /** What goes to the background: typed secrets, cleared ones as '', null when editing touched none. */
  const secretsSent = (): Record<string, string> | null => {
    const sent = { ...typed, ...Object.fromEntries([...cleared].map((name) => [name, ''])) };
    return secretsSaved && Object.keys(sent).length === 0 ? null : sent;
  };

  const shownProblems = (field: string): FieldProblem[] => {
    const local = localProblems.filter((p) => p.field === field && (attempted || touched.has(field)));
    const fromReply = replyProblems.filter((p) => p.field === field && !local.some((o) => o.problem === p.problem));
    return [...local, ...fromReply];
  };

  const changed = () => {
    setReplyProblems([]);
    setMessage(null);
    setRevision((n) => n + 1);
  };
  const setClearing = (name: string, clear: boolean) =>
    setCleared((current) => {
      const next = new Set(current);
      if (clear) next.add(name);
      else next.delete(name);
      return next;
    });
  const touch = (field: string) => setTouched((current) => new Set(current).add(field));

  function chooseService(next: PushServiceId) {
    setServiceId(next);
    setFields(initialFields(serviceOf(next), next === channel?.service ? channel.fields : {}));
    setSecrets({});
    setCleared(new Set());
    setTouched(new Set());
    setAttempted(false);
    changed();
  }

  // The permission prompt is only allowed during the click: nothing is awaited before it.
  function onSave() {
    setAttempted(true);
    setMessage(null);
    if (localProblems.length > 0) {
      setMessage({ key: 'pushCheckFields', tone: 'error' });
      return;
    }
    void save(patterns(), secretsSent());
  }

  async function save(needed: string[], sent: Record<string, string> | null) {
    setSaving(true);
    try {
      const refused = await askPushAccess(needed, 'save');
      if (refused) return setMessage(refused);
      const reply = await askBackground({ type: 'push.save', id, draft, secrets: sent });
      if (!reply) return setMessage({ key: 'pushNoReply', tone: 'error' });
      if (reply.ok) {
        setId(reply.id);
        setSavedLabel(draft.label);
        setSavedService(serviceId);
        // The background stored the hosts these fields need, and nothing more.
        setSavedPatterns(needed);
        setSecrets({});
        setCleared(new Set());
        setAttempted(false);
        setRevision((n) => n + 1);
        setMessage({ key: 'pushSaved', tone: 'ok' });
        onSaved(reply.id);
        return;
      }
      setReplyProblems(reply.problems);
      const words = { unknown: 'pushUnknown', noPermission: 'pushNoPermission' } as const;
      setMessage({
        key: reply.error in words ? words[reply.error as keyof typeof words] : 'pushCheckFields',
        tone: 'error',
      });
    } finally {
      setSaving(false);
    }
  }

  function planTest(): PushTestPlan {
    if (localProblems.length > 0) {
      setAttempted(true);
      return { result: { kind: 'draft', problems: localProblems } };
    }
    const asked = patterns();
    if (asked.length === 0) return { result: { kind: 'needSecret' } };
    return { patterns: asked, request: { type: 'push.test', id, draft, secrets: secretsSent() } };
  }

  return {
    serviceId,
    service,
    label,
    fields,
    secrets,
    cleared,
    kinds,
    includeAmount,
    secretsSaved,
    /** The channel exists: the form edits it, under the name it was saved with. */
    saved: id !== null,
    savedLabel,
    saving,
    message,
    revision,
    /** The hosts the disclosure names (none until the address is known). */
    disclosurePatterns: patterns,
    shownProblems,
    touch,
    chooseService,
    setLabel: (value: string) => (setLabel(value), changed()),
    setField: (name: string, value: string) => (setFields((current) => ({ ...current, [name]: value })), changed()),
    // Typing a new value is the opposite of clearing it: the typed one is what gets saved.
    setSecret: (name: string, value: string) => {
      setSecrets((current) => ({ ...current, [name]: value }));
      if (value !== '') setClearing(name, false);
      changed();
    },
    setClear: (name: string, clear: boolean) => {
      setClearing(name, clear);
      // A value typed before is not kept behind the tick, to come back when it is unticked.
      if (clear) setSecrets((current) => ({ ...current, [name]: '' }));
      changed();
    },
    setKinds: (next: PushKinds) => (setKinds(next), changed()),
    setIncludeAmount: (next: boolean) => (setIncludeAmount(next), changed()),
    onSave,
    planTest,
  };
}
