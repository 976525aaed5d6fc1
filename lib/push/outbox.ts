import type { ChannelStatus, PushResult } from './channel';
import type { PushItem } from './message';
import { EMPTY_CHANNEL_OUTBOX, type ChannelOutbox } from './outbox-schema';
import type { ServiceVerdict } from './service';

// The rules of one channel's queue, pure: what to drop, when the next request may go, and what a
// service's verdict does to the queue and to the channel's health. The dispatcher (./dispatch.ts)
// applies them; the background (entrypoints/background/push.ts) gives it storage and the network.

/** "A handful of requests a minute per channel, whatever happens": every service allows more. */
export const REQUESTS_PER_MINUTE = 6;
const MINUTE = 60_000;
export const BACKOFF_FIRST_MS = 5_000;
export const BACKOFF_MAX_MS = 10 * MINUTE;

/** 5 s, 15 s, 45 s, … up to 10 min between failed attempts. */
export const backoffMs = (attempts: number): number =>
  Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 3 ** Math.max(0, attempts - 1));

const itemId = (item: Pick<PushItem, 'alertIds'>) => item.alertIds.join(' ');

/** Adds items not queued already (a restart may hand the same alert over twice). */
export function enqueue(box: ChannelOutbox = EMPTY_CHANNEL_OUTBOX, items: readonly PushItem[]): ChannelOutbox {
  const queued = new Set(box.items.map(itemId));
  const fresh = items.filter((item) => !queued.has(itemId(item)));
  return fresh.length === 0 ? box : { ...box, items: [...box.items, ...fresh] };
}

/** Items no longer worth sending (a reminder after its deadline) leave the queue. */
export function dropUseless(box: ChannelOutbox, now: number): { box: ChannelOutbox; dropped: PushItem[] } {
  const dropped = box.items.filter((item) => item.usefulUntil <= now);
  if (dropped.length === 0) return { box, dropped };
  const kept = box.items.filter((item) => item.usefulUntil > now);
  // An empty queue starts afresh: the next alert is not held back by an old outage's backoff.
  return {
    box: kept.length === 0 ? { ...box, items: [], attempts: 0, notBefore: 0 } : { ...box, items: kept },
    dropped,
  };
}

/** The request times still inside the last minute. */
const recent = (box: ChannelOutbox, now: number) => box.requestTimes.filter((at) => now - at < MINUTE && at <= now);

/** The earliest instant one more request keeps to `limit` requests in any minute. */
function rateFreeAt(box: ChannelOutbox, now: number, limit: number): number {
  const times = recent(box, now).sort((a, b) => a - b);
  return times.length < limit ? now : times[times.length - limit]! + MINUTE;
}

/** The earliest instant the next request may go: after the backoff, and within the rate limit. */
export const nextSendAt = (box: ChannelOutbox, now: number): number =>
  Math.max(now, box.notBefore, rateFreeAt(box, now, REQUESTS_PER_MINUTE));

/**
 * A "Send test" counts toward the same limit but may only take the first few requests of a minute,
 * so however often the button is clicked, reminders keep room in every minute. A backoff does not
 * hold a test back: the user tests to learn why the channel fails.
 */
export const TESTS_PER_MINUTE = 3;

/** The earliest instant a test may go. */
export const nextTestAt = (box: ChannelOutbox, now: number): number => rateFreeAt(box, now, TESTS_PER_MINUTE);

/** Records a request going out (before it is sent: a background stopped mid-way still counts it). */
export const markRequest = (box: ChannelOutbox, now: number): ChannelOutbox => ({
  ...box,
  requestTimes: [...recent(box, now), now],
});

/**
 * The queue after the service's verdict on a message that carried `delivered` items. Items queued
 * while the request was out stay. `refused` empties the queue: nothing goes until the user acts.
 */
export function afterVerdict(
  box: ChannelOutbox,
  delivered: readonly PushItem[],
  verdict: ServiceVerdict,
  now: number,
): ChannelOutbox {
  const carried = new Set(delivered.map(itemId));
  const without = box.items.filter((item) => !carried.has(itemId(item)));
  switch (verdict.outcome) {
    case 'sent':
    case 'rejected':
      // A message the service will never take is dropped, not retried into its rate limit.
      return { ...box, items: without, attempts: 0, notBefore: 0 };
    case 'refused':
      return { ...box, items: [], attempts: 0, notBefore: 0 };
    case 'retry': {
      const attempts = box.attempts + 1;
      const wait = Math.max(backoffMs(attempts), verdict.retryAfterMs ?? 0);
      return { ...box, attempts, notBefore: now + wait };
    }
  }
}

/** The channel's health once the service answered: one success makes it well again. */
export function statusAfter(result: PushResult): ChannelStatus {
  switch (result.outcome) {
    case 'sent':
      return { health: 'ok', last: result };
    case 'refused':
      return { health: 'refused', last: result };
    default:
      return { health: 'failing', last: result };
  }
}

/** What the settings page shows when a failing channel's items were dropped unsent. */
export const droppedResult = (detail: string, at: number): PushResult => ({
  at,
  outcome: 'dropped',
  httpStatus: null,
  detail,
});
