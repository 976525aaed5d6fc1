import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { PUSH_ALARM } from '@/entrypoints/background/alarm-names';
import { createBackground } from '@/entrypoints/background/service';
import { ALERT_ALARM_PREFIX } from '@/lib/schedule/alert-wakeups';
import { DEFAULT_PUSH_KINDS, type PushChannel } from '@/lib/push/channel';
import type { Order } from '@/lib/orders/model';
import type { QueryResult } from '@/lib/sources/12306/client';
import { PAY_PAGE_URL } from '@/lib/sources/12306/endpoints';
import {
  pushChannelsItem,
  pushOutboxItem,
  pushSecretsItem,
  pushStatusItem,
  sentAlertsItem,
  snapshot12306Item,
} from '@/lib/storage/items';
import { manualTimers } from '../helpers/timers';

// Push through the whole background: a reminder's alarm fires, the notice shows, and the channel's
// service (a scripted fetch standing for WeCom's robot) gets it once, across restarts, with retries
// and the stop on a refused key.

const T0 = Date.UTC(2026, 10, 22, 6, 0, 0); // 14:00 Beijing
const MINUTE = 60_000;
const deadline = T0 + 30 * MINUTE;
const KEY = '693a91f6-7aoc-4bc4-97a0-0ec2sifa5aaa';

const order: Order = {
  source: '12306',
  id: 'E849708636',
  state: 'unpaid',
  title: 'G101',
  route: '北京南 → 上海虹桥',
  departure: deadline + 2 * 24 * 60 * MINUTE,
  passengers: ['杨赟'],
  amountYuan: 553,
  deadline,
  statusText: '待支付',
  payUrl: PAY_PAGE_URL,
  queue: null,
};

const channel: PushChannel = {
  id: 'ch1',
  label: '运营群',
  service: 'wecom',
  kinds: DEFAULT_PUSH_KINDS,
  includeAmount: false,
  fields: {},
  originPatterns: ['https://qyapi.weixin.qq.com/*'],
  secretHint: '…5aaa',
};

type Answer = { status: number; body: string };
const OK: Answer = { status: 200, body: '{"errcode":0,"errmsg":"ok"}' };

function setup() {
  let now = T0;
  const replies: QueryResult[] = [{ outcome: { kind: 'unpaid', orders: [order] }, clockSample: null }];
  const query = vi.fn(async (): Promise<QueryResult> => replies.shift() ?? replies[0]!);
  const sources = [{ id: '12306' as const, item: snapshot12306Item, query, browserSession: true }];
  const clock = manualTimers(() => now);
  const answers: Answer[] = [];
  const requests: { url: string; body: { text: { content: string } } }[] = [];
  const pushFetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    requests.push({ url: String(url), body: JSON.parse(String(init?.body)) });
    const answer = answers.shift() ?? OK;
    return new Response(answer.body, { status: answer.status });
  }) as unknown as typeof fetch;
  const start = () => createBackground({ sources, now: () => now, locale: 'zh', timers: clock.timers, pushFetch });
  return {
    background: start(),
    restart: start,
    clock,
    requests,
    answers,
    at(value: number) {
      now = value;
    },
  };
}

/** The alarm that wakes the background for the alerts due at `at`. */
const wakeup = (at: number) => ({ name: `${ALERT_ALARM_PREFIX}${at}` });

describe('pushing alerts to a channel', () => {
  let world: ReturnType<typeof setup>;
  beforeEach(async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await pushChannelsItem.set([channel]);
    await pushSecretsItem.set({ ch1: { key: KEY } });
    world = setup();
    await world.background.check();
  });

  const settled = () => vi.waitFor(async () => expect((await pushOutboxItem.get()).ch1?.items ?? []).toEqual([]));

  it('sends only the kinds the channel forwards, each once, across a restart', async () => {
    // "Found" and the 10-minute reminder are not forwarded by default; the 5-minute one is.
    world.at(deadline - 10 * MINUTE);
    await world.background.onAlarm(wakeup(deadline - 10 * MINUTE));
    expect(world.requests).toEqual([]);

    world.at(deadline - 5 * MINUTE);
    await world.background.onAlarm(wakeup(deadline - 5 * MINUTE));
    await vi.waitFor(() => expect(world.requests).toHaveLength(1));
    const [request] = world.requests;
    expect(request!.url).toBe(`https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${KEY}`);
    expect(request!.body.text.content).toContain('G101 北京南 → 上海虹桥');
    expect(request!.body.text.content).toContain('5 分钟');
    expect(request!.body.text.content).not.toContain('杨赟');
    expect(request!.body.text.content).not.toContain('553');
    // The notification is shown as ever.
    expect(Object.keys(await fakeBrowser.notifications.getAll())).toContain(`remind|5|${deadline}|12306:E849708636`);
    await vi.waitFor(async () => expect((await pushStatusItem.get()).ch1?.health).toBe('ok'));

    await world.restart().onAlarm(wakeup(deadline - 5 * MINUTE));
    await settled();
    expect(world.requests).toHaveLength(1);

    // Stopped after queueing but before the notice was recorded as shown: the restarted background
    // shows the notice again, and the channel's own sent log keeps the push from going twice.
    const { [`remind|5|${deadline}|12306:E849708636`]: _shown, ...rest } = await sentAlertsItem.get();
    await sentAlertsItem.set(rest);
    await world.restart().onAlarm(wakeup(deadline - 5 * MINUTE));
    await world.background.onAlarm({ name: PUSH_ALARM });
    expect(world.requests).toHaveLength(1);
  });

  it('retries a busy service with backoff, and drops a reminder once its deadline passed', async () => {
    world.answers.push({ status: 503, body: 'upstream busy' }, { status: 502, body: '' });
    world.at(deadline - MINUTE);
    await world.background.onAlarm(wakeup(deadline - MINUTE));
    await vi.waitFor(async () => expect((await pushStatusItem.get()).ch1?.health).toBe('failing'));
    expect((await pushStatusItem.get()).ch1?.last).toMatchObject({ outcome: 'retry', httpStatus: 503 });
    // Timed 5 s later, and an alarm should the background stop before.
    expect(world.clock.pendingAt()).toContain(deadline - MINUTE + 5000);
    expect(await fakeBrowser.alarms.get(PUSH_ALARM)).toBeDefined();

    world.at(deadline - MINUTE + 5000);
    world.clock.runDue();
    await vi.waitFor(() => expect(world.requests).toHaveLength(2));
    await vi.waitFor(async () => expect((await pushOutboxItem.get()).ch1?.attempts).toBe(2));

    // The next try would come after the deadline: the reminder is dropped, not sent late.
    world.at(deadline + 1000);
    await world.restart().onAlarm({ name: PUSH_ALARM });
    expect(world.requests).toHaveLength(2);
    expect((await pushOutboxItem.get()).ch1?.items ?? []).toEqual([]);
    expect((await pushStatusItem.get()).ch1?.last).toMatchObject({ outcome: 'dropped', detail: '1 条提醒过时未送达' });
  });

  it('stops a channel whose key the service refuses, and sends nothing more to it', async () => {
    world.answers.push({
      status: 200,
      body: '{"errcode":93000,"errmsg":"invalid webhook url, hint: [1755605200056773468916791], from ip: 172.212.167.87"}',
    });
    world.at(deadline - 5 * MINUTE);
    await world.background.onAlarm(wakeup(deadline - 5 * MINUTE));
    await vi.waitFor(async () => expect((await pushStatusItem.get()).ch1?.health).toBe('refused'));
    const last = (await pushStatusItem.get()).ch1!.last!;
    expect(last.detail).toContain('93000');
    expect(last.detail).not.toContain('172.212');

    world.at(deadline - MINUTE);
    await world.background.onAlarm(wakeup(deadline - MINUTE));
    await world.background.onAlarm({ name: PUSH_ALARM });
    expect(world.requests).toHaveLength(1);
  });
});
