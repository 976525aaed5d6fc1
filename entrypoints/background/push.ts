import { browser } from 'wxt/browser';
import type { Notice } from '@/lib/alerts/notices';
import type { Locale } from '@/lib/i18n/messages';
import { createDispatcher } from '@/lib/push/dispatch';
import { itemsForNotices, knownOrders } from '@/lib/push/items';
import { routeItems } from '@/lib/push/route';
import { PUSH_SERVICES } from '@/lib/push/services';
import type { Settings } from '@/lib/settings/schema';
import type { Snapshot } from '@/lib/snapshots/snapshot';
import { pushChannelsItem, pushOutboxItem, pushSecretsItem, pushSentItem, pushStatusItem } from '@/lib/storage/items';
import { createSerialQueue } from '@/lib/util/serial';
import { ALARM_FLOOR_MS } from '@/lib/schedule/alert-wakeups';
import { PUSH_ALARM } from './alarm-names';
import type { Timers } from './timers';

// Push: the alerts' output beside notifications, badge and overlay. Settling hands over the notices
// it is about to show (`queue`, storage only: a push never delays a notification); the dispatcher
// sends them in the background's own time, and an alarm brings a stopped background back for
// retries. The push state has a serial queue of its own: the network never holds up the checks.

export interface PushDeps {
  locale: Locale;
  now: () => number;
  timers: Timers;
  fetch?: typeof fetch;
}

export function createPush(deps: PushDeps) {
  const serial = createSerialQueue();
  // One timer and one alarm serve every channel, so each only ever moves earlier: a channel's later
  // wait must not put off another's sooner retry. The flush they bring plans every channel again.
  let timer: unknown;
  let timerAt = Infinity;
  let alarmSetting = Promise.resolve();

  /** An alarm no sooner than Chrome fires one, in case the background is stopped before `at`. */
  function backstop(at: number) {
    // One at a time (each reads the last one's), awaited inside so a browser that throws rather than
    // rejects is caught too. The alarm outlives a stopped background; what it knew is read back.
    alarmSetting = alarmSetting.then(async () => {
      try {
        const now = deps.now();
        const when = Math.max(at, now + ALARM_FLOOR_MS);
        const set = await browser.alarms.get(PUSH_ALARM);
        if (set && set.scheduledTime > now && set.scheduledTime <= when) return;
        await browser.alarms.create(PUSH_ALARM, { when });
      } catch (error) {
        console.error('PayClock: could not set the push alarm', error);
      }
    });
  }

  /** A timer for the near wake-up, and the alarm should the background stop before it. */
  function wakeAt(at: number) {
    if (at < timerAt) {
      deps.timers.clear(timer);
      timerAt = at;
      timer = deps.timers.set(
        () => {
          timerAt = Infinity;
          void flush();
        },
        Math.max(0, at - deps.now()),
      );
    }
    backstop(at);
  }

  const dispatcher = createDispatcher({
    channels: () => pushChannelsItem.get(),
    secrets: () => pushSecretsItem.get(),
    outbox: pushOutboxItem,
    status: pushStatusItem,
    serial,
    services: PUSH_SERVICES,
    locale: deps.locale,
    now: deps.now,
    send: deps.fetch ? { fetch: deps.fetch } : {},
    wakeAt,
    backstop,
  });

  const flush = () => dispatcher.flush();

  /**
   * Queues the notices for every channel that forwards them, recording each in the channel's sent
   * log in the same step, then starts sending without waiting for it.
   */
  async function queue(
    notices: readonly Notice[],
    snapshots: readonly Snapshot[],
    settings: Pick<Settings, 'maskPassengers'>,
  ): Promise<void> {
    if (notices.length === 0) return;
    const channels = await pushChannelsItem.get();
    if (channels.length === 0) return;
    const now = deps.now();
    const items = itemsForNotices(notices, knownOrders(snapshots), { now, showPassengers: !settings.maskPassengers });
    const routed = await serial(async () => {
      const state = { sent: await pushSentItem.get(), status: await pushStatusItem.get() };
      return routeItems(items, channels, state, { locale: deps.locale, now });
    });
    // The outbox first, the sent log in the same step (no request goes out between them): stopped
    // in between, the restarted background finds the notices unshown (settle records them after
    // this) and queues them again, and the outbox takes each once.
    await dispatcher.add(routed.byChannel, () => pushSentItem.set(routed.sent));
    void flush();
  }

  return { queue, flush, serial };
}

export type Push = ReturnType<typeof createPush>;
