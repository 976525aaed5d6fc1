import { describe, expect, it } from 'vitest';
import { DEFAULT_HOSTS, disclosureText } from '@/entrypoints/options/push-words';
import { hostOfPattern } from '@/lib/browser/site-access';
import { translate } from '@/lib/i18n/translate';
import type { PushServiceId } from '@/lib/push/channel';
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
      'Alerts (train or ticket, route, minutes left, deadline in Beijing time) are sent to 钉钉 DingTalk (oapi.dingtalk.com).',
    );
    expect(disclosureText('dingtalk', ['https://oapi.dingtalk.io/*'], true, true)).toBe(
      'Alerts (train or ticket, route, minutes left, deadline in Beijing time, passenger names, the amount to pay) are sent to 钉钉 DingTalk (oapi.dingtalk.io).',
    );
    expect(disclosureText('webhook', [], false, false)).toBe(
      'Alerts (train or ticket, route, minutes left, deadline in Beijing time) are sent to Webhook (the address you enter).',
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
    ).toBe('提醒（车次或门票、路线、剩余分钟、北京时间截止）会发送到 钉钉 DingTalk（oapi.dingtalk.com）。');
  });
});
