import { markSent, type SentLog } from '../alerts/sent-log';
import type { Locale } from '../i18n/messages';
import type { ChannelStatus, PushChannel } from './channel';
import { forwards, itemForChannel } from './items';
import type { PushItem } from './message';

// Which channel gets which item: the kinds it forwards, nothing it was handed before (its own sent
// log, kept across restarts), nothing while its key stands refused.

export interface Routed {
  byChannel: Map<string, PushItem[]>;
  /** The channels' sent logs with the routed items recorded. */
  sent: Record<string, SentLog>;
}

export function routeItems(
  items: readonly PushItem[],
  channels: readonly PushChannel[],
  state: { sent: Readonly<Record<string, SentLog>>; status: Readonly<Record<string, ChannelStatus>> },
  options: { locale: Locale; now: number },
): Routed {
  const byChannel = new Map<string, PushItem[]>();
  const sent: Record<string, SentLog> = {};
  for (const channel of channels) {
    let log = state.sent[channel.id] ?? {};
    if (state.status[channel.id]?.health !== 'refused') {
      const fresh = items.filter((item) => forwards(channel, item) && !item.alertIds.every((id) => id in log));
      if (fresh.length > 0)
        byChannel.set(
          channel.id,
          fresh.map((item) => itemForChannel(item, channel, options.locale)),
        );
      log = markSent(
        log,
        fresh.flatMap((item) => item.alertIds),
        options.now,
      );
    }
    sent[channel.id] = log;
  }
  return { byChannel, sent };
}
