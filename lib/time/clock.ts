import { z } from 'zod/mini';

// Countdowns must follow the server's clock: a user whose computer is two minutes slow would
// otherwise be told they still have two minutes after 12306 has cancelled the order.
//
// A `Date` header only has whole seconds, so one reply says the offset (server minus local) lies in
//   [date - receivedAt, date + 1000 - sentAt].
// Intersecting the intervals of recent replies narrows that to well under a second. When a new
// interval does not meet the others, one of the clocks has jumped (the user set their clock, the
// machine slept): older samples are dropped and learning starts again from the newest.

export const clockSampleSchema = z.object({ lo: z.number(), hi: z.number(), at: z.number() });
export const clockSchema = z.object({ offsetMs: z.number(), samples: z.array(clockSampleSchema) });

export type ClockSample = z.infer<typeof clockSampleSchema>;
export type Clock = z.infer<typeof clockSchema>;

export const LOCAL_CLOCK: Clock = { offsetMs: 0, samples: [] };

const MAX_SAMPLES = 8;
const MAX_SAMPLE_AGE_MS = 6 * 60 * 60 * 1000;

/** One reply's bounds on the offset, or null when the header is missing or unreadable. */
export function sampleFromDateHeader(
  dateHeader: string | null | undefined,
  sentAt: number,
  receivedAt: number,
): ClockSample | null {
  if (!dateHeader) return null;
  const serverSecond = Date.parse(dateHeader);
  if (Number.isNaN(serverSecond) || receivedAt < sentAt) return null;
  return { lo: serverSecond - receivedAt, hi: serverSecond + 1000 - sentAt, at: receivedAt };
}

/** A sample from a server clock reading with millisecond precision (e.g. 12306's `login/conf` `now`). */
export function sampleFromServerMillis(serverMs: number, sentAt: number, receivedAt: number): ClockSample {
  return { lo: serverMs - receivedAt, hi: serverMs - sentAt, at: receivedAt };
}

export function learnClock(clock: Clock, sample: ClockSample): Clock {
  const recent = clock.samples.filter((s) => sample.at - s.at <= MAX_SAMPLE_AGE_MS && s.at <= sample.at);
  const kept: ClockSample[] = [sample];
  let lo = sample.lo;
  let hi = sample.hi;
  for (const older of [...recent].reverse()) {
    if (kept.length >= MAX_SAMPLES) break;
    const nextLo = Math.max(lo, older.lo);
    const nextHi = Math.min(hi, older.hi);
    if (nextLo > nextHi) break;
    lo = nextLo;
    hi = nextHi;
    kept.unshift(older);
  }
  return { offsetMs: Math.round((lo + hi) / 2), samples: kept };
}

/** The server's time now, as best we know it. */
export function serverNow(clock: Pick<Clock, 'offsetMs'>, localNow: number): number {
  return localNow + clock.offsetMs;
}

/** The local instant at which the server's clock will read `serverInstant` (for alarms). */
export function toLocalInstant(clock: Pick<Clock, 'offsetMs'>, serverInstant: number): number {
  return serverInstant - clock.offsetMs;
}
