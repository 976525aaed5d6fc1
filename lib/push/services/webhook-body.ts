import { z } from 'zod/mini';
import { alertKindSchema, type PushMessage, type PushOrder } from '../message';
import { sourceIdSchema } from '../../orders/model';

// The generic webhook's body: version 1 of a contract that receivers code against, documented for
// them in docs/webhook.md. A change that could break a receiver is a new `version`, never an edit.
// Times are ISO 8601 in Beijing time (+08:00), the zone 12306 and the venues state deadlines in.

const BEIJING_OFFSET_MS = 8 * 60 * 60_000;
/** `2026-12-05T14:04:30+08:00`; whole seconds. */
const ISO_BEIJING = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;

const orderSchema = z.strictObject({
  source: sourceIdSchema,
  orderId: z.string(),
  title: z.string(),
  route: z.nullable(z.string()),
  deadline: z.nullable(z.string().check(z.regex(ISO_BEIJING))),
  minutesLeft: z.nullable(z.int().check(z.minimum(0))),
  passengers: z.array(z.string()),
  amountYuan: z.nullable(z.number()),
  payUrl: z.string(),
});

const alertSchema = z.strictObject({
  kind: alertKindSchema,
  headline: z.string(),
  text: z.string(),
  url: z.string(),
  orders: z.array(orderSchema),
});

export const webhookBodySchema = z.strictObject({
  type: z.literal('payclock.alerts'),
  version: z.literal(1),
  sentAt: z.string().check(z.regex(ISO_BEIJING)),
  test: z.boolean(),
  title: z.string(),
  text: z.string(),
  url: z.string(),
  alerts: z.array(alertSchema),
});
export type WebhookBody = z.infer<typeof webhookBodySchema>;

/** An instant as Beijing wall-clock time with its offset, to the second. */
export function beijingIso(instant: number): string {
  const shifted = new Date(Math.floor(instant / 1000) * 1000 + BEIJING_OFFSET_MS).toISOString();
  return `${shifted.slice(0, 19)}+08:00`;
}

/** Whole minutes left at `at`, rounded up as the countdown shows them; 0 once the deadline passed. */
export const minutesLeft = (deadline: number, at: number): number => Math.max(0, Math.ceil((deadline - at) / 60_000));

function order(item: PushOrder, at: number): WebhookBody['alerts'][number]['orders'][number] {
  return {
    source: item.source,
    orderId: item.orderId,
    title: item.title,
    route: item.route,
    deadline: item.deadline === null ? null : beijingIso(item.deadline),
    // Counted on the server's clock, as the countdowns are.
    minutesLeft: item.deadline === null ? null : minutesLeft(item.deadline, at + item.clockOffsetMs),
    passengers: item.passengers,
    amountYuan: item.amountYuan,
    payUrl: item.payUrl,
  };
}

export function webhookBody(message: PushMessage): WebhookBody {
  return {
    type: 'payclock.alerts',
    version: 1,
    sentAt: beijingIso(message.sentAt),
    test: message.test,
    title: message.title,
    text: message.body,
    url: message.url,
    alerts: message.items.map((item) => ({
      kind: item.kind,
      headline: item.headline,
      text: item.text,
      url: item.url,
      orders: item.orders.map((one) => order(one, message.sentAt)),
    })),
  };
}
