import { z } from 'zod/mini';

// Orders whose reminders the user silenced from the popup or a notification: muted for good, or
// snoozed until a moment. Only reminders are silenced; "deadline passed", "no longer pending" and
// "login expired" still come, because missing those costs money.

/** How one order is silenced. */
export const quietEntrySchema = z.union([
  z.object({ kind: z.literal('muted') }),
  z.object({ kind: z.literal('snoozed'), until: z.number() }),
]);

export const quietSchema = z.record(
  z.string(), // order key
  quietEntrySchema,
);
export type QuietOrders = z.infer<typeof quietSchema>;

export const SNOOZE_MINUTES = 5;

/** Whether a reminder for `orderKey` due at local instant `at` should stay silent. */
export function isQuiet(quiet: QuietOrders, orderKey: string, at: number): boolean {
  const entry = quiet[orderKey];
  if (!entry) return false;
  return entry.kind === 'muted' || at < entry.until;
}

export function mute(quiet: QuietOrders, orderKey: string): QuietOrders {
  return { ...quiet, [orderKey]: { kind: 'muted' } };
}

export function snooze(quiet: QuietOrders, orderKey: string, now: number, minutes = SNOOZE_MINUTES): QuietOrders {
  return { ...quiet, [orderKey]: { kind: 'snoozed', until: now + minutes * 60_000 } };
}

export function unquiet(quiet: QuietOrders, orderKey: string): QuietOrders {
  const { [orderKey]: _removed, ...rest } = quiet;
  return rest;
}

/** Drops entries for orders no longer known, so the record does not grow forever. */
export function pruneQuiet(quiet: QuietOrders, knownKeys: ReadonlySet<string>): QuietOrders {
  return Object.fromEntries(Object.entries(quiet).filter(([key]) => knownKeys.has(key)));
}
