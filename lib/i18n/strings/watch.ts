import type { Strings } from './strings';

// Scenic-area ticket-system orders as the popup shows them (and the settings page's watched lists):
// a venue's health, watched orders and their problems.
export const watchStrings = {
  // An account's health, from its last check, with what to do about it.
  venueOk: { zh: '正常 · {ago}检查', en: 'Working · checked {ago}' },
  venueUnknown: { zh: '尚未检查', en: 'Not checked yet' },
  venueBusy: { zh: '票务系统繁忙，稍后自动重试', en: 'The ticket system is busy; retrying automatically' },
  venueRejected: { zh: '票务系统拒绝了请求', en: 'The ticket system refused the request' },
  venueTimeout: { zh: '票务系统未在时限内响应', en: 'The ticket system did not answer in time' },
  venueOffline: { zh: '无法连接票务系统，请检查网络', en: 'Cannot reach the ticket system; check your connection' },
  venueUnexpected: { zh: '票务系统返回了无法识别的内容', en: 'The ticket system sent a reply PayClock cannot read' },
  venueAuthFailed: { zh: '验证失败，已停止查询', en: 'Authentication failed; checks stopped' },
  venueNoPermission: { zh: '未获授权访问该网站，已停止查询', en: 'No access to the site; checks stopped' },
  venueLoggedOut: { zh: '未登录', en: 'Not logged in' },
  venueAuthFailedHint: {
    zh: '票务系统拒绝了签名。请点“编辑”，核对用户名和 Hawk ID，重新输入 KEY 和密码后保存。',
    en: 'The venue refused the signature. Click Edit, check the username and Hawk id, and enter the KEY and password again, then save.',
  },
  venueNoPermissionHint: {
    zh: '浏览器未允许 PayClock 访问 {host}。点“允许访问”并选择允许，查询会自动恢复。',
    en: 'The browser does not let PayClock reach {host}. Click Allow access and choose Allow; checks resume by themselves.',
  },
  venueFix: { zh: '去设置中修复', en: 'Fix in settings' },

  // Watched orders.
  watchHeading: { zh: '关注的订单', en: 'Watched orders' },
  watchIntro: {
    zh: '票务系统不会列出你的订单：把要关注的订单号粘贴在这里，PayClock 就会查询它们的付款截止时间。',
    en: 'A ticket system does not list your orders: paste the order numbers to watch here and PayClock checks their pay deadlines.',
  },
  watchAccount: { zh: '账户', en: 'Account' },
  watchIds: { zh: '订单号（可一次粘贴多个）', en: 'Order numbers (paste many at once)' },
  watchIdsPlaceholder: { zh: '每行一个，或用空格、逗号分隔', en: 'One per line, or separated by spaces or commas' },
  watchAdd: { zh: '关注', en: 'Watch' },
  watchAdding: { zh: '添加中…', en: 'Adding…' },
  watchRead: { zh: '读到 {n} 个订单号', en: '{n} order numbers read' },
  watchInvalid: { zh: '不是订单号：{ids}', en: 'Not order numbers: {ids}' },
  watchNothing: { zh: '没有读到订单号。', en: 'No order numbers read.' },
  watchTooMany: { zh: '一次最多 {max} 个订单号。', en: 'At most {max} order numbers at once.' },
  watchAdded: { zh: '已添加 {added} 个，{already} 个原已关注', en: 'Added {added}, {already} already watched' },
  watchAddFailed: {
    zh: '未能添加，订单号仍在框中，请重试。',
    en: 'Could not add them; the numbers are still in the box. Please try again.',
  },
  watchNoAccount: {
    zh: '要关注景区门票订单，请先在设置中添加票务系统账户。',
    en: 'To watch scenic-area ticket orders, add a ticket-system account in Settings.',
  },
  watchNoAccountLink: { zh: '去设置', en: 'Open Settings' },
  watchPopupHeading: { zh: '关注门票订单', en: 'Watch ticket orders' },
  watchNotChecked: { zh: '尚未查询', en: 'Not checked yet' },
  watchRemove: { zh: '不再关注 {id}', en: 'Stop watching {id}' },
  watchDismiss: { zh: '知道了', en: 'Dismiss' },
  watchRemoveFailed: { zh: '未能移除，请重试。', en: 'Could not remove it; please try again.' },
  watchShowAll: { zh: '显示其余 {n} 个订单', en: 'Show {n} more orders' },
  watchShowFewer: { zh: '收起', en: 'Show fewer' },
  watchOthers: { zh: '其他关注的订单（{n}）', en: 'Other watched orders ({n})' },
  watchNone: { zh: '这个账户还没有关注的订单。', en: 'This account watches no orders yet.' },

  // One watched order's problem at its last check.
  problemNotFound: { zh: '票务系统中没有这个订单', en: 'The venue has no such order' },
  problemVenueError: { zh: '票务系统报错', en: 'The venue reported an error' },
  problemHttpError: { zh: '查询失败', en: 'The check failed' },
  problemUnexpected: { zh: '回复无法识别', en: 'Unreadable reply' },
  problemTimeout: { zh: '查询超时', en: 'The check timed out' },
  problemOffline: { zh: '无法连接', en: 'Could not connect' },
} as const satisfies Strings;
