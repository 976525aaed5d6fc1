import type { HttpReply } from '../service';
import { excerpt } from '../../sources/excerpt';

// What a service says back may echo what it was sent: DingTalk names the caller's IP when it is not
// on the robot's allow-list, and a webhook receiver's error page may quote the request path, token
// and all. A verdict sees only the reply, not the secrets, so it blots out whatever could be either
// before the reply is shown or kept. Redacted before it is cut short, so no piece of a token is left.

const IPV4 = /\b\d{1,3}(?:\.\d{1,3}){3}\b/g;
// Tokens and keys are long unbroken runs (DingTalk: 64 hex, Feishu: a UUID, webhook paths: anything);
// the services' messages are words, none of them 20 characters long.
const TOKEN = /[\w-]{20,}/g;

/** The text with IP addresses and token-like runs replaced by "…". */
export const redact = (text: string): string => text.replace(IPV4, '…').replace(TOKEN, '…');

/** "310000: sign not match": the service's code and words, redacted, short, plain text. */
export const redactedSaid = (code: unknown, said: string): string => excerpt(redact(said), `${String(code)}: `);

/** "HTTP 404: Cannot POST /hooks/…": the status and the body, redacted, short, plain text. */
export const redactedReply = (reply: HttpReply): string => excerpt(redact(reply.body), `HTTP ${reply.status}: `);
