import type { PushServiceId } from './channel';
import type { PushMessage } from './message';

// What every push service provides (one file each in ./services/, listed in ./services/index.ts).
// Each is pure: it builds the request and reads the reply; the background sends it. Each cites the
// service's own documentation (see docs/push-research/ for what was found and how sure it is).

export interface FieldSpec {
  name: string;
  /** Kept in the background only, never shown back (a key, a token, a URL carrying a token). */
  secret: boolean;
  required: boolean;
  kind: 'url' | 'text';
  /** Filled in for a new channel (the official server's base URL). */
  initial?: string;
}

export interface FieldProblem {
  field: string;
  problem: 'missing' | 'invalid' | 'notHttps' | 'wrongHost';
}

export interface CheckedFields {
  /** The match patterns the channel sends to: `https://host/*` (ports are not part of patterns). */
  originPatterns: string[];
  /** The last few characters of the main secret ("…3f9a"); '' when the channel has none. */
  secretHint: string;
}

export interface HttpRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

export interface HttpReply {
  status: number;
  body: string;
  /** The `Retry-After` header, when there was one. */
  retryAfter: string | null;
}

/**
 * What a reply means. `retry`: try again later (timeouts, 5xx, 429, the service's "busy");
 * `refused`: the service refused the key or token by its own error code, so the channel stops;
 * `rejected`: the service will never take this message (a missing keyword, a malformed body):
 * it is dropped and the channel goes on.
 */
export type ServiceVerdict =
  /** `detail`: what to keep instead of the reply, for a service whose reply echoes a secret (ntfy's topic). */
  | { outcome: 'sent'; detail?: string }
  | { outcome: 'retry'; detail: string; retryAfterMs?: number }
  | { outcome: 'refused'; detail: string }
  | { outcome: 'rejected'; detail: string };

export type Fields = Readonly<Record<string, string>>;

export interface PushService {
  id: PushServiceId;
  /** The documentation each request and verdict follows. */
  docs: readonly string[];
  fields: readonly FieldSpec[];
  /** The fields' problems, or what the channel needs (origins, hint). */
  check(fields: Fields, secrets: Fields): FieldProblem[] | CheckedFields;
  /** Most characters one message's body may have; more items are split into more messages. */
  maxBodyChars: number;
  request(message: PushMessage, fields: Fields, secrets: Fields): HttpRequest;
  verdict(reply: HttpReply): ServiceVerdict;
}
