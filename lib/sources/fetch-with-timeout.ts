// One way for every source to give up on a request, so that each tells a request that ran out of
// time from one the network failed alike. Read by the content script too (lib/sources/12306/post.ts):
// no zod here.

/** No reply came: the time ran out, or the network failed the request. */
export type NoReply = { kind: 'timeout' } | { kind: 'offline'; detail: string };

/**
 * One fetch whose reply is read by `read`, all within `timeoutMs` (null: no limit here, for a caller
 * that keeps its own time). A failure once the time has run out is a timeout; any other is the
 * network's.
 */
export async function fetchWithTimeout<T>(
  doFetch: (url: string, init: RequestInit) => Promise<Response>,
  url: string,
  init: RequestInit,
  timeoutMs: number | null,
  read: (response: Response) => Promise<T>,
): Promise<T | NoReply> {
  const controller = timeoutMs === null ? null : new AbortController();
  const timer = controller && setTimeout(() => controller.abort(), timeoutMs!);
  try {
    const response = await doFetch(url, controller ? { ...init, signal: controller.signal } : init);
    return await read(response);
  } catch (error) {
    return controller?.signal.aborted
      ? { kind: 'timeout' }
      : { kind: 'offline', detail: error instanceof Error ? error.message : String(error) };
  } finally {
    if (timer !== null) clearTimeout(timer);
  }
}
