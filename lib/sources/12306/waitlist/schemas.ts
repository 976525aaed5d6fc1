import { z } from 'zod/mini';

// The `data` of `POST /otn/afterNateOrder/queryQueue` (shared/api-notes.md):
//   { flag, status, isAsync, order{...}, beginTime, loseTime }
// Only one public client documents this reply, so next to nothing in it is confirmed:
// - `status` -1 failed, 0 queuing, 1 succeeded (awaiting prepayment), 2 cancelled or nothing waiting;
//   one client writes it as a number, another as a numeric string.
// - `loseTime` (the prepay deadline) and `beginTime` are epoch milliseconds, written as numbers; the
//   client's own reader also accepts numeric strings.
// - `order` is documented only by its field names. The field types here follow a captured
//   `afterNatePay/payOrderInit` reply for a waitlist order awaiting prepayment, which carries the same
//   order object: status_code `"01"` / status_name 待支付, prepay_amount `"136.0"` (yuan, a string),
//   reserve_time `"2024-04-22"` (a date only), needs[] with `local_start_time` `"202405010606"`.
// Hence: loose objects everywhere (12306 adds fields freely), every field optional, and every field
// we only show read through `z.catch`, so a field of an unexpected type reads as missing instead of
// making the whole reply unreadable. Whether the user must pay is judged in to-orders.ts.

const shownText = z.catch(z.optional(z.nullable(z.string())), undefined);
/** A code, amount or instant that 12306 writes as a number or as a string of digits. */
const numberOrText = z.catch(z.optional(z.nullable(z.union([z.number(), z.string()]))), undefined);

/** A list whose unreadable entries are dropped one by one rather than failing the whole reply. */
function lenientList<T extends z.ZodMiniType>(item: T) {
  return z.catch(z.optional(z.nullable(z.array(z.catch(z.nullable(item), null)))), undefined);
}

/** One train (and seat class) the waitlist order would accept; the needs are alternatives. */
export const waitlistNeedSchema = z.looseObject({
  board_train_code: shownText,
  from_station_name: shownText,
  to_station_name: shownText,
  from_tele_code: shownText,
  to_tele_code: shownText,
  /** `2024-05-01` */
  train_date: shownText,
  /** `06:06` */
  start_time: shownText,
  /** `202405010606`: departure as compact Beijing time. */
  local_start_time: shownText,
  seat_name: shownText,
});
export type WaitlistNeed = z.infer<typeof waitlistNeedSchema>;

export const waitlistPassengerSchema = z.looseObject({ passenger_name: shownText });

export const waitlistOrderSchema = z.looseObject({
  /** The waitlist order number, e.g. `EH9071000300612700`. */
  reserve_no: shownText,
  /** 00 排队中, 01 待支付, 04 待兑现, 05/06 已退单, 07 兑现成功 (from one client; unconfirmed). */
  status_code: numberOrText,
  status_name: shownText,
  /** The prepayment in yuan. */
  prepay_amount: numberOrText,
  needs: lenientList(waitlistNeedSchema),
  passengers: lenientList(waitlistPassengerSchema),
});
export type WaitlistOrder = z.infer<typeof waitlistOrderSchema>;

export const waitlistQueueSchema = z.looseObject({
  /** false: the query itself failed (then `msg` may say why). */
  flag: z.catch(z.optional(z.nullable(z.union([z.boolean(), z.string()]))), undefined),
  status: numberOrText,
  msg: shownText,
  // An order that is not an object reads as no order: the queue status then decides, and a status
  // that needs an order makes the reply unexpected (classify.ts).
  order: z.catch(z.optional(z.nullable(waitlistOrderSchema)), undefined),
  /** The prepay deadline. */
  loseTime: numberOrText,
});
export type WaitlistQueue = z.infer<typeof waitlistQueueSchema>;
