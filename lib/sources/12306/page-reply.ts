import { z } from 'zod/mini';
import { sampleFromDateHeader, type ClockSample } from '../../time/clock';
import { httpResultSchema, type HttpResult } from './classify';
import { PAGE_QUERY_NAMES } from './page-queries';

// The background's side of a query sent from a 12306 tab: the message it sends, and its reading of
// what comes back. The content script lives in 12306's page, so its answer is checked like any
// reply from outside; what does not fit is no answer at all, and the background's own outcome stands.

/** What `readPageQueryRequest` (./page-queries.ts) accepts; the content script has no zod. */
export const pageQueryRequestSchema = z.object({
  type: z.literal('12306.askFromPage'),
  query: z.enum(PAGE_QUERY_NAMES),
});
export type PageQueryRequest = z.infer<typeof pageQueryRequestSchema>;

/** What the tab answers: the network's reply, unread, and its `Date` header (./post.ts). */
export const pageReplySchema = z.object({ http: httpResultSchema, date: z.nullable(z.string()) });
export type PageReply = z.infer<typeof pageReplySchema>;

/**
 * A tab's answer as the background's own query would give it, or null when it is not one. The clock
 * sample spans the whole message round trip: wider than the request alone, so it narrows the learned
 * clock less, but it is never wrong.
 */
export function readPageReply(
  raw: unknown,
  sentAt: number,
  receivedAt: number,
): { http: HttpResult; clockSample: ClockSample | null } | null {
  const parsed = pageReplySchema.safeParse(raw);
  if (!parsed.success) return null;
  return { http: parsed.data.http, clockSample: sampleFromDateHeader(parsed.data.date, sentAt, receivedAt) };
}
