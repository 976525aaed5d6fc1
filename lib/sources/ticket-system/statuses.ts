// Order status codes of the 游宝星 ticket system, as both seed documents list them (V5 `statuscode`,
// V3 `orderstatus`) and shared/api-notes.md repeats: 预定中 0, 已交割 3, 已关闭 4, 第三方付款已支付待核准 5,
// 第三方支付退款申请中 7, 第三方付款退款办理中 B, 已前台现付取票 X, 已交割(返款) D.

export type TicketStatusCode = '0' | '3' | '4' | '5' | '7' | 'B' | 'X' | 'D';

export interface TicketStatus {
  /** The code as the venue sent it (trimmed), `''` when it sent none. */
  code: string;
  /** The documents' Chinese name; for an unknown code, the venue's own `statusname` when it gave one. */
  zh: string;
  en: string;
  /** Only `0` has a pay deadline: the venue closes the order when `paytimeout` runs out. */
  awaitingPayment: boolean;
  /** Nothing more will happen to the order: watching it further is pointless. */
  final: boolean;
  /** False for a code the documents do not list. */
  known: boolean;
}

interface StatusEntry {
  zh: string;
  en: string;
  final: boolean;
}

// 5, 7 and B are neither payable nor final: a third-party payment still awaiting the venue's
// approval, or a refund under way, can still end either way, so they are worth watching on.
// D's 返款 is not explained anywhere; it is read as "settled, with money returned", which is final.
export const TICKET_STATUSES: Readonly<Record<TicketStatusCode, StatusEntry>> = {
  '0': { zh: '预定中', en: 'Awaiting payment', final: false },
  '3': { zh: '已交割', en: 'Completed', final: true },
  '4': { zh: '已关闭', en: 'Closed', final: true },
  '5': { zh: '第三方付款已支付待核准', en: 'Paid through a third party, awaiting approval', final: false },
  '7': { zh: '第三方支付退款申请中', en: 'Third-party refund requested', final: false },
  B: { zh: '第三方付款退款办理中', en: 'Third-party refund in progress', final: false },
  X: { zh: '已前台现付取票', en: 'Paid and collected at the counter', final: true },
  D: { zh: '已交割(返款)', en: 'Completed (refunded)', final: true },
};

export const AWAITING_PAYMENT_CODE: TicketStatusCode = '0';

const isKnownCode = (code: string): code is TicketStatusCode => Object.hasOwn(TICKET_STATUSES, code);

/**
 * What a status code means. Letter codes are matched case-insensitively: nothing in the documents
 * suggests a venue would send `x`, but reading it as unknown would lose a final state.
 */
export function ticketStatus(rawCode: string | number | null | undefined, venueName?: string | null): TicketStatus {
  const code = rawCode === null || rawCode === undefined ? '' : String(rawCode).trim();
  const normalised = code.toUpperCase();
  if (isKnownCode(normalised)) {
    const entry = TICKET_STATUSES[normalised];
    return {
      code,
      zh: entry.zh,
      en: entry.en,
      awaitingPayment: normalised === AWAITING_PAYMENT_CODE,
      final: entry.final,
      known: true,
    };
  }
  const shown = code === '' ? '—' : code;
  return {
    code,
    zh: venueName?.trim() || `未知状态（${shown}）`,
    en: `Unknown status (${shown})`,
    awaitingPayment: false,
    final: false,
    known: false,
  };
}

/**
 * A status as the user reads it. The venue's staff and documents name states in Chinese, so an
 * English reader gets the Chinese name too, to match what the venue says: "Completed (已交割)".
 */
export function statusLabel(status: Pick<TicketStatus, 'zh' | 'en'>, locale: 'zh' | 'en'): string {
  return locale === 'zh' || status.en === status.zh ? status.zh : `${status.en} (${status.zh})`;
}
