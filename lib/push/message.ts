import { z } from 'zod/mini';
import type { AlertKind } from '../alerts/alert-id';
import { sourceIdSchema } from '../orders/model';

// What a push says. Built from the same notices the browser shows (lib/alerts/notices.ts), so a push
// says what the notification says: train or ticket, route, minutes left, deadline in Beijing time.

const text = (max: number) => z.string().check(z.maxLength(max));

/** One order an alert is about, for services that take structured data (the webhook). */
export const pushOrderSchema = z.object({
  source: sourceIdSchema,
  orderId: text(200),
  /** Train number, or the venue ticket's title. */
  title: text(300),
  route: z.nullable(text(300)),
  /** Absolute instant (server clock), or null while queuing. */
  deadline: z.nullable(z.number()),
  /** The server's clock minus the local one, so minutes left count on the server's clock. */
  clockOffsetMs: z.number(),
  /** Only when the user turned passenger masking off; otherwise empty. */
  passengers: z.array(text(100)),
  /** Only when the channel includes amounts; otherwise null. */
  amountYuan: z.nullable(z.number()),
  payUrl: text(2000),
});
export type PushOrder = z.infer<typeof pushOrderSchema>;

export const alertKindSchema = z.enum(['found', 'remind', 'due', 'gone', 'loginExpired']);

/** One alert (one notice), as queued for a channel. */
export const pushItemSchema = z.object({
  /** The alert ids this item fulfils (a notice may stand for several). */
  alertIds: z.array(text(400)).check(z.minLength(1)),
  kind: alertKindSchema,
  /** The notice's title: "还有 5 分钟支付" / "Pay within 5 min". */
  headline: text(300),
  /** The notice's message: "G101 北京南 → 上海虹桥 · … · 截止 14:05". */
  text: text(1000),
  /** Where a tap leads: the pay page (or the login or settings page). */
  url: text(2000),
  orders: z.array(pushOrderSchema),
  /** After this instant (local clock) the item is no longer worth sending: it is dropped. */
  usefulUntil: z.number(),
});
export type PushItem = z.infer<typeof pushItemSchema>;

/** One request's worth: a single item, or several merged when they fall due together. */
export interface PushMessage {
  /** Short: the item's headline, or "3 条 PayClock 提醒". */
  title: string;
  /** Plain text, one line per item, within the service's `maxBodyChars`. */
  body: string;
  /** The first (most pressing) item's url. */
  url: string;
  /** A reminder or deadline: services with an urgency level get their highest polite one. */
  urgent: boolean;
  items: PushItem[];
  /** When the message is sent (local clock), for signatures and the webhook's `sentAt`. */
  sentAt: number;
  /** A "Send test" message from the settings page. */
  test: boolean;
}

// The schema's kinds are the alerts' kinds, no more and no fewer.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _sameKinds: Same<PushItem['kind'], AlertKind> = true;
void _sameKinds;
