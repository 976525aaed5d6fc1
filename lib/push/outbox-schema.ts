import { z } from 'zod/mini';
import { channelIdSchema } from './channel';
import { pushItemSchema } from './message';

// What waits to be pushed, per channel, kept in storage so a background stopped in between (Chrome
// stops idle service workers at will) sends it when it starts again.

export const channelOutboxSchema = z.object({
  /** Queued items, oldest first. */
  items: z.array(pushItemSchema),
  /** Failed attempts in a row: the backoff's exponent. */
  attempts: z.number(),
  /** No request before this instant (backoff, or the service's own Retry-After). */
  notBefore: z.number(),
  /** When the last requests went out: at most `REQUESTS_PER_MINUTE` in any minute, whatever happens. */
  requestTimes: z.array(z.number()),
});
export type ChannelOutbox = z.infer<typeof channelOutboxSchema>;

export const outboxSchema = z.record(channelIdSchema, channelOutboxSchema);
export type Outbox = z.infer<typeof outboxSchema>;

export const EMPTY_CHANNEL_OUTBOX: ChannelOutbox = { items: [], attempts: 0, notBefore: 0, requestTimes: [] };
