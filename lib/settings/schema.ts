import { z } from 'zod/mini';
import type { AlertKind } from '../alerts/alert-id';

// The user's settings: one object, validated on every read and write, stored versioned in
// storage.local (see lib/storage/items.ts). Nothing here is a secret, so it may be exported: the
// settings file (lib/settings/transfer.ts) holds every field of this schema. Secrets such as API keys
// must live in an item of their own, never in this schema.
//
// Changing the shape of a field means a new version: see lib/settings/migrations.ts.

export const MAX_REMINDERS = 5;
export const MAX_REMINDER_MINUTES = 120;

/** Reminder thresholds in whole minutes before the deadline, each 1–120, no repeats, at most 5. */
export const reminderMinutesSchema = z.array(z.int().check(z.minimum(1), z.maximum(MAX_REMINDER_MINUTES))).check(
  z.maxLength(MAX_REMINDERS),
  z.refine((minutes) => new Set(minutes).size === minutes.length, 'each reminder time once'),
);

/** Which kinds of notification to show; one switch per alert kind. */
export const notifySchema = z.object({
  found: z.boolean(),
  remind: z.boolean(),
  due: z.boolean(),
  gone: z.boolean(),
  loginExpired: z.boolean(),
} satisfies Record<AlertKind, unknown>);

export const settingsSchema = z.object({
  reminderMinutes: reminderMinutesSchema,
  notify: notifySchema,
  /** Play a short sound with each reminder (Chrome: offscreen document; Firefox: background page). */
  sound: z.boolean(),
  /** Show the countdown overlay on 12306 pages. */
  overlay: z.boolean(),
  /** Leave passenger names out of notifications, which can show on a lock screen. */
  maskPassengers: z.boolean(),
});
export type Settings = z.infer<typeof settingsSchema>;
