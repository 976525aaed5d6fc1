import { z } from 'zod/mini';
import {
  accountDraftSchema,
  accountIdSchema,
  MAX_ORDERS_PER_ADD,
  orderIdSchema,
} from '../sources/ticket-system/account';
import {
  removePushChannelRequestSchema,
  savePushChannelRequestSchema,
  testPushChannelRequestSchema,
  type PushTestResult,
  type SavePushChannelReply,
} from './push';

// Requests from the extension's own pages (popup, options) to its background, and the reply each
// gets (`Replies`). Both ends parse with these schemas; anything else is ignored. Content scripts
// never get to send these (the background checks the sender), and no reply ever carries a
// ticket-system key. The overlay's messages are in ./overlay.ts.

/** Mute, snooze or un-silence one order's reminders (popup; Chrome's notification buttons). */
export const silenceRequestSchema = z.object({
  type: z.literal('silence'),
  orderKey: z.string().check(z.minLength(1), z.maxLength(200)),
  action: z.enum(['mute', 'snooze', 'unmute']),
});
export type SilenceRequest = z.infer<typeof silenceRequestSchema>;

/**
 * The venue's KEY and the account's password, sent once from the options page to the background,
 * which derives the Hawk key from them, keeps only that, and forgets both.
 */
export const accountSecretSchema = z.object({
  key: z.string().check(z.minLength(1), z.maxLength(200)),
  password: z.string().check(z.minLength(1), z.maxLength(200)),
});
export type AccountSecret = z.infer<typeof accountSecretSchema>;

/** Add (`id` null) or change an account. `secret` null keeps the stored key (editing only). */
export const saveAccountRequestSchema = z.object({
  type: z.literal('account.save'),
  id: z.nullable(accountIdSchema),
  draft: accountDraftSchema,
  secret: z.nullable(accountSecretSchema),
});
export type SaveAccountRequest = z.infer<typeof saveAccountRequestSchema>;

/** Tries one order query with the form's values (or a saved account's key when `secret` is null). */
export const testAccountRequestSchema = z.object({
  type: z.literal('account.test'),
  id: z.nullable(accountIdSchema),
  draft: accountDraftSchema,
  secret: z.nullable(accountSecretSchema),
  orderId: z.string().check(z.maxLength(200)),
});
export type TestAccountRequest = z.infer<typeof testAccountRequestSchema>;

export const requestSchema = z.discriminatedUnion('type', [
  /** The popup's "refresh" button: check every source now. */
  z.object({ type: z.literal('refresh') }),
  silenceRequestSchema,
  saveAccountRequestSchema,
  z.object({ type: z.literal('account.remove'), id: accountIdSchema }),
  testAccountRequestSchema,
  /** Watch these orders of one account (pasted at once; already watched ones are left as they are). */
  z.object({
    type: z.literal('watch.add'),
    accountId: accountIdSchema,
    orderIds: z.array(orderIdSchema).check(z.minLength(1), z.maxLength(MAX_ORDERS_PER_ADD)),
  }),
  /** Stop watching one order (also "dismiss" for one that reached its final status). */
  z.object({ type: z.literal('watch.remove'), accountId: accountIdSchema, orderId: z.string().check(z.maxLength(64)) }),
  savePushChannelRequestSchema,
  removePushChannelRequestSchema,
  testPushChannelRequestSchema,
]);
export type Request = z.infer<typeof requestSchema>;

/** `ok`: for a refresh, whether the check reached 12306 logged in; otherwise, whether it was done. */
export const replySchema = z.object({ ok: z.boolean() });
export type Reply = z.infer<typeof replySchema>;

const draftProblemSchema = z.object({ field: z.string(), problem: z.string() });

export const saveAccountReplySchema = z.union([
  z.object({ ok: z.literal(true), id: accountIdSchema }),
  z.object({
    ok: z.literal(false),
    /** `draft`: see `problems`; `needSecret`: a new account needs its KEY and password; `unknown`: no such account. */
    error: z.enum(['draft', 'needSecret', 'unknown']),
    problems: z.array(draftProblemSchema),
  }),
]);
export type SaveAccountReply = z.infer<typeof saveAccountReplySchema>;

/** What a connection test found, the first thing that failed or the order it read. */
export const testResultSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('ok'),
    statusZh: z.string(),
    statusEn: z.string(),
    title: z.nullable(z.string()),
    /** The order's pay deadline (server clock), when it has one. */
    deadline: z.nullable(z.number()),
  }),
  z.object({ kind: z.literal('draft'), problems: z.array(draftProblemSchema) }),
  z.object({ kind: z.literal('needSecret') }),
  z.object({ kind: z.literal('needOrderId') }),
  /** The browser has not granted the venue's origin. */
  z.object({ kind: z.literal('noPermission'), origin: z.string() }),
  z.object({ kind: z.literal('offline'), detail: z.string() }),
  z.object({ kind: z.literal('timeout') }),
  /** The venue refused the signature: wrong KEY, password or Hawk id. */
  z.object({ kind: z.literal('badCredentials'), detail: z.string() }),
  /** Still refused as stale after correcting the clock once. */
  z.object({ kind: z.literal('clockSkew') }),
  /** Signed fine, but no such order for this account (or a personal member id is needed). */
  z.object({ kind: z.literal('notFound'), detail: z.string() }),
  /** The path template does not name a query this venue serves. */
  z.object({ kind: z.literal('noRoute'), detail: z.string() }),
  z.object({ kind: z.literal('venueError'), status: z.number(), message: z.string() }),
  z.object({ kind: z.literal('httpError'), status: z.number(), detail: z.string() }),
  z.object({ kind: z.literal('unexpected'), detail: z.string() }),
]);
export type TestResult = z.infer<typeof testResultSchema>;

export const watchAddReplySchema = z.object({
  ok: z.boolean(),
  added: z.number(),
  /** Already watched: left as they were. */
  already: z.number(),
});
export type WatchAddReply = z.infer<typeof watchAddReplySchema>;

/** The reply to each request, by its `type`: what ties a request to the one reply it gets. */
export interface Replies {
  refresh: Reply;
  silence: Reply;
  'account.save': SaveAccountReply;
  'account.remove': Reply;
  'account.test': TestResult;
  'watch.add': WatchAddReply;
  'watch.remove': Reply;
  'push.save': SavePushChannelReply;
  'push.remove': Reply;
  'push.test': PushTestResult;
}
export type RequestType = Request['type'];
export type RequestOf<T extends RequestType> = Extract<Request, { type: T }>;
export type ReplyTo<R extends Request> = Replies[R['type']];

// Every request has its reply, and no reply is listed for a request that does not exist.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _everyRequestReplied: Same<keyof Replies, RequestType> = true;
void _everyRequestReplied;
