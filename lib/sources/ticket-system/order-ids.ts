// Kept apart from the account schemas so the popup's paste box loads no zod.

// Order numbers are the venue's own strings ("电子门票系统订单编号"); anything that could change the
// request's path is refused rather than escaped into another resource. All dots is refused too: `.`
// and `..` are path segments even percent-encoded.
export const ORDER_ID = /^(?!\.+$)[^\s/?#\\%]{1,64}$/;

/** The most order numbers one paste may watch at once. */
export const MAX_ORDERS_PER_ADD = 1000;

export interface OrderIdList {
  ids: string[];
  invalid: string[];
}

/** Reads order numbers pasted at once: one per line, or separated by spaces, commas or semicolons. */
export function parseOrderIds(pasted: string): OrderIdList {
  const ids: string[] = [];
  const invalid: string[] = [];
  for (const piece of pasted.split(/[\s,，;；、]+/)) {
    if (piece === '') continue;
    if (!ORDER_ID.test(piece)) invalid.push(piece.slice(0, 80));
    else if (!ids.includes(piece)) ids.push(piece);
  }
  return { ids, invalid };
}

/** One watched order's name: the same order number may be watched under two accounts. */
export const watchedKey = (entry: { accountId: string; orderId: string }) => `${entry.accountId}:${entry.orderId}`;
