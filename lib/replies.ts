import type { Reply, WatchAddReply } from './messages';
import { isFields, isNumber } from './util/guards';

// Readers of the background's replies to the popup, without zod: zod's core alone is over 5 KB
// gzipped, and the popup must open within its size budget (README, Numbers). Each reader accepts
// exactly what its schema in messages.ts accepts (tests/unit/replies.test.ts holds them to that).

/** `{ ok }`, the reply to most requests. */
export function readReply(value: unknown): Reply | null {
  return isFields(value) && typeof value.ok === 'boolean' ? { ok: value.ok } : null;
}

export function readWatchAddReply(value: unknown): WatchAddReply | null {
  if (!isFields(value) || typeof value.ok !== 'boolean' || !isNumber(value.added) || !isNumber(value.already))
    return null;
  return { ok: value.ok, added: value.added, already: value.already };
}
