import { post12306, type QueryOptions, type QueryResult } from '../client';
import { classifyWaitlistReply } from './classify';
import { PAGE_QUERIES } from '../page-queries';

/**
 * Asks 12306 for the user's waitlist order awaiting prepayment, with the browser's own 12306 session.
 * Its own request and outcome: a failing or unexpected waitlist reply never touches the main watch.
 */
export async function queryWaitlist(options: QueryOptions = {}): Promise<QueryResult> {
  const { http, clockSample } = await post12306(PAGE_QUERIES.waitlist, options);
  return { outcome: classifyWaitlistReply(http), clockSample };
}
