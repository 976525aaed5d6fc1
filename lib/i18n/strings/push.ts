import { pushHintStrings } from './push-hints';
import { pushPopupStrings } from './push-popup';
import type { Strings } from './strings';

// The settings page's "Push to phone" section and the popup's line about a failing channel.

/** A service's field, by the field's name (lib/push/services/*.ts `fields`). */
const fieldStrings = {
  pushFieldKey: { zh: '密钥', en: 'Key' },
  pushFieldDeviceKey: { zh: '设备密钥', en: 'Device key' },
  pushFieldSendKey: { zh: 'SendKey', en: 'SendKey' },
  pushFieldToken: { zh: 'Token', en: 'Token' },
  pushFieldAccessToken: { zh: '访问令牌', en: 'Access token' },
  pushFieldBotToken: { zh: '机器人 Token', en: 'Bot token' },
  pushFieldChatId: { zh: 'Chat ID', en: 'Chat ID' },
  pushFieldServer: { zh: '服务器地址', en: 'Server address' },
  pushFieldTopic: { zh: '主题（topic）', en: 'Topic' },
  pushFieldWebhook: { zh: 'Webhook 地址', en: 'Webhook URL' },
  pushFieldSecret: { zh: '签名密钥', en: 'Signing secret' },
  pushFieldKeyword: { zh: '自定义关键词', en: 'Custom keyword' },
  pushFieldLabel: { zh: '名称', en: 'Name' },
  pushFieldService: { zh: '服务', en: 'Service' },
} as const satisfies Strings;

export const pushStrings = {
  ...pushPopupStrings,
  ...pushHintStrings,
  ...fieldStrings,
  pushHeading: { zh: '推送到手机', en: 'Push to phone' },
  pushIntro: {
    zh: '把提醒转发到手机上的应用、群聊或你自己的 Webhook。转发时，提醒的内容会从浏览器发送到你选择的服务，由它送到手机；密钥只保存在本机扩展的后台，不会显示、同步或导出。',
    en: 'Forward alerts to an app on your phone, a group chat or your own webhook. Each forwarded alert is sent from the browser to the service you choose, which delivers it; keys stay in the extension’s background on this computer and are never shown, synced or exported.',
  },
  pushNone: { zh: '还没有推送渠道。', en: 'No channels yet.' },
  pushAdd: { zh: '添加推送渠道', en: 'Add a channel' },
  pushFormAddHeading: { zh: '添加推送渠道', en: 'Add a channel' },
  pushFormEditHeading: { zh: '编辑“{label}”', en: 'Edit “{label}”' },
  pushLabelHint: { zh: '自己看的名字，例如“我的 iPhone”。', en: 'A name for yourself, such as “My iPhone”.' },
  pushSecretSaved: { zh: '已保存 {hint}，留空则不变', en: 'Saved ({hint}); leave empty to keep it' },
  pushSecretNew: {
    zh: '只发送到扩展后台保存，之后不再显示。',
    en: 'Kept by the extension’s background, never shown again.',
  },
  pushSecretKeep: { zh: '留空则保留已保存的值', en: 'Leave empty to keep any saved value' },
  pushSecretClear: { zh: '清除已保存的{field}', en: 'Clear the saved {field}' },
  pushSecretHint: { zh: '密钥 {hint}', en: 'Key {hint}' },
  pushKindsLegend: { zh: '转发哪些提醒', en: 'What to forward' },
  pushKindRemind: { zh: '截止前 {n} 分钟', en: '{n} min before the deadline' },
  pushKindDue: { zh: '已过支付截止', en: 'Deadline passed' },
  pushKindLoginExpired: {
    zh: '12306 登录失效或景区密钥被拒',
    en: '12306 login expired or a venue key refused',
  },
  pushKindFound: { zh: '发现新的待支付订单', en: 'New order to pay found' },
  pushKindGone: { zh: '订单不再待支付', en: 'Order no longer pending' },
  pushListSeparator: { zh: '、', en: ', ' },
  pushForwards: { zh: '转发：{kinds}', en: 'Forwards: {kinds}' },
  pushForwardsNothing: { zh: '不转发任何提醒', en: 'Forwards nothing' },
  pushIncludeAmount: { zh: '包含应付金额', en: 'Include the amount to pay' },
  pushDisclosure: {
    zh: '提醒（车次或门票、路线、发车时间、剩余分钟、北京时间截止、支付链接{extra}）会发送到 {service}{where}。',
    en: 'Alerts (train or ticket, route, departure, minutes left, deadline in Beijing time, pay link{extra}) are sent to {service}{where}.',
  },
  pushDisclosureWebhook: { zh: '、订单号及来源', en: ', order number and source' },
  pushDisclosurePassengers: { zh: '、乘车人姓名', en: ', passenger names' },
  pushDisclosureAmount: { zh: '、应付金额', en: ', the amount to pay' },
  pushDisclosureHost: { zh: '（{host}）', en: ' ({host})' },
  pushDisclosureOwnHost: { zh: '（你填写的地址）', en: ' (the address you enter)' },
  pushSave: { zh: '保存', en: 'Save' },
  pushSaving: { zh: '正在保存…', en: 'Saving…' },
  pushCancel: { zh: '取消', en: 'Cancel' },
  pushTest: { zh: '发送测试', en: 'Send test' },
  pushTesting: { zh: '正在发送…', en: 'Sending…' },
  pushEdit: { zh: '编辑', en: 'Edit' },
  pushRemove: { zh: '删除', en: 'Remove' },
  pushRemoveConfirm: {
    zh: '删除推送渠道“{label}”？它的密钥和待发送的提醒也会一并删除。',
    en: 'Remove the channel “{label}”? Its keys and its alerts waiting to be sent are removed with it.',
  },
  pushSaved: { zh: '已保存。', en: 'Saved.' },
  pushRemoved: { zh: '已删除“{label}”。', en: 'Removed “{label}”.' },
  pushRemoveFailed: { zh: '删除失败，请重试。', en: 'Could not remove it; please try again.' },
  pushNoReply: {
    zh: '扩展后台没有正常回应，什么都没有改动。请重试。',
    en: 'The extension’s background did not answer properly; nothing was changed. Please try again.',
  },
  pushCheckFields: { zh: '请先修改标出的项目。', en: 'Please correct the fields marked.' },
  pushUnknown: { zh: '这个推送渠道已不存在。', en: 'This channel no longer exists.' },
  pushPermissionRefused: {
    zh: 'PayClock 需要访问 {host} 才能推送，但浏览器拒绝了，什么都没有保存。请再点一次“保存”并选择“允许”。',
    en: 'PayClock needs access to {host} to push; the browser refused it, so nothing was saved. Click Save again and choose Allow.',
  },
  pushPermissionRefusedTest: {
    zh: 'PayClock 需要访问 {host} 才能发送测试，但浏览器拒绝了。请再点一次并选择“允许”。',
    en: 'PayClock needs access to {host} to send a test; the browser refused it. Click again and choose Allow.',
  },
  pushPermissionError: { zh: '无法请求访问 {host}：{detail}', en: 'Could not ask for access to {host}: {detail}' },
  pushNoPermission: {
    zh: 'PayClock 还没有访问该服务的权限，什么都没有保存。请再点一次“保存”并选择“允许”。',
    en: 'PayClock has no access to the service yet, so nothing was saved. Click Save again and choose Allow.',
  },
  // {field} is spaced from Chinese and lower-cased in English by problemText (push-words.ts).
  pushProblemMissing: { zh: '请填写{field}', en: 'Enter the {field}' },
  pushProblemInvalid: { zh: '{field}的格式不对', en: 'This {field} is not valid' },
  pushProblemNotHttps: { zh: '{field}只支持 https', en: 'The {field} must start with https://' },
  pushProblemWrongHost: { zh: '{field}不是该服务的地址', en: 'The {field} is not this service’s address' },
  pushProblemOtherServer: {
    zh: '粘贴的地址所在的服务器与“{server}”中的不同',
    en: 'The pasted address is on another server than the one in “{server}”',
  },
  pushStatusNone: { zh: '还没有发送过', en: 'Nothing sent yet' },
  pushStatusLast: { zh: '{ago}：{outcome}', en: '{ago}: {outcome}' },
  pushOutcomeSent: { zh: '已送达', en: 'delivered' },
  pushOutcomeRetry: { zh: '失败，稍后重试', en: 'failed, will retry' },
  pushOutcomeRefused: { zh: '密钥被拒绝', en: 'key refused' },
  pushOutcomeRejected: { zh: '服务拒收这条消息', en: 'the service rejected the message' },
  pushOutcomeDropped: { zh: '已放弃（不再有用）', en: 'given up (no longer useful)' },
  pushHealthRefused: {
    zh: '{service} 拒绝了密钥，这个渠道已停止推送。请编辑并保存新的密钥；发送测试成功后也会恢复。',
    en: '{service} refused the key, so this channel has stopped. Edit it and save a new key; a successful test also restarts it.',
  },
  pushHealthFailing: { zh: '推送失败，正在重试。', en: 'Pushing fails; retrying.' },
  pushHealthRejected: {
    zh: '服务拒收了上一条消息（见下方回答），已放弃这条；请检查渠道设置（例如钉钉的关键词）。',
    en: 'The service rejected the last message (its answer is below), so that one was given up; check the channel’s settings (such as DingTalk’s keyword).',
  },
  pushHealthDropped: {
    zh: '上一条提醒在送达前已失效，已放弃。',
    en: 'The last alert went stale before it was delivered, so it was given up.',
  },
  pushHttpStatus: { zh: 'HTTP {status}', en: 'HTTP {status}' },
  pushNoHttpReply: { zh: '没有收到回应', en: 'No reply' },
  pushTestSent: { zh: '测试消息已送达。服务的回答：', en: 'Test message delivered. The service answered:' },
  pushTestNotSent: {
    zh: '测试消息没有送达（{outcome}）。服务的回答：',
    en: 'Test message not delivered ({outcome}). The service answered:',
  },
  // A test is sent once and never retried: its failure says what happened, not "will retry".
  pushTestOutcomeRetry: { zh: '服务暂时不可用或超时', en: 'the service is unavailable or timed out' },
  pushTestDraft: { zh: '请先修改标出的项目。', en: 'Please correct the fields marked first.' },
  pushTestNeedSecret: { zh: '请先填写密钥。', en: 'Enter the key first.' },
  pushTestNoPermission: { zh: 'PayClock 还没有访问 {origin} 的权限。', en: 'PayClock has no access to {origin} yet.' },
  pushTestLimited: {
    zh: '没有发送：为免服务方限流或封禁，PayClock 每分钟只向一个渠道发几条消息。请 {seconds} 秒后再试。',
    en: 'Not sent: PayClock sends only a few messages a minute to a channel, so the service does not throttle or block it. Try again in {seconds} s.',
  },
} as const satisfies Strings;
