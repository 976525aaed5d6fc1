import type { Locale } from '../i18n/messages';
import type { PushChannel, PushServiceId, ChannelStatus } from './channel';
import { composeMessage } from './compose';
import { forwards } from './items';
import type { PushItem, PushMessage } from './message';
import { afterVerdict, droppedResult, dropUseless, enqueue, markRequest, nextSendAt, statusAfter } from './outbox';
import { EMPTY_CHANNEL_OUTBOX, type Outbox } from './outbox-schema';
import { PUSH_TIMEOUT_MS, sendPush, type SendOptions } from './send';
import type { PushService } from './service';

// Sends what the outbox holds, channel by channel: one request at a time per channel (so never more
// than one in flight to a service), channels side by side. Storage, network, clock and wake-ups are
// passed in, so the same code runs in the background, in unit tests on a fake clock, and in the
// benchmark against a local fake service.

export interface Stored<T> {
  get(): Promise<T>;
  set(value: T): Promise<void>;
}

export interface DispatchDeps {
  channels: () => Promise<PushChannel[]>;
  /** SECRET: each channel's secret fields. */
  secrets: () => Promise<Record<string, Record<string, string>>>;
  outbox: Stored<Outbox>;
  status: Stored<Record<string, ChannelStatus>>;
  /** Every read-change-write of `outbox` and `status` runs in here, one at a time. */
  serial: <T>(task: () => Promise<T>) => Promise<T>;
  services: Readonly<Record<PushServiceId, PushService>>;
  locale: Locale;
  now: () => number;
  send?: SendOptions;
  /** Asks to be flushed again at this instant (a timer, and an alarm should the background stop). */
  wakeAt: (at: number) => void;
  /** Asks to be woken by then should the background stop while a request is out (an alarm only). */
  backstop?: (at: number) => void;
}

export function createDispatcher(deps: DispatchDeps) {
  const { serial, now } = deps;
  /** Channels with a request out (in this background: a restarted one starts with none). */
  const busy = new Set<string>();

  /** Queues items for channels, by channel id. Storage only: returns before anything is sent. */
  const add = (byChannel: ReadonlyMap<string, readonly PushItem[]>) =>
    serial(async () => {
      if (byChannel.size === 0) return;
      const outbox = { ...(await deps.outbox.get()) };
      for (const [id, items] of byChannel) if (items.length > 0) outbox[id] = enqueue(outbox[id], items);
      await deps.outbox.set(outbox);
    });

  /** Takes the next message of one channel off its queue's head, or says when to come back. */
  const next = (channel: PushChannel, service: PushService) =>
    serial(async (): Promise<{ wait: number } | { message: PushMessage } | null> => {
      const outbox = await deps.outbox.get();
      const statuses = await deps.status.get();
      const at = now();
      const stored = outbox[channel.id];
      if (!stored) return null;
      const useful = dropUseless(stored, at);
      if (useful.dropped.length > 0 && stored.attempts > 0) {
        await deps.status.set({
          ...statuses,
          [channel.id]: { health: 'failing', last: droppedResult(useful.dropped.length, at) },
        });
      }
      // A refused key sends nothing more until the user saves the channel again (or a test
      // succeeds); a kind the user stopped forwarding since it was queued is not sent either.
      const refused = statuses[channel.id]?.health === 'refused';
      const items = refused ? [] : useful.box.items.filter((item) => forwards(channel, item));
      const box = { ...useful.box, items };
      if (items.length === 0) {
        const { [channel.id]: _gone, ...rest } = outbox;
        // The request times stay (the rate limit holds across an empty queue); an old backoff not.
        const idle = { ...box, attempts: 0, notBefore: 0 };
        await deps.outbox.set(box.requestTimes.length > 0 && !refused ? { ...rest, [channel.id]: idle } : rest);
        return null;
      }
      const sendAt = nextSendAt(box, at);
      if (sendAt > at) {
        await deps.outbox.set({ ...outbox, [channel.id]: box });
        return { wait: sendAt };
      }
      await deps.outbox.set({ ...outbox, [channel.id]: markRequest(box, at) });
      return { message: composeMessage(items, { locale: deps.locale, now: at, maxBodyChars: service.maxBodyChars }) };
    });

  async function drain(channel: PushChannel) {
    const service = deps.services[channel.service];
    for (;;) {
      const step = await next(channel, service);
      if (step === null) return;
      if ('wait' in step) return deps.wakeAt(step.wait);
      // Chrome may stop the background mid-request; the message stays queued until its verdict.
      deps.backstop?.(now() + (deps.send?.timeoutMs ?? PUSH_TIMEOUT_MS));
      const secrets = (await deps.secrets())[channel.id] ?? {};
      const { verdict, result } = await sendPush(service, step.message, channel.fields, secrets, {
        ...deps.send,
        now,
      });
      await serial(async () => {
        const outbox = await deps.outbox.get();
        const box = afterVerdict(outbox[channel.id] ?? EMPTY_CHANNEL_OUTBOX, step.message.items, verdict, now());
        await deps.outbox.set({ ...outbox, [channel.id]: box });
        // Saved anew while the request was out (a new key): the old key's answer says nothing of it.
        const current = (await deps.channels()).find((saved) => saved.id === channel.id);
        if (current && JSON.stringify(current) === JSON.stringify(channel)) {
          await deps.status.set({ ...(await deps.status.get()), [channel.id]: statusAfter(result) });
        }
      });
    }
  }

  /** Sends whatever is due on every channel; resolves when each channel has sent or is waiting. */
  async function flush(): Promise<void> {
    const channels = await deps.channels();
    const outbox = await deps.outbox.get();
    const known = new Set(channels.map((channel) => channel.id));
    // A channel removed while its items waited: they go nowhere.
    if (Object.keys(outbox).some((id) => !known.has(id))) {
      await serial(async () => {
        const current = await deps.outbox.get();
        await deps.outbox.set(Object.fromEntries(Object.entries(current).filter(([id]) => known.has(id))));
      });
    }
    await Promise.all(
      channels
        .filter((channel) => (outbox[channel.id]?.items.length ?? 0) > 0 && !busy.has(channel.id))
        .map(async (channel) => {
          busy.add(channel.id);
          try {
            await drain(channel);
          } catch (error) {
            // Never the error's text alone into a log: a thrown fetch error can name the URL.
            console.warn(
              `PayClock: pushing to channel ${channel.id} stopped`,
              error instanceof Error ? error.name : 'error',
            );
          } finally {
            busy.delete(channel.id);
          }
        }),
    );
  }

  return { add, flush };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
