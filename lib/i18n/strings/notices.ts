import type { Strings } from './strings';

// Browser notifications.
export const noticeStrings = {
  noticeFoundTitle: { zh: '新的待支付订单 · 剩余 {minutes} 分钟', en: 'New unpaid order · {minutes} min left' },
  noticeFoundOverdueTitle: { zh: '发现未支付订单 · 支付时限已过', en: 'Unpaid order found · pay deadline passed' },
  noticeDueTitle: { zh: '支付时限已到', en: 'Pay deadline reached' },
  noticeDueBody: {
    zh: '{order} 未在时限内支付，订单可能已被取消。',
    en: '{order} was not paid in time and may have been cancelled.',
  },
  noticeGoneTitle: { zh: '订单已不再待支付', en: 'Order no longer pending' },
  noticeGoneBody: { zh: '{order} 已支付或已取消。', en: '{order} was paid or cancelled.' },
  noticeLoginTitle: { zh: '12306 登录已失效', en: '12306 login expired' },
  noticeLoginBody: {
    zh: '仍有 {count} 个未支付订单，PayClock 已看不到它们。请重新登录 12306。',
    en: '{count} unpaid order(s) can no longer be checked. Log in to 12306 again.',
  },
  noticeFoundManyTitle: { zh: '{count} 个新的待支付订单', en: '{count} new unpaid orders' },
  noticeFoundManyBody: { zh: '最早截止：{order}', en: 'Due first: {order}' },
  noticeGoneManyTitle: { zh: '{count} 个订单已不再待支付', en: '{count} orders no longer pending' },
  noticeGoneManyBody: {
    zh: '已支付、已关闭或已取消。打开 PayClock 查看各订单状态。',
    en: 'Paid, closed or cancelled. Open PayClock to see each one.',
  },
  noticeGoneStatusTitle: { zh: '订单已不再待支付：{status}', en: 'Order no longer pending: {status}' },
  noticeGoneStatusBody: { zh: '{order}（订单号 {id}）', en: '{order} (order {id})' },
  noticeVenueAuthTitle: { zh: '票务系统账户验证失败', en: 'Ticket system refused the account' },
  noticeVenueAuthBody: {
    zh: '仍有 {count} 个未支付订单无法再查询。请在 PayClock 设置中更新该账户的 KEY 和密码。',
    en: '{count} unpaid order(s) can no longer be checked. Update the account’s KEY and password in PayClock’s settings.',
  },
  noticeOrderLine: { zh: '{order} · 截止 {deadline}（北京时间）', en: '{order} · pay by {deadline} (Beijing time)' },
} as const satisfies Strings;
