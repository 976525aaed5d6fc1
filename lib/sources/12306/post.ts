import { fetchWithTimeout } from '../fetch-with-timeout';
import type { HttpResult } from './classify';
import type { PostRequest } from './page-queries';
import type { PageReply } from './page-reply';

// Sending one 12306 query and reading what the network said, shared by the background and by a
// 12306 tab asked to send it from the page (the content script: no zod here, so the imports above
// are types only, or zod-free).

export const QUERY_TIMEOUT_MS = 20_000;

/** What the network said, unread, with the reply's `Date` header (12306's clock). */
export type PostResult = PageReply;

export interface PostOptions {
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  /** Gives up after this long. */
  timeoutMs: number;
  /** The page the request is sent from, where the sender may name it (a 12306 tab may; the background may not). */
  referrer?: string;
}

/**
 * One POST with the browser's own 12306 cookies (`credentials: 'include'` lets the browser attach
 * them; the extension never sees them), following redirects: a logged-out query arrives as the
 * login page it was sent to.
 */
export async function sendPost(request: PostRequest, options: PostOptions): Promise<PostResult> {
  // Kept even when the body then fails to arrive: the headers alone still tell the server's time.
  let date: string | null = null;
  const http = await fetchWithTimeout(async (signal): Promise<HttpResult> => {
    const response = await options.fetch(request.url, {
      method: 'POST',
      body: request.body,
      headers: request.headers,
      credentials: 'include',
      cache: 'no-store',
      redirect: 'follow',
      signal,
      ...(options.referrer ? { referrer: options.referrer } : {}),
    });
    date = response.headers.get('date');
    return {
      kind: 'reply',
      status: response.status,
      redirected: response.redirected,
      url: response.url,
      contentType: response.headers.get('content-type') ?? '',
      body: await response.text(),
    };
  }, options.timeoutMs);
  return { http, date };
}
