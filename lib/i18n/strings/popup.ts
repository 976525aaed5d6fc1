import type { Strings } from './strings';

// The toolbar popup: sources, their status, and the order list.
export const popupStrings = {
  refresh: { zh: '刷新', en: 'Refresh' },
  refreshing: { zh: '刷新中…', en: 'Refreshing…' },
  source12306: { zh: '12306 火车票', en: '12306 trains' },

  statusOk: { zh: '已登录 · {ago}检查', en: 'Logged in · checked {ago}' },
  statusUnknown: { zh: '正在首次检查…', en: 'Checking for the first time…' },
  statusLoggedOut: { zh: '未登录 12306，无法查看订单', en: 'Not logged in to 12306, orders cannot be checked' },
  logIn: { zh: '去登录', en: 'Log in' },
  statusBusy: { zh: '12306 繁忙，稍后自动重试', en: '12306 is busy; retrying automatically' },
  statusRejected: { zh: '12306 拒绝了本扩展的请求', en: '12306 refused the extension’s request' },
  statusTimeout: { zh: '12306 未在时限内响应', en: '12306 did not answer in time' },
  statusOffline: { zh: '无法连接 12306，请检查网络', en: 'Cannot reach 12306; check your connection' },
  statusUnexpected: { zh: '12306 返回了无法识别的内容', en: '12306 sent a reply PayClock cannot read' },
  statusAuthFailed: { zh: '账户验证失败，已停止查询', en: 'Authentication failed; checks stopped' },
  statusNoPermission: { zh: '未获准访问该网站，已停止查询', en: 'No access to this site; checks stopped' },
  askedFromTab: {
    zh: '经由你打开的 12306 页面查询：12306 拒绝了本扩展的直接请求',
    en: 'Asked from your open 12306 tab: 12306 refused the extension’s own request',
  },
  staleData: { zh: '下方为 {ago}的数据，尚未确认', en: 'Orders below are from {ago}, not yet confirmed' },

  justNow: { zh: '刚刚', en: 'just now' },
  secondsAgo: { zh: '{n} 秒前', en: '{n} s ago' },
  minutesAgo: { zh: '{n} 分钟前', en: '{n} min ago' },
  hoursAgo: { zh: '{n} 小时前', en: '{n} h ago' },
  daysAgo: { zh: '{n} 天前', en: '{n} days ago' },

  emptyTitle: { zh: '没有待支付的订单', en: 'No orders waiting for payment' },
  emptyHint: {
    zh: '在 12306 下单后，这里会显示付款倒计时，并在到期前提醒你。',
    en: 'After you book on 12306, its pay countdown shows here and you are reminded before it runs out.',
  },
  popupUnreadable: {
    zh: 'PayClock 读不懂自己保存的数据（是否被手动修改过？），无法在这里显示订单。下次检查会重写这些数据。',
    en: 'PayClock cannot read the data it saved (was it edited by hand?), so it cannot show orders here. Its next check rewrites that data.',
  },
  emptyLoggedOut: {
    zh: '登录 12306 后，PayClock 会自动查看待支付订单。',
    en: 'Once you log in to 12306, PayClock checks for unpaid orders by itself.',
  },

  amount: { zh: '¥{amount}', en: '¥{amount}' },
  queueWait: { zh: '排队中，预计 {n} 分钟', en: 'Queuing, about {n} min' },
  queueSucceeded: { zh: '排队成功，订单生成中', en: 'Seats found, order being created' },
  queueFailed: { zh: '排队失败', en: 'Queue failed' },

  openSettings: { zh: '设置', en: 'Settings' },
  remindersMuted: { zh: '此订单的提醒已关闭', en: 'Reminders off for this order' },
  remindersSnoozed: { zh: '提醒暂停至 {time}', en: 'Reminders paused until {time}' },
  resumeReminders: { zh: '恢复提醒', en: 'Turn reminders back on' },
} as const satisfies Strings;
