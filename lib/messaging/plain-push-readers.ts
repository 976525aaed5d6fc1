import type { ChannelStatus, PushChannel, PushKinds, PushResult, PushServiceId } from '../push/channel';
import { isFields, isNumber, isString, type Fields } from '../util/guards';

// The popup's reading of the stored push channels and their statuses, by hand, like ./plain-readers.ts:
// zod would not fit the popup's size budget (README, Numbers). Each reader accepts exactly what its
// schema in lib/push/channel.ts (and lib/storage/items.ts) accepts and returns what it would, unknown
// keys dropped; tests/unit/messaging/plain-push-readers.test.ts holds them to that. Type-only imports
// from lib/push/channel.ts, so no zod is bundled.

const OUTCOMES: Record<PushResult['outcome'], true> = {
  sent: true,
  retry: true,
  refused: true,
  rejected: true,
  dropped: true,
};
// Records, so that the compiler insists on every member and no other.
const SERVICES: Record<PushServiceId, true> = {
  bark: true,
  serverchan: true,
  pushplus: true,
  ntfy: true,
  dingtalk: true,
  wecom: true,
  feishu: true,
  telegram: true,
  webhook: true,
};
const HEALTHS: Record<ChannelStatus['health'], true> = { ok: true, failing: true, refused: true };
const isMember = <T extends string>(members: Record<T, true>, value: unknown): value is T =>
  isString(value) && Object.hasOwn(members, value);
const text = (value: unknown, max: number): value is string => isString(value) && value.length <= max;
const isChannelId = (value: unknown): value is string => text(value, 64) && value.length >= 1 && /^[\w-]+$/.test(value);

/** Each element read by `read`, by index (a hole is an undefined element, as zod reads it). */
function readList<T>(value: unknown, read: (element: unknown) => T | null, max = Infinity): T[] | null {
  if (!Array.isArray(value) || value.length > max) return null;
  const list: T[] = [];
  for (let i = 0; i < value.length; i++) {
    const element = read(value[i] as unknown);
    if (element === null) return null;
    list.push(element);
  }
  return list;
}

function readKinds(value: unknown): PushKinds | null {
  if (!isFields(value)) return null;
  const { due, loginExpired, found, gone } = value;
  const minute = (n: unknown) => (isNumber(n) && Number.isSafeInteger(n) && n >= 1 && n <= 120 ? n : null);
  const remind = readList(value.remind, minute, 10);
  if (!remind) return null;
  if (typeof due !== 'boolean' || typeof loginExpired !== 'boolean') return null;
  if (typeof found !== 'boolean' || typeof gone !== 'boolean') return null;
  return { remind, due, loginExpired, found, gone };
}

function readFields(value: unknown): Record<string, string> | null {
  if (!isFields(value)) return null;
  const fields: Record<string, string> = {};
  for (const [key, field] of Object.entries(value)) {
    if (key.length > 40 || !text(field, 500)) return null;
    fields[key] = field;
  }
  return fields;
}

/** What `pushChannelSchema.safeParse` would give, or null where it fails. */
export function readPushChannel(value: unknown): PushChannel | null {
  if (!isFields(value)) return null;
  const { label, service, includeAmount, id, secretHint } = value;
  if (!text(label, 60) || !isMember(SERVICES, service)) return null;
  const kinds = readKinds(value.kinds);
  const fields = readFields(value.fields);
  const patterns = readList(value.originPatterns, (p) => (text(p, 300) ? p : null), 4);
  if (!kinds || !fields || !patterns || patterns.length < 1) return null;
  if (typeof includeAmount !== 'boolean' || !isChannelId(id) || !text(secretHint, 20)) return null;
  return { label, service, kinds, includeAmount, fields, id, originPatterns: patterns, secretHint };
}

/** The stored channels, as `pushChannelsItem` reads them: a damaged one is left out, the others kept. */
export const readPushChannels = (value: unknown): PushChannel[] =>
  Array.isArray(value) ? Array.from(value, readPushChannel).filter((c): c is PushChannel => c !== null) : [];

function readResult(value: unknown): PushResult | null {
  if (!isFields(value)) return null;
  const { at, outcome, httpStatus, detail } = value;
  if (!isNumber(at) || !isMember(OUTCOMES, outcome)) return null;
  if (!(httpStatus === null || isNumber(httpStatus)) || !text(detail, 400)) return null;
  return { at, outcome, httpStatus, detail };
}

/** What `channelStatusSchema.safeParse` would give, or null where it fails. */
export function readChannelStatus(value: unknown): ChannelStatus | null {
  if (!isFields(value) || !isMember(HEALTHS, value.health)) return null;
  const last = value.last === null ? null : readResult(value.last);
  if (last === null && value.last !== null) return null;
  return { health: value.health, last };
}

/** What `pushStatusItem`'s schema (channel id → status) would give, or null where it fails. */
export function readChannelStatuses(value: unknown): Record<string, ChannelStatus> | null {
  if (!isFields(value)) return null;
  const statuses: Fields = {};
  for (const [id, entry] of Object.entries(value)) {
    const status = readChannelStatus(entry);
    if (!isChannelId(id) || !status) return null;
    statuses[id] = status;
  }
  return statuses as Record<string, ChannelStatus>;
}
