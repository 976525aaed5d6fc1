/**
 * A token bucket: up to `capacity` actions at once, then one per `refillMs`. Checks that something
 * outside the extension can set off (a page's script changing cookies, a page reloading) take a
 * token each, so no page can make PayClock hammer a server however fast it fires.
 */
export interface TokenBucketOptions {
  capacity: number;
  refillMs: number;
}

export function createTokenBucket({ capacity, refillMs }: TokenBucketOptions, now: () => number) {
  if (!(capacity >= 1) || !(refillMs > 0)) throw new RangeError('capacity ≥ 1 and refillMs > 0');
  let tokens = capacity;
  let at = now();

  const refill = () => {
    const current = now();
    // A clock that went back (the user set it) refills nothing rather than draining the bucket.
    tokens = Math.min(capacity, tokens + Math.max(0, current - at) / refillMs);
    at = current;
  };

  return {
    /** Takes a token if one is there; false, and nothing taken, when the bucket is empty. */
    take(): boolean {
      refill();
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
    /** Milliseconds until a token is there (0 when one is). */
    waitMs(): number {
      refill();
      return tokens >= 1 ? 0 : Math.ceil((1 - tokens) * refillMs);
    },
  };
}

export type TokenBucket = ReturnType<typeof createTokenBucket>;
