import type { Strings } from './strings';

// One line under each push field: what to paste and where the service shows it. Only what the
// services' documentation says (docs/push-research/*.md) or what the field's check accepts
// (lib/push/services/*.ts): no guessed menu paths.

export const pushHintStrings = {
  pushOptional: { zh: '{field}（可选）', en: '{field} (optional)' },
  pushHintBarkBaseUrl: {
    zh: '官方服务器是 https://api.day.app；自建的 bark-server 填它的地址。',
    en: 'The official server is https://api.day.app; for your own bark-server, its address.',
  },
  pushHintBarkDeviceKey: {
    zh: 'Bark app 显示的推送地址 https://api.day.app/…/ 中的 key；整段地址也可以。',
    en: 'The key in the push URL the Bark app shows (https://api.day.app/KEY/…); the whole URL works too.',
  },
  pushHintServerchanSendKey: {
    zh: 'Server酱 SendKey 页面上的 SendKey（SCT… 或 sctp…），也可粘贴该页的 API 地址。',
    en: 'The SendKey on Server酱’s SendKey page (SCT… or sctp…), or the API URL shown there.',
  },
  pushHintPushplusToken: {
    zh: 'PushPlus 的用户令牌（token）；也可粘贴带 token 的发送地址。',
    en: 'Your PushPlus user token; a send URL that carries it works too.',
  },
  pushHintNtfyBaseUrl: {
    zh: 'https://ntfy.sh，或自建 ntfy 服务器的地址。',
    en: 'https://ntfy.sh, or the address of your own ntfy server.',
  },
  pushHintNtfyTopic: {
    zh: '在 ntfy app 中订阅的主题名，请像密码一样难猜。',
    en: 'The topic you subscribe to in the ntfy app; make it as hard to guess as a password.',
  },
  pushHintNtfyToken: {
    zh: '只有受保护的主题需要：tk_ 开头的访问令牌。',
    en: 'Only for a protected topic: the access token starting tk_.',
  },
  pushHintDingtalkWebhook: {
    zh: '群设置 → 机器人 → 自定义 → Webhook 地址（https://oapi.dingtalk.com/robot/send?access_token=…）。',
    en: 'Group settings → Bots → Custom → Webhook URL (https://oapi.dingtalk.com/robot/send?access_token=…).',
  },
  pushHintDingtalkSecret: {
    zh: '机器人安全设置中“加签”下显示的 SEC 开头的字符串。',
    en: 'The string starting SEC shown under “Sign” (加签) in the robot’s security settings.',
  },
  pushHintDingtalkIp: {
    zh: '安全设置请选“加签”或“自定义关键词”：“IP 地址（段）”在家里的浏览器上无法使用（IP 会变）。',
    en: 'For security settings choose signing or a custom keyword: “IP address (range)” cannot work from a home browser (its IP changes).',
  },
  pushHintKeyword: {
    zh: '机器人安全设置中的自定义关键词之一；PayClock 会把它加进每条消息。',
    en: 'One of the custom keywords in the robot’s security settings; PayClock adds it to every message.',
  },
  pushHintWecomKey: {
    zh: '群机器人（新版客户端叫“消息推送”）的 Webhook 地址，或其中 key= 后面的部分。',
    en: 'The group robot’s webhook URL (消息推送 in newer clients), or the part after key=.',
  },
  pushHintFeishuWebhook: {
    zh: '自定义机器人的整段 Webhook 地址（https://open.feishu.cn/open-apis/bot/v2/hook/…，Lark 为 open.larksuite.com）。',
    en: 'The custom bot’s whole webhook URL (https://open.feishu.cn/open-apis/bot/v2/hook/…, open.larksuite.com for Lark).',
  },
  pushHintFeishuSecret: {
    zh: '机器人安全设置中“签名校验”的密钥。',
    en: 'The secret under “Signature verification” (签名校验) in the bot’s security settings.',
  },
  pushHintTelegramToken: {
    zh: '@BotFather 给的 token（形如 123456:ABC-DEF…）。',
    en: 'The token @BotFather gave you (like 123456:ABC-DEF…).',
  },
  pushHintTelegramChat: {
    zh: '数字，群组为负数；频道也可填 @频道名。请先在与机器人的对话中点 Start。',
    en: 'A number, negative for a group; or @name for a channel. First press Start in the chat with the bot.',
  },
  pushHintWebhookUrl: {
    zh: '接收提醒的 https 地址；整个地址都按密钥保存。',
    en: 'The https address that receives the alerts; the whole address is kept as a secret.',
  },
  pushHintWebhookSecret: {
    zh: '任意字符串，或 Standard Webhooks 的 whsec_… 密钥；填了之后每个请求都带 webhook-signature 签名头。',
    en: 'Any string, or a Standard Webhooks whsec_… secret; with it, each request carries a webhook-signature header.',
  },
} as const satisfies Strings;
