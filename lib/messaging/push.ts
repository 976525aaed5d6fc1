import { z } from 'zod/mini';
import { channelDraftSchema, channelIdSchema, pushResultSchema, secretFieldsSchema } from '../push/channel';

// The settings page's requests about push channels, and their replies (joined into pages.ts's
// `requestSchema`). Secrets travel one way only: from the page to the background, in `secrets`.

/** Add (`id` null) or change a channel. `secrets` null keeps the stored ones (editing only). */
export const savePushChannelRequestSchema = z.object({
  type: z.literal('push.save'),
  id: z.nullable(channelIdSchema),
  draft: channelDraftSchema,
  secrets: z.nullable(secretFieldsSchema),
});
export type SavePushChannelRequest = z.infer<typeof savePushChannelRequestSchema>;

/** Sends a test message with the form's values (or a saved channel's secrets when `secrets` is null). */
export const testPushChannelRequestSchema = z.object({
  type: z.literal('push.test'),
  id: z.nullable(channelIdSchema),
  draft: channelDraftSchema,
  secrets: z.nullable(secretFieldsSchema),
});
export type TestPushChannelRequest = z.infer<typeof testPushChannelRequestSchema>;

export const removePushChannelRequestSchema = z.object({ type: z.literal('push.remove'), id: channelIdSchema });

const fieldProblemSchema = z.object({
  field: z.string(),
  problem: z.enum(['missing', 'invalid', 'notHttps', 'wrongHost']),
});

export const savePushChannelReplySchema = z.union([
  z.object({ ok: z.literal(true), id: channelIdSchema }),
  z.object({
    ok: z.literal(false),
    /**
     * `draft`: see `problems`; `needSecret`: a new channel needs its secrets (`problems` names them);
     * `unknown`: no such channel; `noPermission`: the browser has not granted a host the channel sends to.
     */
    error: z.enum(['draft', 'needSecret', 'unknown', 'noPermission']),
    problems: z.array(fieldProblemSchema),
  }),
]);
export type SavePushChannelReply = z.infer<typeof savePushChannelReplySchema>;

/** What a test send found: the service's answer, or why nothing was sent. */
export const pushTestResultSchema = z.discriminatedUnion('kind', [
  /** The service answered (or did not, in time): exactly what it said. */
  z.object({ kind: z.literal('answered'), result: pushResultSchema }),
  z.object({ kind: z.literal('draft'), problems: z.array(fieldProblemSchema) }),
  z.object({ kind: z.literal('needSecret') }),
  /** The browser has not granted the service's origin. */
  z.object({ kind: z.literal('noPermission'), origin: z.string() }),
  /** Nothing sent: the channel had its share of requests this minute (lib/push/outbox.ts). */
  z.object({ kind: z.literal('limited'), waitSeconds: z.number() }),
]);
export type PushTestResult = z.infer<typeof pushTestResultSchema>;
