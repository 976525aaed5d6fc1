import { z } from 'zod/mini';
import type { Order } from '../../orders/model';
import { excerpt, plainText } from '../excerpt';
import { UnreadableOrderError, type Outcome } from '../outcome';
import { envelopeSchema, replyDataSchema } from './schemas';
import { queuedOrderToOrder, unpaidOrderToOrder } from './to-orders';

/**
 * What the network gave us for one query, before we make sense of it. A schema because a 12306 tab
 * may send the query instead of the background (./page-reply.ts), and its answer is checked.
 */
export const httpResultSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('reply'),
    status: z.number().check(z.int(), z.gte(100), z.lte(599)),
    redirected: z.boolean(),
    url: z.string(),
    contentType: z.string(),
    body: z.string(),
  }),
  z.object({ kind: z.literal('timeout') }),
  z.object({ kind: z.literal('offline'), detail: z.string() }),
]);
export type HttpResult = z.infer<typeof httpResultSchema>;

const LOGIN_WORDS = ['用户未登录', '未登录', '请登录', '登录超时'];
const BUSY_WORDS = ['网络繁忙', '系统忙', '系统繁忙', '请稍后重试', '访问太频繁', '请求过于频繁', '系统维护'];
const REFUSED_WORDS = ['非法请求', '拒绝访问', '禁止访问', 'Access Denied', 'Forbidden'];

const LOGIN_PATHS = ['/otn/passport', '/otn/login/userLogin', '/otn/resources/login.html', '/otn/login/init'];
const ERROR_PAGES = ['/otn/login/error', '/logFiles/error.html'];

/** The detail of a reply redirected to 12306's error page: busy, or refused by the firewall before it. */
export const ERROR_PAGE_DETAIL = 'redirected to error page';

const mentions = (text: string, words: readonly string[]) => words.some((word) => text.includes(word));

function classifyByFinalUrl(url: string): Outcome | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  if (LOGIN_PATHS.some((prefix) => path.startsWith(prefix)))
    return { kind: 'loggedOut', detail: 'redirected to login' };
  if (ERROR_PAGES.some((suffix) => path.endsWith(suffix))) return { kind: 'busy', detail: ERROR_PAGE_DETAIL };
  return null;
}

function classifyHtml(body: string): Outcome {
  // Only visible text counts: the login page's own scripts mention 网络繁忙 too.
  const text = plainText(body);
  if (mentions(text, BUSY_WORDS)) return { kind: 'busy', detail: excerpt(text) };
  if (mentions(text, REFUSED_WORDS)) return { kind: 'rejected', detail: excerpt(text) };
  // 12306 answers an unauthenticated API call with its login page.
  return { kind: 'loggedOut', detail: 'HTML page instead of JSON' };
}

function messagesText(messages: unknown): string {
  if (typeof messages === 'string') return messages;
  if (Array.isArray(messages)) return messages.filter((m): m is string => typeof m === 'string').join('；');
  return '';
}

/**
 * What the server's own words say about a failure (logged out, busy, refused), or null when they say
 * none of these. Shared by every 12306 query: each words its messages the same way.
 */
export function classifyServerWords(said: string): Outcome | null {
  if (mentions(said, LOGIN_WORDS)) return { kind: 'loggedOut', detail: said || 'login required' };
  if (mentions(said, BUSY_WORDS)) return { kind: 'busy', detail: said };
  if (mentions(said, REFUSED_WORDS)) return { kind: 'rejected', detail: said };
  return null;
}

/** A logged-in JSON reply with `status: true`, its `data` left for the query's own reader. */
export interface UnderstoodReply {
  kind: 'understood';
  data: unknown;
  /** The server's `messages` as short plain text ('' when none). */
  said: string;
  body: string;
}

function screenJson(body: string): Outcome | UnderstoodReply {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { kind: 'unexpected', detail: excerpt(body, 'not JSON: ') };
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) return { kind: 'unexpected', detail: excerpt(body, 'unknown reply: ') };
  const { status, url, messages, data } = envelope.data;
  // Server messages can carry markup (a link to the orders page) and run long.
  const said = excerpt(messagesText(messages));

  // The old logged-out form says status:true, so login is checked before success.
  if ((url ?? '').includes('login')) return { kind: 'loggedOut', detail: said || 'login required' };
  const failure = classifyServerWords(said);
  if (failure) return failure;
  if (status !== true) return { kind: 'unexpected', detail: said || excerpt(body, 'unknown reply: ') };
  return { kind: 'understood', data, said, body };
}

function readOrders(data: unknown, body: string): Outcome {
  if (data === undefined || data === null || data === '') return { kind: 'none', orders: [] };
  const parsed = replyDataSchema.safeParse(data);
  // Data holding neither a list nor a queued order (`orderDBList: null` included) is not "nothing
  // unfinished", which comes with no data at all, but something we do not know; reading it as empty
  // would report every order as gone.
  if (!parsed.success || (!Array.isArray(parsed.data.orderDBList) && !parsed.data.orderCacheDTO)) {
    return { kind: 'unexpected', detail: excerpt(body, 'orders not understood: ') };
  }

  let unpaid: Order[];
  try {
    unpaid = (parsed.data.orderDBList ?? []).flatMap((order) => unpaidOrderToOrder(order) ?? []);
  } catch (error) {
    if (error instanceof UnreadableOrderError) return { kind: 'unexpected', detail: excerpt(error.message) };
    throw error;
  }
  const queued = parsed.data.orderCacheDTO ? [queuedOrderToOrder(parsed.data.orderCacheDTO)] : [];
  if (unpaid.length > 0) return { kind: 'unpaid', orders: [...unpaid, ...queued] };
  if (queued.length > 0) return { kind: 'queuing', orders: queued };
  return { kind: 'none', orders: [] };
}

/**
 * Everything 12306's JSON queries share (shared/api-notes.md): redirects to the login or error
 * pages, HTTP status, empty and HTML bodies, the JSON envelope and the words in its `messages`.
 * Returns the outcome when that much decides it, otherwise the reply's `data` for the query's own
 * reader, so every query treats a logged-out or busy 12306 the same way.
 */
export function screenReply(result: HttpResult): Outcome | UnderstoodReply {
  if (result.kind !== 'reply') return result;
  const { status, redirected, url, contentType, body } = result;

  if (redirected) {
    const byUrl = classifyByFinalUrl(url);
    if (byUrl) return byUrl;
  }
  if (status === 403) return { kind: 'rejected', detail: excerpt(body, 'HTTP 403 ') };
  if (status === 429 || status >= 500) return { kind: 'busy', detail: `HTTP ${status}` };
  if (status < 200 || status >= 300) return { kind: 'unexpected', detail: excerpt(body, `HTTP ${status} `) };
  if (body.trim() === '') return { kind: 'busy', detail: 'empty reply' };
  if (/html/i.test(contentType) || body.trimStart().startsWith('<')) return classifyHtml(body);
  return screenJson(body);
}

/** Sorts any reply to the unfinished-orders query into one outcome (shared/api-notes.md). */
export function classifyReply(result: HttpResult): Outcome {
  const screened = screenReply(result);
  return screened.kind === 'understood' ? readOrders(screened.data, screened.body) : screened;
}
