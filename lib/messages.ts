import { z } from 'zod/mini';

// Messages between the extension's own pages and its background. Both ends parse with these
// schemas; anything else is ignored.

export const requestSchema = z.discriminatedUnion('type', [
  /** The popup's "refresh" button: check every source now. */
  z.object({ type: z.literal('refresh') }),
]);
export type Request = z.infer<typeof requestSchema>;

export const refreshReplySchema = z.object({ ok: z.boolean() });
export type RefreshReply = z.infer<typeof refreshReplySchema>;
