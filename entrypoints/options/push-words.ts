import { hostOfPattern } from '@/lib/browser/site-access';
import { t } from '@/lib/i18n';
import type { MessageKey } from '@/lib/i18n/messages';
import type { PushKinds, PushResult, PushServiceId } from '@/lib/push/channel';
import type { FieldProblem, FieldSpec } from '@/lib/push/service';

// The "Push to phone" section's words for services, fields, kinds and results.

/** Each service's own name, as its users know it (not translated). */
export const SERVICE_NAMES: Readonly<Record<PushServiceId, string>> = {
  bark: 'Bark',
  serverchan: 'Server酱',
  pushplus: 'PushPlus 推送加',
  ntfy: 'ntfy',
  dingtalk: '钉钉 DingTalk',
  wecom: '企业微信 WeCom',
  feishu: '飞书 Feishu / Lark',
  telegram: 'Telegram',
  webhook: 'Webhook',
};

// By the field's name in the services' `fields`; a name not listed here is shown as it is.
const FIELD_WORDS: Readonly<Record<string, MessageKey>> = {
  key: 'pushFieldKey',
  deviceKey: 'pushFieldDeviceKey',
  sendKey: 'pushFieldSendKey',
  token: 'pushFieldToken',
  accessToken: 'pushFieldAccessToken',
  botToken: 'pushFieldBotToken',
  chatId: 'pushFieldChatId',
  server: 'pushFieldServer',
  serverUrl: 'pushFieldServer',
  baseUrl: 'pushFieldServer',
  topic: 'pushFieldTopic',
  webhook: 'pushFieldWebhook',
  webhookUrl: 'pushFieldWebhook',
  url: 'pushFieldWebhook',
  secret: 'pushFieldSecret',
  signingSecret: 'pushFieldSecret',
  signSecret: 'pushFieldSecret',
  keyword: 'pushFieldKeyword',
  label: 'pushFieldLabel',
  service: 'pushFieldService',
};

export const fieldLabel = (name: string): string => {
  const key = FIELD_WORDS[name];
  return key ? t(key) : name;
};

/** The field's label in its form: an optional field says so (problems name the field without it). */
export const fieldFormLabel = (spec: FieldSpec): string =>
  spec.required ? fieldLabel(spec.name) : t('pushOptional', { field: fieldLabel(spec.name) });

// What to paste in each service's field and where the service shows it (lib/i18n/strings/push-hints.ts).
const FIELD_HINTS: Readonly<Record<PushServiceId, Readonly<Record<string, MessageKey>>>> = {
  bark: { baseUrl: 'pushHintBarkBaseUrl', deviceKey: 'pushHintBarkDeviceKey' },
  serverchan: { sendKey: 'pushHintServerchanSendKey' },
  pushplus: { token: 'pushHintPushplusToken' },
  ntfy: { baseUrl: 'pushHintNtfyBaseUrl', topic: 'pushHintNtfyTopic', token: 'pushHintNtfyToken' },
  dingtalk: { webhookUrl: 'pushHintDingtalkWebhook', signSecret: 'pushHintDingtalkSecret', keyword: 'pushHintKeyword' },
  wecom: { key: 'pushHintWecomKey' },
  feishu: { webhookUrl: 'pushHintFeishuWebhook', signSecret: 'pushHintFeishuSecret', keyword: 'pushHintKeyword' },
  telegram: { botToken: 'pushHintTelegramToken', chatId: 'pushHintTelegramChat' },
  webhook: { url: 'pushHintWebhookUrl', signSecret: 'pushHintWebhookSecret' },
};

/** The field's one-line hint, or '' for a field without one. */
export function fieldHint(service: PushServiceId, field: string): string {
  const key = FIELD_HINTS[service][field];
  return key ? t(key) : '';
}

/**
 * Where each service sends when its fields do not say yet (nothing typed, or not valid): its own
 * host, or its official server's. A webhook has none but the user's. Checked against each
 * service's `check()` in tests/unit/options/push-words.test.ts.
 */
export const DEFAULT_HOSTS: Readonly<Record<PushServiceId, string | null>> = {
  bark: 'api.day.app',
  serverchan: 'sctapi.ftqq.com',
  pushplus: 'www.pushplus.plus',
  ntfy: 'ntfy.sh',
  dingtalk: 'oapi.dingtalk.com',
  wecom: 'qyapi.weixin.qq.com',
  feishu: 'open.feishu.cn',
  telegram: 'api.telegram.org',
  webhook: null,
};

const PROBLEM_WORDS: Readonly<Record<FieldProblem['problem'], MessageKey>> = {
  missing: 'pushProblemMissing',
  invalid: 'pushProblemInvalid',
  notHttps: 'pushProblemNotHttps',
  wrongHost: 'pushProblemWrongHost',
};

// Field names that keep their capital inside an English sentence: the services' own words.
const PROPER_FIELDS: ReadonlySet<MessageKey> = new Set([
  'pushFieldSendKey',
  'pushFieldToken',
  'pushFieldChatId',
  'pushFieldWebhook',
]);

/** The field's name inside a sentence: "Enter the name", but "Enter the SendKey". */
function fieldInSentence(name: string): string {
  const key = FIELD_WORDS[name];
  const label = fieldLabel(name);
  // A Chinese name has no case; the Chinese names starting in Latin letters are all proper ones.
  return key && !PROPER_FIELDS.has(key) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

/** A space where Chinese meets a Latin word or a number: "请填写 SendKey", "Token 的格式不对". */
export const spaced = (text: string): string =>
  text.replace(/(\p{Script=Han})([A-Za-z0-9])/gu, '$1 $2').replace(/([A-Za-z0-9])(\p{Script=Han})/gu, '$1 $2');

/** "Clear the saved signing secret" / "清除已保存的签名密钥". */
export const secretClearText = (name: string): string => spaced(t('pushSecretClear', { field: fieldInSentence(name) }));

// A key pasted as a whole URL (Bark's device key, ntfy's topic) must be on the Server address's server.
const KEYS_ON_SERVER: ReadonlySet<string> = new Set(['deviceKey', 'topic']);

export function problemText(problem: FieldProblem): string {
  if (problem.problem === 'wrongHost' && KEYS_ON_SERVER.has(problem.field))
    return t('pushProblemOtherServer', { server: fieldLabel('baseUrl') });
  return spaced(t(PROBLEM_WORDS[problem.problem], { field: fieldInSentence(problem.field) }));
}

/** A channel's row: "Forwards: 5 min before the deadline, Deadline passed, …", or "Forwards nothing". */
export function forwardsText(kinds: PushKinds): string {
  const words = [
    ...kinds.remind.map((n) => t('pushKindRemind', { n })),
    ...(kinds.due ? [t('pushKindDue')] : []),
    ...(kinds.loginExpired ? [t('pushKindLoginExpired')] : []),
    ...(kinds.found ? [t('pushKindFound')] : []),
    ...(kinds.gone ? [t('pushKindGone')] : []),
  ];
  return words.length === 0
    ? t('pushForwardsNothing')
    : t('pushForwards', { kinds: words.join(t('pushListSeparator')) });
}

const OUTCOME_WORDS: Readonly<Record<PushResult['outcome'], MessageKey>> = {
  sent: 'pushOutcomeSent',
  retry: 'pushOutcomeRetry',
  refused: 'pushOutcomeRefused',
  rejected: 'pushOutcomeRejected',
  dropped: 'pushOutcomeDropped',
};
export const outcomeText = (outcome: PushResult['outcome']) => t(OUTCOME_WORDS[outcome]);

/** A test's outcome: it is sent once, so a failure that a push would retry is just a failure. */
export const testOutcomeText = (outcome: PushResult['outcome']) =>
  outcome === 'retry' ? t('pushTestOutcomeRetry') : outcomeText(outcome);

// A failing channel's line, by what became of its last message: only a 'retry' is tried again.
const FAILING_WORDS: Readonly<Partial<Record<PushResult['outcome'], MessageKey>>> = {
  rejected: 'pushHealthRejected',
  dropped: 'pushHealthDropped',
};
export const failingText = (outcome: PushResult['outcome'] | undefined) =>
  t((outcome && FAILING_WORDS[outcome]) || 'pushHealthFailing');

/** "HTTP 200" or "No reply". */
export const httpText = (status: number | null) =>
  status === null ? t('pushNoHttpReply') : t('pushHttpStatus', { status });

/**
 * Who receives what: the service, the hosts it is sent to (the fields' own, else the service's
 * usual host), and what a message holds beyond the usual.
 */
export function disclosureText(
  service: PushServiceId,
  patterns: readonly string[],
  passengers: boolean,
  amount: boolean,
): string {
  // A webhook gets the orders as data (lib/push/services/webhook-body.ts): their numbers and sources too.
  const extra = [
    service === 'webhook' ? t('pushDisclosureWebhook') : '',
    passengers ? t('pushDisclosurePassengers') : '',
    amount ? t('pushDisclosureAmount') : '',
  ].join('');
  const hosts = patterns.length > 0 ? patterns.map(hostOfPattern) : [DEFAULT_HOSTS[service]];
  const where = hosts.every((host) => host !== null)
    ? t('pushDisclosureHost', { host: hosts.join(t('pushListSeparator')) })
    : t('pushDisclosureOwnHost');
  return t('pushDisclosure', { extra, service: SERVICE_NAMES[service], where });
}
