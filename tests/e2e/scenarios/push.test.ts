import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import type { DeliveredMessage, FakePush } from '../fake-push/server';
import { launchChromium } from '../harness/chromium';
import { launchFirefox } from '../harness/firefox';
import {
  addPushChannel,
  channelHealth,
  pageTexts,
  sendTest,
  stopBackground,
  type PushChannelInput,
} from '../harness/push';
import type { ExtensionSession } from '../harness/session';
import { syncStorage } from '../harness/venue';
import { eventually, logInOn12306, MINUTE, withWorld, type World } from '../harness/world';

// Issue 17, end to end: push channels added on the settings page (the site prompt accepted, Send
// test showing what the fake service answered), then 12306 reminders arriving at the fake services
// on their real host names at their moment, before and after the browser stops the background;
// a refused key stopping its channel (shown in settings and the popup, nothing more sent); a channel
// that does not forward reminders getting none; DingTalk's, Feishu's and the webhook's signatures
// verified by the fakes; and no secret on any page, in storage.sync, or in storage.local outside
// `push.secrets`.
//
// Each browser runs in a world of its own, both at once: most of the time is spent waiting for
// real reminder alarms, not computing.

const PAY_PAGE = /^https:\/\/kyfw\.12306\.cn\//;
const FEISHU_SECRET = 'feishu-e2e-signing-secret';
const KEYWORD = 'PayClock';

interface Spec extends PushChannelInput {
  /** The host its messages go to. */
  host: string;
  /** What the settings page must show of the service's answer to Send test. */
  answer: string;
  /** The values that must never leave the background. */
  secrets: string[];
  /** The channel's messages must come signed and verified. */
  signed?: boolean;
  /** Forwards no reminder (its 5- and 1-minute boxes unticked). */
  noReminders?: boolean;
  /** The fake refuses its key after its test. */
  refusedLater?: boolean;
}

function specs(push: FakePush): Spec[] {
  const a = push.accounts;
  return [
    {
      service: 'bark',
      label: 'Bark phone',
      host: 'api.day.app',
      fields: { baseUrl: 'https://api.day.app', deviceKey: a.bark.deviceKey },
      answer: '"message":"success"',
      secrets: [a.bark.deviceKey],
    },
    {
      service: 'telegram',
      label: 'Telegram chat',
      host: 'api.telegram.org',
      fields: { botToken: a.telegram.token, chatId: a.telegram.chatId },
      answer: '"ok":true',
      secrets: [a.telegram.token],
    },
    {
      service: 'dingtalk',
      label: 'DingTalk group',
      host: 'oapi.dingtalk.com',
      fields: {
        webhookUrl: `https://oapi.dingtalk.com/robot/send?access_token=${a.dingtalk.accessToken}`,
        signSecret: a.dingtalk.secret!,
        keyword: KEYWORD,
      },
      answer: '"errmsg":"ok"',
      secrets: [a.dingtalk.accessToken, a.dingtalk.secret!],
      signed: true,
    },
    {
      service: 'webhook',
      label: 'Home webhook',
      host: 'hooks.example.test',
      fields: { url: `https://hooks.example.test${a.webhook.path}`, signSecret: a.webhook.secret! },
      answer: '"ok":true',
      secrets: [a.webhook.secret!],
      signed: true,
    },
    {
      service: 'feishu',
      label: 'Feishu group',
      host: 'open.feishu.cn',
      fields: {
        webhookUrl: `https://open.feishu.cn/open-apis/bot/v2/hook/${a.feishu.token}`,
        signSecret: FEISHU_SECRET,
      },
      answer: '"msg":"success"',
      secrets: [a.feishu.token, FEISHU_SECRET],
      signed: true,
    },
    {
      service: 'serverchan',
      label: 'ServerChan Turbo',
      host: 'sctapi.ftqq.com',
      fields: { sendKey: a.serverchan.turboKey },
      answer: '"code":0',
      secrets: [a.serverchan.turboKey],
    },
    {
      service: 'serverchan',
      label: 'ServerChan 3',
      host: '1234.push.ft07.com',
      fields: { sendKey: a.serverchan.sc3Key },
      answer: '"code":0',
      secrets: [a.serverchan.sc3Key],
    },
    {
      service: 'pushplus',
      label: 'PushPlus',
      host: 'www.pushplus.plus',
      fields: { token: a.pushplus.token },
      answer: '"code":200',
      secrets: [a.pushplus.token],
    },
    {
      service: 'ntfy',
      label: 'ntfy deadlines only',
      host: 'ntfy.sh',
      fields: { baseUrl: 'https://ntfy.sh', topic: a.ntfy.topic, token: a.ntfy.token! },
      untickRemind: [5, 1],
      answer: 'HTTP 200',
      secrets: [a.ntfy.topic, a.ntfy.token!],
      noReminders: true,
    },
    {
      service: 'wecom',
      label: 'WeCom group',
      host: 'qyapi.weixin.qq.com',
      fields: { key: a.wecom.key },
      answer: '"errmsg":"ok"',
      secrets: [a.wecom.key],
      refusedLater: true,
    },
  ];
}

/** Whole seconds, as 12306 gives deadlines. */
const wholeSecond = (instant: number) => Math.floor(instant / 1000) * 1000;

const about = (message: DeliveredMessage, train: string) =>
  JSON.stringify([message.title, message.text, message.raw]).includes(train);

/** The channel's messages about this train that were not tests. */
const reminded = (push: FakePush, host: string, train: string) =>
  push.messagesTo(host).filter((message) => about(message, train));

async function addChannels(world: World, options: Page, list: Spec[]): Promise<Map<Spec, string>> {
  const ids = new Map<Spec, string>();
  for (const spec of list) {
    const before = world.push.messagesTo(spec.host).length;
    const id = await addPushChannel(options, spec);
    ids.set(spec, id);
    const tested = await sendTest(options, id);
    expect([spec.label, tested.kind, tested.outcome]).toEqual([spec.label, 'answered', 'sent']);
    expect(tested.text, spec.label).toContain('HTTP 200');
    expect(tested.text, spec.label).toContain(spec.answer);
    // One test message reached the fake, which verified it (key, body, signature, keyword).
    const arrived = world.push.messagesTo(spec.host).slice(before);
    expect(arrived, spec.label).toHaveLength(1);
    if (spec.signed) expect(arrived[0]!.signed, spec.label).toBe(true);
  }
  return ids;
}

/** Every channel forwarding reminders got exactly one message for the train, at its moment. */
/** `retried`: hosts whose first try fails, so the reminder comes after the first backoff (5 s). */
async function expectReminder(
  world: World,
  list: Spec[],
  train: string,
  dueAt: number,
  retried: string[] = [],
): Promise<void> {
  const forwarding = list.filter((spec) => !spec.noReminders && !spec.refusedLater);
  await eventually(
    async () => forwarding.every((spec) => reminded(world.push, spec.host, train).length > 0),
    dueAt - Date.now() + 20_000,
    `the 1-minute reminder for ${train} at every channel`,
  );
  for (const spec of forwarding) {
    const messages = reminded(world.push, spec.host, train);
    expect(messages, `${spec.label}: ${train} once`).toHaveLength(1);
    const [message] = messages;
    const [earliest, latest] = retried.includes(spec.host) ? [4_000, 12_000] : [-1_500, 3_000];
    expect(message!.at - dueAt, `${spec.label}: on time`).toBeLessThan(latest);
    expect(message!.at - dueAt, `${spec.label}: not early`).toBeGreaterThan(earliest);
    if (spec.signed) expect(message!.signed, spec.label).toBe(true);
  }
  for (const service of ['api.day.app', 'api.telegram.org', 'oapi.dingtalk.com', 'hooks.example.test']) {
    const [message] = reminded(world.push, service, train);
    if (message) expect(message.url, `${service}: the tap opens the pay page`).toMatch(PAY_PAGE);
  }
}

async function scenario(world: World, session: ExtensionSession): Promise<void> {
  const push = world.push;
  push.accounts.dingtalk.keyword = KEYWORD;
  push.accounts.feishu.secret = FEISHU_SECRET;
  const list = specs(push);

  // Settings: add every channel, each asking for its host and answering its test.
  const options = await session.openPage('options.html');
  await options.waitForSelector('[data-testid=push-add]');
  const ids = await addChannels(world, options, list);

  // A service that moved: the browser's fetch does not follow the redirect, and the page says why
  // (not "offline", which would retry it for ever).
  const pushplus = list.find((spec) => spec.service === 'pushplus')!;
  push.setFailure(pushplus.host, { kind: 'redirect' }, { times: 1 });
  const moved = await sendTest(options, ids.get(pushplus)!);
  expect([moved.kind, moved.outcome]).toEqual(['answered', 'rejected']);
  expect(moved.text).toMatch(/does not follow redirects|不跟随转向/);
  expect(push.requests.filter((request) => request.host === pushplus.host && request.why === 'redirect')).toHaveLength(
    1,
  );

  const wecom = list.find((spec) => spec.refusedLater)!;
  push.setFailure(wecom.host, { kind: 'refuse' });

  // Two orders: the 1-minute reminder of the first falls 20 s from now, the second's 35 s from now.
  const deadlineA = wholeSecond(Date.now() + MINUTE + 20_000);
  const deadlineB = wholeSecond(Date.now() + MINUTE + 35_000);
  world.fake.setReply({
    kind: 'orders',
    orders: [
      { sequenceNo: 'E700000001', train: 'G7001', payLimit: deadlineA },
      { sequenceNo: 'E700000002', train: 'G7002', payLimit: deadlineB },
    ],
  });
  const login = await session.browser.newPage();
  await logInOn12306(login);
  await login.close();

  await expectReminder(world, list, 'G7001', deadlineA - MINUTE);

  // The refused key: its channel stops, the settings page and the popup say so.
  const wecomRequests = () =>
    push.requests.filter((request) => request.host === wecom.host && request.verdict !== 'notFound');
  await eventually(
    async () => (await channelHealth(options, ids.get(wecom)!)).health === 'refused',
    5_000,
    'WeCom refused',
  );
  expect(wecomRequests().map((request) => request.verdict)).toEqual(['accepted', 'refused']);
  const popup = await session.openPopup();
  const line = await popup.waitForSelector('[data-testid=push-line]', { timeout: 5_000 });
  expect(await line!.evaluate((element) => element.getAttribute('data-health'))).toBe('refused');
  expect(await line!.evaluate((element) => (element as HTMLElement).innerText)).toContain(wecom.label);
  await popup.close();

  // The browser stops the background; the second reminder still comes, at its moment, and the
  // first is not pushed again.
  // Its first try meets a gateway's 503 at Bark and flood control at Telegram: each is tried again
  // after the backoff (Telegram's retry_after is shorter), once.
  push.setFailure('api.day.app', { kind: 'error5xx', status: 503 }, { times: 1 });
  push.setFailure('api.telegram.org', { kind: 'rateLimited', retryAfterS: 2 }, { times: 1 });
  await stopBackground(session);
  expect(Date.now(), 'stopped before the second reminder was due').toBeLessThan(deadlineB - MINUTE - 1_000);
  const retried = ['api.day.app', 'api.telegram.org'].filter((host) => list.some((spec) => spec.host === host));
  await expectReminder(world, list, 'G7002', deadlineB - MINUTE, retried);
  for (const host of retried) {
    expect(
      push.requests.filter((request) => request.host === host && request.verdict === 'failed'),
      host,
    ).toHaveLength(1);
  }
  for (const spec of list) expect(reminded(push, spec.host, 'G7001').length, spec.label).toBeLessThanOrEqual(1);

  // Nothing more to the refused channel; nothing at all but its test to the one forwarding no reminders.
  expect(wecomRequests()).toHaveLength(2);
  const quiet = list.find((spec) => spec.noReminders);
  if (quiet) expect(push.messagesTo(quiet.host)).toHaveLength(1);

  // No secret on any extension page, nor in storage.sync, nor in storage.local but push.secrets.
  const secrets = list.flatMap((spec) =>
    spec.secrets.map((value, n) => ({ value, name: `${spec.label} secret ${n + 1}` })),
  );
  const fresh = await session.openPage('options.html');
  await fresh.waitForSelector('li[data-testid=push-channel]');
  const shown = await session.openPopup();
  const pages = { 'the settings page used': options, 'a fresh settings page': fresh, 'the popup': shown };
  for (const [where, page] of Object.entries(pages)) {
    const texts = await pageTexts(page);
    expect(secrets.filter(({ value }) => texts.includes(value)).map(({ name }) => `${name} on ${where}`)).toEqual([]);
  }
  expect(await syncStorage(session)).toEqual({});
  const { 'push.secrets': kept, ...rest } = await session.storage();
  const elsewhere = Object.entries(rest).flatMap(([key, value]) =>
    secrets.filter((secret) => JSON.stringify(value).includes(secret.value)).map(({ name }) => `${name} in ${key}`),
  );
  expect(elsewhere).toEqual([]);
  expect(Object.keys(kept as object).sort()).toEqual([...ids.values()].sort());
  expect(JSON.stringify(kept)).toContain(list[0]!.secrets[0]!);

  if (quiet) await testAgainAndAgain(push, fresh, quiet, ids.get(quiet)!);
}

/**
 * Send test clicked four times in a row: the channel's share of the minute goes out (fewer when
 * the channel has just pushed a deadline), then the page says how long to wait and nothing is sent.
 */
async function testAgainAndAgain(push: FakePush, options: Page, spec: Spec, id: string): Promise<void> {
  const tests = () => push.messagesTo(spec.host).filter((message) => !about(message, 'G700')).length;
  const before = tests();
  const views = [];
  for (let n = 0; n < 4; n++) views.push(await sendTest(options, id));
  const answered = views.filter((view) => view.kind === 'answered').length;
  expect(views.map((view) => view.kind)).toEqual([
    ...Array(answered).fill('answered'),
    ...Array(4 - answered).fill('limited'),
  ]);
  expect(answered).toBeGreaterThanOrEqual(1);
  expect(answered).toBeLessThanOrEqual(3);
  expect(views.at(-1)!.text).toMatch(/Try again in \d+ s\.|请 \d+ 秒后再试/);
  expect(tests() - before).toBe(answered);
}

// A minute of real reminder alarms, and a background restart, per browser.
const TIMEOUT = 170_000;

describe.concurrent('push to phone', () => {
  it(
    'Chromium: channels added and tested, reminders pushed on time and after a restart',
    () => withWorld((proxyPort) => launchChromium({ proxyPort }), scenario),
    TIMEOUT,
  );

  it(
    'Firefox: channels added and tested, reminders pushed on time and after a restart',
    () => withWorld((proxyPort) => launchFirefox({ proxyPort }), scenario),
    TIMEOUT,
  );
});
