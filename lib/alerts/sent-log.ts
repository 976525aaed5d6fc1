import { z } from 'zod/mini';

// Alert id → local time it was shown (or deliberately skipped). Entries outlive any pay window by
// far, then are dropped so the log stays small.

export const sentLogSchema = z.record(z.string(), z.number());
export type SentLog = z.infer<typeof sentLogSchema>;

export const SENT_LOG_RETENTION_MS = 3 * 24 * 60 * 60 * 1000;

export function markSent(log: SentLog, ids: readonly string[], now: number): SentLog {
  if (ids.length === 0) return log;
  const next: SentLog = {};
  for (const [id, at] of Object.entries(log)) if (now - at <= SENT_LOG_RETENTION_MS) next[id] = at;
  for (const id of ids) next[id] ??= now;
  return next;
}
