import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HOSTS,
  disclosureText,
  fieldFormLabel,
  fieldHint,
  forwardsText,
} from '@/entrypoints/options/push-words';
import { hostOfPattern } from '@/lib/browser/site-access';
import { translate } from '@/lib/i18n/translate';
import { PUSH_SERVICE_IDS, type PushServiceId } from '@/lib/push/channel';
import type { Fields } from '@/lib/push/service';
import { PUSH_SERVICES } from '@/lib/push/services';

// The push form's words that are not tied to its markup (English: the unit tests have no i18n API).

/** Each service's plainest valid fields: the form its documentation shows first. */
const PLAIN: Record<Exclude<PushServiceId, 'webhook'>, [fields: Fields, secrets: Fields]> = {
  bark: [{ baseUrl: 'https://api.day.app' }, { deviceKey: 'ynJ5Ft4atkMkWeo2PAvFhF' }],
  serverchan: [{}, { sendKey: 'SCT1234567TAbCdEf' }],
  pushplus: [{}, { token: 'be8652e98bd04139a13e1bffcd6d0f71' }],
  ntfy: [{ baseUrl: 'https://ntfy.sh' }, { topic: 'payclock-x7q2' }],
  dingtalk: [{}, { webhookUrl: 'https://oapi.dingtalk.com/robot/send?access_token=abcdef123456' }],
  wecom: [{}, { key: '693axxx6-7aoc-4bc4-97a0-0ec2sifa5aaa' }],
  feishu: [{}, { webhookUrl: 'https://open.feishu.cn/open-apis/bot/v2/hook/abcdef123456' }],
  telegram: [{ chatId: '123456789' }, { botToken: '123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11' }],
};

describe('the host the disclosure names before the fields say', () => {
  it.each(Object.entries(PLAIN))('is where %s sends its plainest valid fields', (id, [fields, secrets]) => {
    const checked = PUSH_SERVICES[id as PushServiceId].check(fields, secrets);
    if (Array.isArray(checked)) throw new Error(`sample refused: ${JSON.stringify(checked)}`);
    expect(checked.originPatterns.map(hostOfPattern)).toEqual([DEFAULT_HOSTS[id as PushServiceId]]);
  });

  it('is the checked hosts once there are any, the usual host before, and the user’s own for a webhook', () => {
    expect(disclosureText('dingtalk', [], false, false)).toBe(
      'Alerts (train or ticket, route, departure, minutes left, deadline in Beijing time, pay link) are sent to 钉钉 DingTalk (oapi.dingtalk.com).',
    );
    expect(disclosureText('dingtalk', ['https://oapi.dingtalk.io/*'], true, true)).toBe(
      'Alerts (train or ticket, route, departure, minutes left, deadline in Beijing time, pay link, passenger names, the amount to pay) are sent to 钉钉 DingTalk (oapi.dingtalk.io).',
    );
    expect(disclosureText('webhook', [], false, false)).toBe(
      'Alerts (train or ticket, route, departure, minutes left, deadline in Beijing time, pay link, order number and source) are sent to Webhook (the address you enter).',
    );
    expect(disclosureText('webhook', ['https://hooks.example.com/*'], false, false)).toContain(
      'to Webhook (hooks.example.com).',
    );
    // Chinese, as the brief of the section words it.
    expect(
      translate('zh', 'pushDisclosure', {
        extra: '',
        service: '钉钉 DingTalk',
        where: translate('zh', 'pushDisclosureHost', { host: DEFAULT_HOSTS.dingtalk! }),
      }),
    ).toBe(
      '提醒（车次或门票、路线、发车时间、剩余分钟、北京时间截止、支付链接）会发送到 钉钉 DingTalk（oapi.dingtalk.com）。',
    );
    expect(translate('zh', 'pushDisclosureWebhook')).toBe('、订单号及来源');
  });
});

describe('each service field', () => {
  const every = PUSH_SERVICE_IDS.flatMap((id) => PUSH_SERVICES[id].fields.map((spec) => [id, spec] as const));

  it.each(every)('of %s has a one-line hint (%o)', (id, spec) => {
    const hint = fieldHint(id, spec.name);
    expect(hint).not.toBe('');
    expect(hint).not.toContain('\n');
  });

  it('says “(optional)” in the label of an optional field only', () => {
    for (const [, spec] of every) {
      expect(fieldFormLabel(spec).endsWith('(optional)')).toBe(!spec.required);
    }
    const [, secret] = PUSH_SERVICES.dingtalk.fields;
    expect(fieldFormLabel(secret!)).toBe('Signing secret (optional)');
    expect(translate('zh', 'pushOptional', { field: '签名密钥' })).toBe('签名密钥（可选）');
  });

  it('has the hints the services’ documents give', () => {
    expect(fieldHint('dingtalk', 'signSecret')).toContain('starting SEC');
    expect(translate('zh', 'pushHintDingtalkWebhook')).toContain('群设置 → 机器人 → 自定义 → Webhook 地址');
    expect(translate('zh', 'pushHintNtfyTopic')).toBe('在 ntfy app 中订阅的主题名，请像密码一样难猜。');
    expect(translate('zh', 'pushHintTelegramChat')).toContain('数字，群组为负数');
    expect(translate('zh', 'pushHintTelegramToken')).toContain('@BotFather 给的 token');
    // Only the chat robots with a keyword setting get the keyword hint.
    expect(fieldHint('feishu', 'keyword')).toBe(fieldHint('dingtalk', 'keyword'));
    expect(fieldHint('wecom', 'keyword')).toBe('');
  });
});

describe('a channel’s row', () => {
  const NONE = { remind: [], due: false, loginExpired: false, found: false, gone: false };

  it('says what the channel forwards, or that it forwards nothing, once', () => {
    expect(forwardsText({ ...NONE, remind: [5], due: true })).toBe(
      'Forwards: 5 min before the deadline, Deadline passed',
    );
    expect(forwardsText(NONE)).toBe('Forwards nothing');
    expect(translate('zh', 'pushForwardsNothing')).toBe('不转发任何提醒');
  });
});
