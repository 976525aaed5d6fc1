import type { Strings } from './strings';

// Scenic-area ticket system (游宝星电子门票系统) accounts on the settings page: the list, the form,
// its field checks and the connection test. What the popup shows of venues is in watch.ts.
export const accountStrings = {
  // The accounts section of the settings page.
  acctHeading: { zh: '票务系统账户', en: 'Ticket-system accounts' },
  acctIntro: {
    zh: '景区电子门票系统（游宝星）的分销账户。PayClock 用它查询你关注的订单的付款截止时间。',
    en: 'Agent accounts at scenic-area ticket systems (游宝星). PayClock uses them to check the pay deadlines of the orders you watch.',
  },
  acctNone: { zh: '还没有账户。', en: 'No accounts yet.' },
  acctAdd: { zh: '添加账户', en: 'Add an account' },
  acctEdit: { zh: '编辑', en: 'Edit' },
  acctRemove: { zh: '删除', en: 'Remove' },
  acctRemoveConfirm: {
    zh: '删除“{label}”？它的密钥和 {n} 个关注的订单也会一并删除。',
    en: 'Remove “{label}”? Its key and its {n} watched orders are removed with it.',
  },
  acctRemoveYes: { zh: '确认删除', en: 'Remove it' },
  acctCancel: { zh: '取消', en: 'Cancel' },
  acctRemoved: { zh: '已删除“{label}”', en: 'Removed “{label}”' },
  acctRemoveFailed: {
    zh: '删除失败，账户仍保留，请重试。',
    en: 'Could not remove it; the account is kept. Please try again.',
  },
  acctUser: { zh: '用户名 {username}', en: 'user {username}' },
  acctWatchedCount: { zh: '关注 {n} 个订单', en: '{n} watched orders' },
  acctGrantAccess: { zh: '允许访问', en: 'Allow access' },
  acctAccessGranted: {
    zh: '已允许访问 {host}，查询很快会自动恢复。',
    en: 'Access to {host} allowed; checks resume shortly.',
  },
  acctAccessRefused: {
    zh: '浏览器拒绝了访问 {host}。请再点一次“允许访问”并选择“允许”。',
    en: 'The browser refused access to {host}. Click Allow access again and choose Allow.',
  },

  // The account form.
  acctFormAddHeading: { zh: '添加账户', en: 'Add an account' },
  acctFormEditHeading: { zh: '编辑“{label}”', en: 'Edit “{label}”' },
  acctLabel: { zh: '名称', en: 'Name' },
  acctLabelHint: {
    zh: '自己看的名称，例如景区名。留空则用网址。',
    en: 'For you, e.g. the venue’s name. Empty uses the address.',
  },
  acctBaseUrl: { zh: '票务系统网址', en: 'Ticket system address' },
  acctBaseUrlHint: {
    zh: '接口的根地址，例如 https://ticket.example.com/',
    en: 'The root of its API, e.g. https://ticket.example.com/',
  },
  acctFlavour: { zh: '接口版本', en: 'API version' },
  acctFlavourV5: { zh: 'V5', en: 'V5' },
  acctFlavourV3: { zh: 'V3', en: 'V3' },
  acctPathTemplate: { zh: '订单查询路径', en: 'Order query path' },
  acctPathTemplateHint: {
    zh: '相对于网址。可用 {orderid}（必填）、{username}、{personalid}。',
    en: 'Relative to the address. May use {orderid} (required), {username}, {personalid}.',
  },
  acctPathDefault: { zh: '恢复默认路径', en: 'Use the default path' },
  acctUsername: { zh: '用户名', en: 'Username' },
  acctHawkId: { zh: 'Hawk ID', en: 'Hawk id' },
  acctHawkIdPlaceholder: { zh: '与用户名相同', en: 'same as username' },
  acctKey: { zh: 'KEY', en: 'KEY' },
  acctPassword: { zh: '密码', en: 'Password' },
  acctSecretHint: {
    zh: '密码只用于算出签名密钥，不会保存。密钥只保存在本浏览器中，任何页面都读不到。',
    en: 'The password is only used to work out the signing key and is never stored. The key stays in this browser; no page can read it back.',
  },
  acctSecretSaved: {
    zh: '已保存密钥。只有要更换时才需输入 KEY 和密码。',
    en: 'A key is saved; enter KEY and password only to replace it.',
  },
  acctPersonalId: { zh: '个人会员 ID', en: 'Personal member id' },
  acctPersonalIdHint: { zh: '一般为 0。', en: 'Usually 0.' },
  acctAllowHttp: {
    zh: '我了解：使用 http 时，密钥签名和订单会以未加密的方式在网络上传输',
    en: 'I understand: over http, keys and orders would cross the network unencrypted',
  },
  acctHttpWarning: {
    zh: '这个网址用的是不加密的 http。除非你确定没有别的办法，否则请改用 https。',
    en: 'This address uses plain, unencrypted http. Use https unless you are sure there is no other way.',
  },
  acctSave: { zh: '保存', en: 'Save' },
  acctSaving: { zh: '保存中…', en: 'Saving…' },
  acctSaved: { zh: '账户已保存', en: 'Account saved' },
  acctCheckFields: { zh: '请先修改标出的项目。', en: 'Please correct the fields marked.' },
  acctPermissionRefused: {
    zh: 'PayClock 需要访问 {host} 才能查询订单，但浏览器拒绝了。请再点一次“保存”并选择“允许”。',
    en: 'PayClock needs access to {host} to check orders; the browser refused it. Click Save again and choose Allow.',
  },
  acctPermissionRefusedTest: {
    zh: 'PayClock 需要访问 {host} 才能测试，但浏览器拒绝了。请再点一次并选择“允许”。',
    en: 'PayClock needs access to {host} to test; the browser refused it. Click again and choose Allow.',
  },
  acctPermissionError: {
    zh: '无法请求访问 {host} 的权限：{detail}',
    en: 'Could not ask for access to {host}: {detail}',
  },
  acctNoReply: {
    zh: '扩展后台没有正常回应，什么都没有改动。请重试。',
    en: 'The extension’s background did not answer properly; nothing was changed. Please try again.',
  },
  acctSaveUnknown: {
    zh: '这个账户已不存在（可能已在别处删除）。',
    en: 'This account no longer exists (it may have been removed elsewhere).',
  },

  // Field problems (lib/sources/ticket-system/account.ts, DraftProblem).
  draftBaseUrlMissing: { zh: '请填写票务系统网址', en: 'Enter the ticket system’s address' },
  draftBaseUrlInvalid: { zh: '这不是有效的网址', en: 'This is not a valid address' },
  draftBaseUrlNotHttp: { zh: '网址须以 https:// 开头', en: 'The address must start with https://' },
  draftBaseUrlInsecure: {
    zh: '这是不加密的 http 网址：请改用 https，或勾选下方的警告确认',
    en: 'This is a plain http address: use https, or tick the warning below to accept it',
  },
  draftBaseUrlCredentials: {
    zh: '网址中不能包含用户名或密码',
    en: 'The address must not contain a user name or password',
  },
  draftBaseUrlQueryOrFragment: {
    zh: '网址中不能包含 ? 或 # 之后的部分',
    en: 'The address must not have a ? or # part',
  },
  draftPathMissing: { zh: '请填写订单查询路径', en: 'Enter the order query path' },
  draftPathNoOrderId: { zh: '路径中必须包含 {orderid}', en: 'The path must contain {orderid}' },
  draftPathUnknownPlaceholder: {
    zh: '路径中只能使用 {orderid}、{username}、{personalid}',
    en: 'The path may only use {orderid}, {username} and {personalid}',
  },
  draftPathAbsolute: {
    zh: '路径须相对于网址，不能是完整地址',
    en: 'The path must be relative to the address, not a full address',
  },
  draftPathLeavesBase: {
    zh: '路径会离开票务系统网址（如 \\、..、控制字符或另一个主机）：请求须留在该网址之下',
    en: 'The path leads away from the address (a \\, .., a control character or another host): queries must stay under it',
  },
  draftUsernameMissing: { zh: '请填写用户名', en: 'Enter the username' },
  draftUsernameInvalid: {
    zh: '用户名含有不能使用的字符（如引号、反斜杠、/、?、# 或中文），或只有点',
    en: 'The username has characters that cannot be used (quotes, backslash, /, ?, # or non-ASCII), or is only dots',
  },
  draftHawkIdInvalid: {
    zh: 'Hawk ID 含有不能使用的字符（如引号、反斜杠或中文）',
    en: 'The Hawk id has characters that cannot be used (quotes, backslash or non-ASCII)',
  },
  draftPersonalIdInvalid: { zh: '个人会员 ID 须为数字', en: 'The personal member id must be a number' },
  draftLabelMissing: { zh: '请填写名称', en: 'Enter a name' },
  draftOther: { zh: '“{field}”无效（{problem}）', en: '“{field}” is invalid ({problem})' },
  secretKeyMissing: { zh: '新账户须填写 KEY', en: 'A new account needs its KEY' },
  secretPasswordMissing: { zh: '新账户须填写密码', en: 'A new account needs its password' },
  secretBothNeeded: {
    zh: '要更换密钥，请同时填写 KEY 和密码',
    en: 'To replace the key, enter both the KEY and the password',
  },

  secretKeyMoved: {
    zh: '网址换到了另一个站点：请重新填写 KEY（原密钥只用于原站点）',
    en: 'The address is on another site now: enter the KEY again (the saved key is for the old site only)',
  },
  secretPasswordMoved: {
    zh: '网址换到了另一个站点：请重新填写密码',
    en: 'The address is on another site now: enter the password again',
  },

  // Test connection.
  testHeading: { zh: '测试连接', en: 'Test connection' },
  testOrderId: { zh: '一个真实的订单号', en: 'A real order number' },
  testRun: { zh: '测试', en: 'Test' },
  testRunning: { zh: '测试中…', en: 'Testing…' },
  testOk: { zh: '连接正常：订单 {status}', en: 'Connection works: order {status}' },
  testOkDeadline: { zh: '{time} 前支付（北京时间）', en: 'pay by {time} (Beijing time)' },
  testDraft: { zh: '请先修改标出的项目。', en: 'Correct the fields marked first.' },
  testNeedSecret: { zh: '请填写 KEY 和密码后再测试。', en: 'Enter the KEY and the password to test.' },
  testNeedOrderId: { zh: '请填写一个订单号。', en: 'Enter an order number.' },
  testNoPermission: {
    zh: '浏览器未允许 PayClock 访问 {origin}。请再点一次“测试”并选择“允许”。',
    en: 'The browser does not let PayClock reach {origin}. Click Test again and choose Allow.',
  },
  testOffline: {
    zh: '无法连接票务系统：请检查网址和网络。{detail}',
    en: 'Cannot reach the ticket system: check the address and your connection. {detail}',
  },
  testTimeout: { zh: '票务系统未在时限内响应。', en: 'The ticket system did not answer in time.' },
  testBadCredentials: {
    zh: '票务系统拒绝了签名：请核对 KEY、密码和 Hawk ID。',
    en: 'The venue refused the signature: check KEY, password and Hawk id.',
  },
  testClockSkew: {
    zh: '校正时间后票务系统仍认为签名已过期：请检查电脑的日期和时间。',
    en: 'Even after correcting for its clock, the venue says the signature is stale: check your computer’s date and time.',
  },
  testNotFound: {
    zh: '签名正确，但票务系统中此账户没有这个订单（或需要填写个人会员 ID）。',
    en: 'Signed correctly, but the venue has no such order for this account (or a personal member id is needed).',
  },
  testNoRoute: {
    zh: '票务系统不提供这个路径：请检查订单查询路径和接口版本。',
    en: 'The venue does not serve this path: check the path template.',
  },
  testVenueError: { zh: '票务系统回复错误（HTTP {status}）：', en: 'The venue replied with an error (HTTP {status}):' },
  testHttpError: { zh: '票务系统返回 HTTP {status}。', en: 'The venue answered HTTP {status}.' },
  testUnexpected: {
    zh: '票务系统返回了无法识别的内容：',
    en: 'The venue sent a reply PayClock cannot read:',
  },
} as const satisfies Strings;
