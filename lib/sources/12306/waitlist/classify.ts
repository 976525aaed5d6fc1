import { classifyServerWords, screenReply, type HttpResult } from '../classify';
import { excerpt } from '../../excerpt';
import { UnreadableOrderError, type Outcome } from '../../outcome';
import { waitlistQueueSchema } from './schemas';
import { readWaitlistQueue } from './to-orders';

// The waitlist query shares everything but its `data` with the main 12306 query: the same session,
// login redirects, busy pages and JSON envelope (screenReply). So a logged-out or busy 12306 reads
// the same here as there, and only the data is this source's own to read.

const isFalse = (flag: boolean | string | null | undefined) => flag === false || flag === 'false' || flag === 'N';

function readWaitlist(data: unknown, said: string, body: string): Outcome {
  // A logged-in reply with no data names no order: that is how 12306 says "nothing" to the main
  // query. That it says so the same way here is unconfirmed.
  if (data === undefined || data === null || data === '') return { kind: 'none', orders: [] };
  const parsed = waitlistQueueSchema.safeParse(data);
  if (!parsed.success) return { kind: 'unexpected', detail: excerpt(body, 'waitlist not understood: ') };
  const queue = parsed.data;

  if (isFalse(queue.flag)) {
    // The query failed; its reason, if any, is in `msg` (or the envelope's messages).
    const reason = excerpt(queue.msg ?? '') || said;
    return (
      classifyServerWords(reason) ?? { kind: 'unexpected', detail: reason || excerpt(body, 'waitlist query failed: ') }
    );
  }
  try {
    // A failed queue's reason may come in the envelope's messages instead of `msg`.
    return readWaitlistQueue(queue.msg || !said ? queue : { ...queue, msg: said });
  } catch (error) {
    if (error instanceof UnreadableOrderError) return { kind: 'unexpected', detail: excerpt(error.message) };
    throw error;
  }
}

/** Sorts any reply to the waitlist query into the same outcomes as the main 12306 query. */
export function classifyWaitlistReply(result: HttpResult): Outcome {
  const screened = screenReply(result);
  return screened.kind === 'understood' ? readWaitlist(screened.data, screened.said, screened.body) : screened;
}
