import { OVERLAY_NAMED_SOURCES } from '../sources/descriptions';
import { isFields, isNumber, isString } from '../util/guards';
import type { OverlayOrder, OverlayOthers, OverlayPush, OverlaySummary } from './overlay';

// The content script's reading of the background's two messages, by hand: zod's core alone is over
// 5 KB gzipped, a quarter of the content script's 20 KB budget, and these are its only use of it.
// The schemas in ./overlay.ts stay the source of the types and are what the background parses with;
// this must accept exactly what they accept and return what they would (unknown keys dropped), which
// tests/unit/messaging/overlay-guard.test.ts checks field by field. Type-only imports from ./overlay.ts,
// so no zod is bundled.

// A record, so that the compiler insists on every state and no other.
const STATES: Record<OverlayOrder['state'], true> = { unpaid: true, queuing: true };

const isNullableString = (value: unknown): value is string | null => value === null || isString(value);
const isMember = <T extends string>(members: Record<T, true>, value: unknown): value is T =>
  isString(value) && (members as Record<string, unknown>)[value] === true;
// The same list the schema's enum is made of.
const isNamedSource = (value: unknown): value is OverlayOrder['source'] =>
  (OVERLAY_NAMED_SOURCES as readonly unknown[]).includes(value);

function readOrder(value: unknown): OverlayOrder | null {
  if (!isFields(value)) return null;
  const { key, source, title, route, deadline, payUrl, state } = value;
  if (!isString(key) || !isNamedSource(source) || !isString(title) || !isNullableString(route)) return null;
  if (!(deadline === null || isNumber(deadline))) return null;
  if (!(payUrl === null || (isString(payUrl) && payUrl.startsWith('https://')))) return null;
  if (!isMember(STATES, state)) return null;
  return { key, source, title, route, deadline, payUrl, state };
}

function readOthers(value: unknown): OverlayOthers | null {
  if (!isFields(value)) return null;
  const { count, deadline } = value;
  if (!isNumber(count) || !(deadline === null || isNumber(deadline))) return null;
  return { count, deadline };
}

/** What `overlaySummarySchema.safeParse` would give, or null where it fails. */
export function readOverlaySummary(value: unknown): OverlaySummary | null {
  if (!isFields(value)) return null;
  const { enabled, collapsed, offsetMs, orders, reminderMinutes } = value;
  if (typeof enabled !== 'boolean' || typeof collapsed !== 'boolean' || !isNumber(offsetMs)) return null;
  const others = readOthers(value.others);
  if (!others) return null;
  if (!Array.isArray(orders)) return null;
  if (!Array.isArray(reminderMinutes)) return null;
  const minutes: number[] = [];
  for (let i = 0; i < reminderMinutes.length; i++) {
    const value = reminderMinutes[i] as unknown;
    if (!isNumber(value)) return null;
    minutes.push(value);
  }
  const read: OverlayOrder[] = [];
  // By index, not forEach or map: like zod, a hole in the array is an undefined order, not skipped.
  for (let i = 0; i < orders.length; i++) {
    const order = readOrder(orders[i]);
    if (!order) return null;
    read.push(order);
  }
  return { enabled, collapsed, offsetMs, orders: read, others, reminderMinutes: minutes };
}

/** What `overlayPushSchema.safeParse` would give, or null where it fails. */
export function readOverlayPush(value: unknown): OverlayPush | null {
  if (!isFields(value) || value.type !== 'overlay.summary') return null;
  const summary = readOverlaySummary(value.summary);
  return summary && { type: 'overlay.summary', summary };
}
