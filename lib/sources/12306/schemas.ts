import { z } from 'zod/mini';

// Shapes of the unfinished-orders reply (shared/seeds/12306-queryMyOrderNoComplete.md and
// shared/api-notes.md). Loose objects: 12306 adds fields freely and that must not break us. Strict
// only where we rely on a field: an order without a number or tickets is not an order we understand,
// and the whole reply is then treated as unexpected rather than guessed at.

const text = z.string();
const optionalText = z.optional(z.nullable(z.string()));
const optionalTextList = z.optional(z.nullable(z.array(z.string())));

export const ticketSchema = z.looseObject({
  ticket_status_code: optionalText,
  ticket_status_name: optionalText,
  pay_limit_time: optionalText,
  lose_time: optionalText,
  ticket_price: z.optional(z.nullable(z.number())),
  start_train_date_page: optionalText,
  passengerDTO: z.optional(z.nullable(z.looseObject({ passenger_name: optionalText }))),
  stationTrainDTO: z.optional(
    z.nullable(
      z.looseObject({
        station_train_code: optionalText,
        from_station_name: optionalText,
        to_station_name: optionalText,
      }),
    ),
  ),
});
export type Ticket = z.infer<typeof ticketSchema>;

export const unpaidOrderSchema = z.looseObject({
  sequence_no: text.check(z.minLength(1)),
  tickets: z.array(ticketSchema).check(z.minLength(1)),
  train_code_page: optionalText,
  from_station_name_page: optionalTextList,
  to_station_name_page: optionalTextList,
  start_train_date_page: optionalText,
  ticket_total_price_page: optionalText,
  ticket_price_all: z.optional(z.nullable(z.number())),
  array_passser_name_page: optionalTextList,
});
export type UnpaidOrder = z.infer<typeof unpaidOrderSchema>;

// `requestId` is deliberately absent: it exceeds 2^53, JSON.parse corrupts it, and nothing may key on it.
export const queuedOrderSchema = z.looseObject({
  stationTrainCode: text.check(z.minLength(1)),
  trainDate: optionalText,
  startTimeString: optionalText,
  fromStationCode: optionalText,
  fromStationName: optionalText,
  toStationCode: optionalText,
  toStationName: optionalText,
  waitTime: z.optional(z.nullable(z.number())),
  message: z.optional(z.nullable(z.looseObject({ message: optionalText }))),
  array_passser_name_page: optionalTextList,
  tickets: z.optional(z.nullable(z.array(z.looseObject({ passengerName: optionalText })))),
});
export type QueuedOrder = z.infer<typeof queuedOrderSchema>;

export const replyDataSchema = z.looseObject({
  to_page: optionalText,
  orderDBList: z.optional(z.nullable(z.array(unpaidOrderSchema))),
  orderCacheDTO: z.optional(z.nullable(queuedOrderSchema)),
});

export const envelopeSchema = z.looseObject({
  status: z.optional(z.nullable(z.boolean())),
  url: optionalText,
  messages: z.optional(z.nullable(z.union([z.array(z.unknown()), z.string()]))),
  data: z.optional(z.unknown()),
});
export type Envelope = z.infer<typeof envelopeSchema>;
