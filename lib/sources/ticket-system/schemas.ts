import { z } from 'zod/mini';

// Shapes of the ticket system's order queries, field for field as the seed documents list them
// (shared/seeds/ticket-system-V5-Order-Query-Main.txt, …-V3-RetOrderQueryview.txt). Every venue runs
// its own instance and version, so objects are loose and every field is optional and nullable:
// ASP.NET writes `null` for an unset string. The only field required is the order number; without
// it the reply is not an order at all.
//
// Fields this source reads (amounts, `paytimeout`, status codes) also take the other JSON type: the
// documents disagree between versions (`paytimeout` is a string in V5 and a number in V3) and a
// venue's serializer may well write decimals as strings.

const text = z.optional(z.nullable(z.string()));
const int = z.optional(z.nullable(z.number()));
const decimal = z.optional(z.nullable(z.number()));
const date = z.optional(z.nullable(z.string()));
const numberOrText = z.optional(z.nullable(z.union([z.number(), z.string()])));
const list = <T extends z.core.SomeType>(item: T) => z.optional(z.nullable(z.array(item)));

/** V5 `OrderItem`. The main-record query documents it but returns the collection empty. */
export const v5OrderItemSchema = z.looseObject({
  autoid: int,
  productid: text,
  amount: int,
  identificationnumber: text,
  fullname: text,
  identificationtype: text,
  mobile: text,
  gateinmode: text,
  productname: text,
  price: decimal,
  ticketinnernumber: text,
  singlemode: text,
  timespanusetype: text,
  status: text,
  seatsdescription: text,
  HasInsurance: text,
  InsuranceCount: int,
  InsurancePrice: decimal,
});
export type V5OrderItem = z.infer<typeof v5OrderItemSchema>;

export const v5OrderFeeItemSchema = z.looseObject({
  autoid: int,
  productid: text,
  productname: text,
  price: decimal,
  amount: decimal,
  description: text,
  calculatetype: text,
  perticketfee: decimal,
  feeamount: int,
  isautoreturn: z.optional(z.nullable(z.boolean())),
  paychannelname: text,
  needrefundsummary: decimal,
  startdatetime: text,
  completedatetime: text,
  status: text,
  statusname: text,
  batchno: text,
});

export const v5OrderLogSchema = z.looseObject({
  serialid: int,
  eventtypecode: text,
  eventtypename: text,
  orderid: text,
  sellbillid: text,
  ticketid: text,
  datetime: text,
  content: text,
  replaytime: text,
  replayresult: text,
  replaystatuscode: text,
  replaystatus: text,
});

/** V5 `Order`: `GET api/Order/Query/Main/{orderid}?personalid=`. */
export const v5OrderSchema = z.looseObject({
  senderid: text,
  orderdescription: text,
  summary: numberOrText,
  theatrial: text,
  totalcount: int,
  ticketchecktimespan: text,
  timespanindex: int,
  servicename: text,
  servicecode: text,
  customername: text,
  customerid: text,
  customertypename: text,
  customertypecode: text,
  /** `yyyyMMddHHmmss`, Beijing time. */
  ordertime: text,
  /** `yyyyMMdd`: the first day the tickets may be used. */
  effectdate: text,
  scenename: text,
  scenetime: text,
  paymenttype: text,
  /** Minutes, documented as a string in V5. */
  paytimeout: numberOrText,
  invoicecode: text,
  invoicetitle: text,
  needinvoice: text,
  sellbillid: text,
  deliverytime: text,
  seatlist: text,
  statuscode: numberOrText,
  statusname: text,
  mobile: text,
  identificationnumber: text,
  guestname: text,
  orderid: z.string(),
  orderdetail: list(v5OrderItemSchema),
  feeitem: list(v5OrderFeeItemSchema),
  logs: list(v5OrderLogSchema),
  reserve1: text,
  reserve2: text,
  delayactbill: text,
  /** ISO 8601 with an offset in the sample (`2025-12-06T12:13:33.3429041+08:00`). */
  paymentendtime: date,
  totaldealsummary: decimal,
  totaldelacount: decimal,
  couponreduction: decimal,
  coupondeduction: decimal,
  actualpayamount: decimal,
  insurancesummary: decimal,
  holeteamchktimespan: int,
  firstchktime: date,
  endchkenalbetime: date,
  totalfreecount: int,
  needactivatormanaual: text,
  verifyaftermanaualactivator: text,
  manualactivatortime: date,
});
export type V5Order = z.infer<typeof v5OrderSchema>;

/** V3 `OrderQueryviewDetail`. */
export const v3OrderDetailSchema = z.looseObject({
  productid: text,
  productname: text,
  num: int,
  unit: text,
  price: decimal,
  productstatus: text,
  timeindex: int,
  timeindexdesc: text,
  serverstationid: text,
  serverstationname: text,
  seatlistdesc: text,
  dealnum: decimal,
  dealamount: decimal,
  fees: decimal,
  returncount: int,
  returnfees: decimal,
  returntotal: decimal,
  returnpaychanneldesc: text,
});
export type V3OrderDetail = z.infer<typeof v3OrderDetailSchema>;

/** V3 `OrderQueryview`: `GET api/V3Reserve/Order/Query/Single/RetOrderQueryview/{username}/{orderid}`. */
export const v3OrderSchema = z.looseObject({
  orderid: z.string(),
  /** `yyyyMMddHHmmss`, Beijing time. */
  ordertime: text,
  customertype: text,
  customerid: text,
  customername: text,
  description: text,
  orderstatus: numberOrText,
  /** Minutes, documented as an integer in V3. */
  paytimeout: numberOrText,
  summary: numberOrText,
  tickettypedesc: text,
  dealtotal: decimal,
  dealamount: decimal,
  totalfees: decimal,
  dealdesc: text,
  backtotal: decimal,
  backstatus: text,
  paychannel: text,
  returnticketdesc: text,
  returncount: int,
  returntotal: decimal,
  returnfees: decimal,
  returnpaychanneldesc: text,
  /** 售票单号. */
  spdh: text,
  /** 生效日期 `yyyyMMdd`. */
  sxrq: text,
  /** 交割日期时间 `yyyyMMddHHmmss`. */
  jgrqsj: text,
  mobile: text,
  cardid: text,
  xyfp: text,
  fptt: text,
  orderviewdetail: list(v3OrderDetailSchema),
});
export type V3Order = z.infer<typeof v3OrderSchema>;

export type { TicketFlavour } from './account';

/**
 * ASP.NET Web API's own error body: `{"Message": "..."}`, with `MessageDetail` on routing errors and
 * `ExceptionMessage`/`ExceptionType`/`StackTrace` when the venue shows error details.
 */
export const aspNetErrorSchema = z.looseObject({
  Message: z.string(),
  MessageDetail: text,
  ExceptionMessage: text,
  ExceptionType: text,
});
export type AspNetError = z.infer<typeof aspNetErrorSchema>;

/**
 * The application's own error fields (`resultcode`/`errcode` and a message). api-notes.md names the
 * codes but not the message field nor the success value, so every spelling seen in the venue's
 * sibling APIs is accepted; unconfirmed.
 */
export const appErrorSchema = z.looseObject({
  resultcode: numberOrText,
  errcode: numberOrText,
  resultmsg: text,
  errmsg: text,
  message: text,
  msg: text,
});
export type AppError = z.infer<typeof appErrorSchema>;
