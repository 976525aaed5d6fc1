import { z } from 'zod/mini';

// Messages between the extension's own pages and its background. Both ends parse with these
// schemas; anything else is ignored.

/** Mute, snooze or un-silence one order's reminders (popup; Chrome's notification buttons). */
export const silenceRequestSchema = z.object({
  type: z.literal('silence'),
  orderKey: z.string().check(z.minLength(1), z.maxLength(200)),
  action: z.enum(['mute', 'snooze', 'unmute']),
});
export type SilenceRequest = z.infer<typeof silenceRequestSchema>;

export const requestSchema = z.discriminatedUnion('type', [
  /** The popup's "refresh" button: check every source now. */
  z.object({ type: z.literal('refresh') }),
  silenceRequestSchema,
]);
export type Request = z.infer<typeof requestSchema>;

/** `ok`: for a refresh, whether the check reached 12306 logged in; otherwise, whether it was done. */
export const replySchema = z.object({ ok: z.boolean() });
export type Reply = z.infer<typeof replySchema>;
