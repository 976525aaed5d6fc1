import { useEffect, useState } from 'preact/hooks';

// One timer for every countdown on a page: each subscriber re-renders on the same tick, and no
// component owns an interval of its own. The tick lands just after the server's second changes
// (`setTickPhase` with the server clock offset), so a countdown turns at the true instant.

const subscribers = new Set<() => void>();
let timer: ReturnType<typeof setTimeout> | undefined;
let phaseMs = 0;

const LATE_BY_MS = 15; // tick just after the boundary, never just before it

function scheduleTick() {
  const intoSecond = (((Date.now() + phaseMs) % 1000) + 1000) % 1000;
  timer = setTimeout(
    () => {
      for (const subscriber of subscribers) subscriber();
      scheduleTick();
    },
    1000 - intoSecond + LATE_BY_MS,
  );
}

/** Align ticks with a server clock that is `offsetMs` ahead of the local one. */
export function setTickPhase(offsetMs: number): void {
  phaseMs = offsetMs;
}

export function subscribeTick(subscriber: () => void): () => void {
  subscribers.add(subscriber);
  if (timer === undefined) scheduleTick();
  return () => {
    subscribers.delete(subscriber);
    if (subscribers.size === 0) {
      clearTimeout(timer);
      timer = undefined;
    }
  };
}

/** The local time, refreshed by the shared ticker. */
export function useNow(): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => subscribeTick(() => setNow(Date.now())), []);
  return now;
}
