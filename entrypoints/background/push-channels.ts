import type { Locale } from '@/lib/i18n/messages';
import type {
  SavePushChannelReply,
  SavePushChannelRequest,
  TestPushChannelRequest,
  PushTestResult,
} from '@/lib/messaging/push';
import type { ChannelStatus, PushChannel } from '@/lib/push/channel';
import { mergeSecrets, missingSecrets, publicFieldsOf, sameFields, typedAnySecret } from '@/lib/push/channel-secrets';
import { testMessage } from '@/lib/push/compose';
import { markRequest, nextTestAt } from '@/lib/push/outbox';
import { EMPTY_CHANNEL_OUTBOX, type ChannelOutbox } from '@/lib/push/outbox-schema';
import { sendPush } from '@/lib/push/send';
import type { PushService } from '@/lib/push/service';
import { PUSH_SERVICES } from '@/lib/push/services';
import { originPatternOf } from '@/lib/sources/ticket-system/account';
import {
  accountsItem,
  pushChannelsItem,
  pushOutboxItem,
  pushSecretsItem,
  pushSentItem,
  pushStatusItem,
} from '@/lib/storage/items';
import { setTogether, write } from '@/lib/storage/validated-item';

// The background's answers to the settings page about push channels (save, remove, send a test).
// The secrets arrive here once and are written to `pushSecretsItem`; none is ever sent back, logged
// or shown. Like the venue accounts' handlers (./accounts.ts), which this mirrors.

export interface PushChannelHandlers {
  save(request: SavePushChannelRequest): Promise<SavePushChannelReply>;
  remove(id: string): Promise<void>;
  test(request: TestPushChannelRequest): Promise<PushTestResult>;
}

export interface PushChannelHandlerDeps {
  serial: <T>(task: () => Promise<T>) => Promise<T>;
  now: () => number;
  locale: Locale;
  hasPermission: (originPattern: string) => Promise<boolean>;
  /** Gives back access to a host once nothing sends there any more (`permissions.remove`). */
  releasePermission?: (originPattern: string) => Promise<void>;
  newId: () => string;
  fetch?: typeof fetch;
  /** Where a test message's tap leads; a phone cannot open the extension's own pages. */
  testUrl?: string;
  /** After a channel was saved or removed (the dispatcher looks at its channels again). */
  afterChange: () => Promise<void>;
  /**
   * The dispatcher's own queue (entrypoints/background/push.ts): writes of what it also writes
   * (outbox, status) go through it, so neither overwrites the other's change.
   */
  pushSerial?: <T>(task: () => Promise<T>) => Promise<T>;
}

const TEST_URL = 'https://kyfw.12306.cn/otn/view/train_order.html';
const FRESH_STATUS: ChannelStatus = { health: 'ok', last: null };

/** 12306 is the extension's own, granted at install: it is never given back. */
const is12306 = (pattern: string) => /^[a-z*]+:\/\/([^/]*\.)?12306\.cn\//.test(pattern);

/** The patterns `before` had that neither a channel left nor a venue account needs any more. */
async function unneededAccess(before: readonly string[], left: readonly PushChannel[]): Promise<string[]> {
  const needed = new Set([
    ...left.flatMap((channel) => channel.originPatterns),
    ...(await accountsItem.get()).map(originPatternOf),
  ]);
  return before.filter((pattern) => !needed.has(pattern) && !is12306(pattern));
}

async function missingAccess(deps: PushChannelHandlerDeps, patterns: readonly string[]): Promise<string | null> {
  for (const pattern of patterns) if (!(await deps.hasPermission(pattern))) return pattern;
  return null;
}

/** A saved channel's stored secrets, when they still belong to `service` (a changed service has none). */
async function storedSecrets(saved: PushChannel | undefined, service: PushService) {
  if (!saved || saved.service !== service.id) return {};
  return (await pushSecretsItem.get())[saved.id] ?? {};
}

export function createPushChannelHandlers(deps: PushChannelHandlerDeps): PushChannelHandlers {
  const { serial } = deps;
  const inPush = deps.pushSerial ?? (<T>(task: () => Promise<T>) => task());
  /** Request times of tests of channels not saved yet, by service (a test stores nothing). */
  const unsavedTests = new Map<string, ChannelOutbox>();

  /**
   * Counts a test toward the channel's requests a minute, or says how long until one may go. A
   * saved channel's tests share its outbox's count with its alerts, across restarts.
   */
  const claimTestRequest = (saved: PushChannel | undefined, service: PushService) =>
    inPush(async (): Promise<number | null> => {
      const at = deps.now();
      const outbox = await pushOutboxItem.get();
      const box = (saved ? outbox[saved.id] : unsavedTests.get(service.id)) ?? EMPTY_CHANNEL_OUTBOX;
      const freeAt = nextTestAt(box, at);
      if (freeAt > at) return freeAt - at;
      if (saved) await pushOutboxItem.set({ ...outbox, [saved.id]: markRequest(box, at) });
      else unsavedTests.set(service.id, markRequest(box, at));
      return null;
    });

  async function release(patterns: readonly string[]) {
    for (const pattern of patterns) await deps.releasePermission?.(pattern).catch(() => undefined);
  }

  async function save(request: SavePushChannelRequest): Promise<SavePushChannelReply> {
    let released: string[] = [];
    const reply = await serial(async (): Promise<SavePushChannelReply> => {
      const channels = await pushChannelsItem.get();
      const existing = request.id === null ? undefined : channels.find((channel) => channel.id === request.id);
      if (request.id !== null && !existing) return { ok: false, error: 'unknown', problems: [] };
      const service = PUSH_SERVICES[request.draft.service] as PushService | undefined;
      if (!service) return { ok: false, error: 'draft', problems: [{ field: 'service', problem: 'invalid' }] };
      const label = request.draft.label.trim();
      if (label === '') return { ok: false, error: 'draft', problems: [{ field: 'label', problem: 'missing' }] };

      const fields = publicFieldsOf(service, request.draft.fields);
      const secrets = mergeSecrets(service, await storedSecrets(existing, service), request.secrets);
      const absent = missingSecrets(service, secrets);
      if (!existing && absent.length > 0) return { ok: false, error: 'needSecret', problems: absent };
      const checked = service.check(fields, secrets);
      if (Array.isArray(checked)) return { ok: false, error: 'draft', problems: checked };
      if ((await missingAccess(deps, checked.originPatterns)) !== null)
        return { ok: false, error: 'noPermission', problems: [] };

      const channel: PushChannel = {
        ...request.draft,
        label,
        fields,
        kinds: { ...request.draft.kinds, remind: [...new Set(request.draft.kinds.remind)].sort((a, b) => b - a) },
        id: existing?.id ?? deps.newId(),
        originPatterns: checked.originPatterns,
        secretHint: checked.secretHint,
      };
      // A new key (or address) is a fresh start: a refused channel sends again.
      const renewed =
        !existing ||
        existing.service !== channel.service ||
        typedAnySecret(service, request.secrets) ||
        !sameFields(existing.fields, fields);
      await inPush(async () =>
        setTogether([
          write(
            pushChannelsItem,
            existing ? channels.map((c) => (c.id === channel.id ? channel : c)) : [...channels, channel],
          ),
          write(pushSecretsItem, { ...(await pushSecretsItem.get()), [channel.id]: secrets }),
          ...(renewed ? [write(pushStatusItem, { ...(await pushStatusItem.get()), [channel.id]: FRESH_STATUS })] : []),
        ]),
      );
      const left = channels.filter((c) => c.id !== channel.id).concat(channel);
      released = existing ? await unneededAccess(existing.originPatterns, left) : [];
      return { ok: true, id: channel.id };
    });
    await release(released);
    if (reply.ok) await deps.afterChange();
    return reply;
  }

  async function remove(id: string): Promise<void> {
    const released = await serial(async () => {
      const channels = await pushChannelsItem.get();
      const removed = channels.find((channel) => channel.id === id);
      const left = channels.filter((channel) => channel.id !== id);
      await inPush(async () => {
        const { [id]: _secrets, ...secrets } = await pushSecretsItem.get();
        const { [id]: _outbox, ...outbox } = await pushOutboxItem.get();
        const { [id]: _sent, ...sent } = await pushSentItem.get();
        const { [id]: _status, ...statuses } = await pushStatusItem.get();
        await setTogether([
          write(pushChannelsItem, left),
          write(pushSecretsItem, secrets),
          write(pushOutboxItem, outbox),
          write(pushSentItem, sent),
          write(pushStatusItem, statuses),
        ]);
      });
      return removed ? unneededAccess(removed.originPatterns, left) : [];
    });
    // The extension keeps access to no host it no longer needs.
    await release(released);
    await deps.afterChange();
  }

  async function test(request: TestPushChannelRequest): Promise<PushTestResult> {
    const service = PUSH_SERVICES[request.draft.service] as PushService | undefined;
    if (!service) return { kind: 'draft', problems: [{ field: 'service', problem: 'invalid' }] };
    const saved = request.id === null ? undefined : (await pushChannelsItem.get()).find((c) => c.id === request.id);
    const fields = publicFieldsOf(service, request.draft.fields);
    const secrets = mergeSecrets(service, await storedSecrets(saved, service), request.secrets);
    const absent = missingSecrets(service, secrets);
    if (!saved && absent.length > 0) return { kind: 'needSecret' };
    const checked = service.check(fields, secrets);
    if (Array.isArray(checked)) return { kind: 'draft', problems: checked };
    const origin = await missingAccess(deps, checked.originPatterns);
    if (origin !== null) return { kind: 'noPermission', origin };

    const wait = await claimTestRequest(saved, service);
    if (wait !== null) return { kind: 'limited', waitSeconds: Math.ceil(wait / 1000) };

    const message = testMessage(deps.locale, deps.now(), deps.testUrl ?? TEST_URL);
    const { result } = await sendPush(service, message, fields, secrets, {
      locale: deps.locale,
      fetch: deps.fetch,
      now: deps.now,
    });
    // Only a test of the channel exactly as saved says how the saved channel fares: a test of a
    // newly typed key that was refused says nothing about the stored one.
    const asSaved =
      saved !== undefined &&
      saved.service === service.id &&
      !typedAnySecret(service, request.secrets) &&
      sameFields(saved.fields, fields);
    if (asSaved && (result.outcome === 'sent' || result.outcome === 'refused')) {
      await inPush(async () => {
        // Removed or saved anew while the test was out: the answer was about what is no longer there.
        const current = (await pushChannelsItem.get()).find((c) => c.id === saved.id);
        if (JSON.stringify(current) !== JSON.stringify(saved)) return;
        const health = result.outcome === 'sent' ? 'ok' : 'refused';
        await pushStatusItem.set({ ...(await pushStatusItem.get()), [saved.id]: { health, last: result } });
      });
    }
    return { kind: 'answered', result };
  }

  return { save, remove, test };
}
