import type { Replies, Reply, RequestType, WatchAddReply } from './pages';
import { isFields, isNumber } from '../util/guards';

// Readers of the background's replies to the popup, without zod: zod's core alone is over 5 KB
// gzipped, and the popup must open within its size budget (README, Numbers). Each reader accepts
// exactly what its schema in ./pages.ts accepts (tests/unit/messaging/plain-readers.test.ts holds them
// to that).

/** `{ ok }`, the reply to most requests. */
export function readReply(value: unknown): Reply | null {
  return isFields(value) && typeof value.ok === 'boolean' ? { ok: value.ok } : null;
}

export function readWatchAddReply(value: unknown): WatchAddReply | null {
  if (!isFields(value) || typeof value.ok !== 'boolean' || !isNumber(value.added) || !isNumber(value.already))
    return null;
  return { ok: value.ok, added: value.added, already: value.already };
}

/** Reads a reply: its value, or null for anything else. */
export type ReplyReader<T> = (answer: unknown) => T | null;

/** A reader for the reply to each of the request types `T`. */
export type ReplyReaders<T extends RequestType> = { [K in T]: ReplyReader<Replies[K]> };

/** The requests whose replies the popup reads. The settings page adds its own (with zod) for the rest. */
export type PlainRequestType = 'refresh' | 'silence' | 'account.remove' | 'watch.add' | 'watch.remove';

export const PLAIN_READERS: ReplyReaders<PlainRequestType> = {
  refresh: readReply,
  silence: readReply,
  'account.remove': readReply,
  'watch.add': readWatchAddReply,
  'watch.remove': readReply,
};
