import { z } from 'zod/mini';

// A push channel: one place the user's alerts are forwarded to (a phone app, a group chat, a
// webhook). Everything in `PushChannel` may be shown in the settings page and the popup; the
// channel's secrets (keys, tokens, signing secrets, URLs that carry a token) are kept apart, in the
// background's own item (lib/storage/stored.ts, `pushSecrets`), like a venue account's key.

export const PUSH_SERVICE_IDS = [
  'bark',
  'serverchan',
  'pushplus',
  'ntfy',
  'dingtalk',
  'wecom',
  'feishu',
  'telegram',
  'webhook',
] as const;
export const pushServiceIdSchema = z.enum(PUSH_SERVICE_IDS);
export type PushServiceId = z.infer<typeof pushServiceIdSchema>;

export const channelIdSchema = z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[\w-]+$/));

/**
 * What a channel forwards. Reminders by their minutes before the deadline (among the user's own
 * reminder minutes: a channel may forward the 5- and 1-minute ones and not the 10-minute one).
 */
export const pushKindsSchema = z.object({
  remind: z.array(z.number().check(z.int(), z.minimum(1), z.maximum(120))).check(z.maxLength(10)),
  due: z.boolean(),
  loginExpired: z.boolean(),
  found: z.boolean(),
  gone: z.boolean(),
});
export type PushKinds = z.infer<typeof pushKindsSchema>;

/** The default: the 5- and 1-minute reminders, deadline passed, login expired. */
export const DEFAULT_PUSH_KINDS: PushKinds = {
  remind: [5, 1],
  due: true,
  loginExpired: true,
  found: false,
  gone: false,
};

const text = (max: number) => z.string().check(z.maxLength(max));

/** A service's fields that are not secret (a self-hosted base URL, a Telegram chat id, a keyword). */
export const publicFieldsSchema = z.record(z.string().check(z.maxLength(40)), text(500));
/** A service's secret fields by name: sent once from the settings page, then never read back. */
export const secretFieldsSchema = z.record(z.string().check(z.maxLength(40)), text(2000));

/** What the user types in the channel form, before it is checked (secrets travel apart). */
export const channelDraftSchema = z.object({
  label: text(60),
  service: pushServiceIdSchema,
  kinds: pushKindsSchema,
  /** Add the amount to pay to each message (off: amounts are the user's business). */
  includeAmount: z.boolean(),
  fields: publicFieldsSchema,
});
export type ChannelDraft = z.infer<typeof channelDraftSchema>;

/** A checked, stored channel. */
export const pushChannelSchema = z.object({
  ...channelDraftSchema.shape,
  id: channelIdSchema,
  /** The match patterns the channel sends to (asked for with `permissions.request` when saved). */
  originPatterns: z.array(z.string().check(z.maxLength(300))).check(z.minLength(1), z.maxLength(4)),
  /** The secret's last characters ("…3f9a"), so the user can tell two keys apart without seeing one. */
  secretHint: text(20),
});
export type PushChannel = z.infer<typeof pushChannelSchema>;

/**
 * How a channel fares. `refused`: the service refused the key or token by its own error code;
 * nothing more is sent until the user saves the channel again (a new key) or a test succeeds.
 * `failing`: the last attempt failed and is being retried.
 */
export const channelHealthSchema = z.enum(['ok', 'failing', 'refused']);
export type ChannelHealth = z.infer<typeof channelHealthSchema>;

/** The last thing a service answered, as shown in the settings page (text, never HTML). */
export const pushResultSchema = z.object({
  at: z.number(),
  outcome: z.enum(['sent', 'retry', 'refused', 'rejected', 'dropped']),
  /** HTTP status, or null when no reply came (timeout, network). */
  httpStatus: z.nullable(z.number()),
  /** The service's own words (an excerpt of its reply), or what went wrong on the way. */
  detail: text(400),
});
export type PushResult = z.infer<typeof pushResultSchema>;

export const channelStatusSchema = z.object({
  health: channelHealthSchema,
  last: z.nullable(pushResultSchema),
});
export type ChannelStatus = z.infer<typeof channelStatusSchema>;
