import { mute, snooze, unquiet } from '@/lib/alerts/quiet';
import type { SilenceRequest } from '@/lib/messaging/pages';
import { quietOrdersItem } from '@/lib/storage/items';
import type { SerialQueue } from '@/lib/util/serial';
import type { Settle } from './settle';
import { findOrder, type ReadAll } from './watched';

export interface SilenceDeps {
  serial: SerialQueue;
  readAll: ReadAll;
  now: () => number;
  settle: Settle;
}

export function createSilence(deps: SilenceDeps) {
  const { serial, readAll, settle } = deps;

  /** Mutes, snoozes or un-silences one order's reminders, then re-plans its alarms. */
  return function silence(request: SilenceRequest): Promise<void> {
    return serial(async () => {
      const watched = await readAll();
      if (!findOrder(watched, request.orderKey)) return;
      const quiet = await quietOrdersItem.get();
      const now = deps.now();
      const next =
        request.action === 'mute'
          ? mute(quiet, request.orderKey)
          : request.action === 'snooze'
            ? snooze(quiet, request.orderKey, now)
            : unquiet(quiet, request.orderKey);
      await quietOrdersItem.set(next);
      await settle(watched, new Map());
    });
  };
}
