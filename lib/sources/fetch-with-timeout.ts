// One way for every source to give up on a request, so that each tells a request that ran out of
// time from one the network failed alike. Read by the content script too (lib/sources/12306/post.ts):
// no zod here.

/** No reply came: the time ran out, or the network failed the request. */
export type NoReply = { kind: 'timeout' } | { kind: 'offline'; detail: string };

/**
 * Sends a request and reads its reply with `send`, all within `timeoutMs`. A failure once the time
 * has run out is a timeout; any other is the network's.
 */
export async function fetchWithTimeout<T>(
  send: (signal: AbortSignal) => Promise<T>,
  timeoutMs: number,
): Promise<T | NoReply> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    return await send(controller.signal);
  } catch (error) {
    return controller.signal.aborted
      ? { kind: 'timeout' }
      : { kind: 'offline', detail: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
