import type { Locale } from '../i18n/messages';
import type { PushChannel, PushServiceId, ChannelStatus } from './channel';
import { translateAlert } from '../i18n/alert-words';
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

interface Step {
  message: PushMessage;
  /** The channel, its service and secrets as they were when the message was taken. */
  channel: PushChannel;
  service: PushService;
  secrets: Record<string, string>;
}

export function createDispatcher(deps: DispatchDeps) {
  const { serial, now } = deps;
  /** Channels with a request out (in this background: a restarted one starts with none). */
  const busy = new Set<string>();

  /**
   * Queues items for channels, by channel id. Storage only: returns before anything is sent.
   * `alongside` runs in the same step (the sent log), so no request goes out between the two.
   */
  const add = (byChannel: ReadonlyMap<string, readonly PushItem[]>, alongside?: () => Promise<void>) =>
    serial(async () => {
      if (byChannel.size > 0) {
        const outbox = { ...(await deps.outbox.get()) };
        for (const [id, items] of byChannel) if (items.length > 0) outbox[id] = enqueue(outbox[id], items);
        await deps.outbox.set(outbox);
      }
      await alongside?.();
    });

  /**
   * Takes the next message of one channel off its queue's head, or says when to come back. The
   * channel and its secrets are read afresh each time, together: the user may save it anew (another
   * key, kinds unticked) while a request is out.
   */
  const next = (id: string) =>
    serial(async (): Promise<{ wait: number } | Step | null> => {
      const channel = (await deps.channels()).find((saved) => saved.id === id);
      // Removed: flush's clean-up takes its queue.
      if (!channel) return null;
      const service = deps.services[channel.service];
      const outbox = await deps.outbox.get();
      const statuses = await deps.status.get();
      const at = now();
      const stored = outbox[channel.id];
      if (!stored) return null;
      const useful = dropUseless(stored, at);
      if (useful.dropped.length > 0 && stored.attempts > 0) {
        await deps.status.set({
          ...statuses,
          [channel.id]: {
            health: 'failing',
            last: droppedResult(translateAlert(deps.locale, 'pushDropped', { count: useful.dropped.length }), at),
          },
        });
      }
      // A refused key sends nothing more until the user saves the channel again (or a test
      // succeeds); a kind the user stopped forwarding since it was queued is not sent either.
      const refused = statuses[channel.id]?.health === 'refused';
      const items = refused ? [] : useful.box.items.filter((item) => forwards(channel, item));
      const box = { ...useful.box, items };
      if (items.length === 0) {
        const { [channel.id]: _gone, ...rest } = outbox;
        // The request times stay (the rate limit holds across an empty queue, and across a refused
        // key saved anew in the same minute); an old backoff not.
        const idle = { ...box, attempts: 0, notBefore: 0 };
        await deps.outbox.set(box.requestTimes.length > 0 ? { ...rest, [channel.id]: idle } : rest);
        return null;
      }
      const sendAt = nextSendAt(box, at);
      if (sendAt > at) {
        await deps.outbox.set({ ...outbox, [channel.id]: box });
        return { wait: sendAt };
      }
      await deps.outbox.set({ ...outbox, [channel.id]: markRequest(box, at) });
      const message = composeMessage(items, { locale: deps.locale, now: at, maxBodyChars: service.maxBodyChars });
      return { message, channel, service, secrets: (await deps.secrets())[channel.id] ?? {} };
    });

  async function drain(id: string) {
    for (;;) {
      const step = await next(id);
      if (step === null) return;
      if ('wait' in step) return deps.wakeAt(step.wait);
      // Chrome may stop the background mid-request; the message stays queued until its verdict.
      deps.backstop?.(now() + (deps.send?.timeoutMs ?? PUSH_TIMEOUT_MS));
      const { verdict, result } = await sendPush(step.service, step.message, step.channel.fields, step.secrets, {
        locale: deps.locale,
        ...deps.send,
        now,
      });
      await serial(async () => {
        const current = (await deps.channels()).find((saved) => saved.id === id);
        if (!current) return;
        // Saved anew while the request was out (a new key, other kinds): the old settings' refusal,
        // failure or backoff says nothing of the new ones. Only a delivery still counts.
        const unchanged = JSON.stringify(current) === JSON.stringify(step.channel);
        if (!unchanged && verdict.outcome !== 'sent') return;
        const outbox = await deps.outbox.get();
        const box = afterVerdict(outbox[id] ?? EMPTY_CHANNEL_OUTBOX, step.message.items, verdict, now());
        await deps.outbox.set({ ...outbox, [id]: box });
        if (unchanged) await deps.status.set({ ...(await deps.status.get()), [id]: statusAfter(result) });
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
        // Read again inside: a channel saved since has items of its own by now.
        const saved = new Set((await deps.channels()).map((channel) => channel.id));
        const current = await deps.outbox.get();
        await deps.outbox.set(Object.fromEntries(Object.entries(current).filter(([id]) => saved.has(id))));
      });
    }
    await Promise.all(
      channels
        .filter((channel) => (outbox[channel.id]?.items.length ?? 0) > 0 && !busy.has(channel.id))
        .map(async (channel) => {
          busy.add(channel.id);
          try {
            await drain(channel.id);
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
