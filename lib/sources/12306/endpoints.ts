// Addresses on 12306 that the extension talks to or sends the user to (see shared/api-notes.md).

export const ORIGIN = 'https://kyfw.12306.cn';
export const UNFINISHED_ORDERS_URL = `${ORIGIN}/otn/queryOrder/queryMyOrderNoComplete`;

/** The unpaid-orders page, where the user pays. */
export const PAY_PAGE_URL = `${ORIGIN}/otn/view/train_order.html`;
export const LOGIN_PAGE_URL = `${ORIGIN}/otn/resources/login.html`;

/** The login page, whatever its query or fragment (12306 adds a `?type=…` to it at times). */
export function isLoginPage(url: string): boolean {
  try {
    const { origin, pathname } = new URL(url);
    return origin === ORIGIN && pathname === new URL(LOGIN_PAGE_URL).pathname;
  } catch {
    return false;
  }
}

/** The headers the site's own page sends with this query. */
export const QUERY_HEADERS: Readonly<Record<string, string>> = {
  'X-Requested-With': 'XMLHttpRequest',
  Accept: 'application/json, text/javascript, */*; q=0.01',
  'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8',
};
export const QUERY_BODY = '_json_att=';
