import {
  DEFAULT_PUSH_KINDS,
  PUSH_SERVICE_IDS,
  type ChannelStatus,
  type PushChannel,
  type PushServiceId,
} from '@/lib/push/channel';
import { createDispatcher, type Stored } from '@/lib/push/dispatch';
import type { PushItem } from '@/lib/push/message';
import type { Outbox } from '@/lib/push/outbox-schema';
import { PUSH_SERVICES } from '@/lib/push/services';
import { createSerialQueue } from '@/lib/util/serial';
import { DEFAULT_ACCOUNTS as ACCOUNTS, HOST_HEADER, startFakePush } from '../../tests/e2e/fake-push/server';

// Issue 17's push bench: fifty reminders fall due together and go to one channel of every service
// at once, through the background's own dispatcher (lib/push/dispatch.ts) and each service's own
// request and verdict, over real `fetch` to the fake push services (tests/e2e/fake-push/server.ts,
// plain HTTP here) answering every request in 200 ms after checking it as the service would.

const REMINDERS = 50;
const LATENCY_MS = 200;
const MINUTE = 60_000;

export interface PushBenchRow {
  service: PushServiceId;
  /** Null when the channel could not be set up (the service refused the bench's fields). */
  wallMs: number | null;
  maxInFlight: number;
  requests: number;
  /** Every reminder left the queue with the service's acceptance (not dropped, not refused). */
  allDelivered: boolean;
  note: string;
}

/** A channel of each service, with the credentials the fake accepts. */
const CHANNELS: Record<
  PushServiceId,
  { host: string; fields: Record<string, string>; secrets: Record<string, string> }
> = {
  bark: {
    host: 'api.day.app',
    fields: { baseUrl: 'https://api.day.app' },
    secrets: { deviceKey: ACCOUNTS.bark.deviceKey },
  },
  serverchan: { host: 'sctapi.ftqq.com', fields: {}, secrets: { sendKey: ACCOUNTS.serverchan.turboKey } },
  pushplus: { host: 'www.pushplus.plus', fields: {}, secrets: { token: ACCOUNTS.pushplus.token } },
  ntfy: {
    host: 'ntfy.sh',
    fields: { baseUrl: 'https://ntfy.sh' },
    secrets: { topic: ACCOUNTS.ntfy.topic, token: ACCOUNTS.ntfy.token ?? '' },
  },
  dingtalk: {
    host: 'oapi.dingtalk.com',
    fields: {},
    secrets: {
      webhookUrl: `https://oapi.dingtalk.com/robot/send?access_token=${ACCOUNTS.dingtalk.accessToken}`,
      signSecret: ACCOUNTS.dingtalk.secret ?? '',
    },
  },
  wecom: { host: 'qyapi.weixin.qq.com', fields: {}, secrets: { key: ACCOUNTS.wecom.key } },
  feishu: {
    host: 'open.feishu.cn',
    fields: {},
    secrets: { webhookUrl: `https://open.feishu.cn/open-apis/bot/v2/hook/${ACCOUNTS.feishu.token}` },
  },
  // The chat id is a public field; the bot token the secret.
  telegram: {
    host: 'api.telegram.org',
    fields: { chatId: ACCOUNTS.telegram.chatId },
    secrets: { botToken: ACCOUNTS.telegram.token },
  },
  webhook: {
    host: 'hooks.example.test',
    fields: {},
    secrets: { url: `https://hooks.example.test${ACCOUNTS.webhook.path}`, signSecret: ACCOUNTS.webhook.secret ?? '' },
  },
};

const memory = <T>(initial: T): Stored<T> & { value: T } => {
  const box = {
    value: initial,
    get: async () => box.value,
    set: async (next: T) => {
      box.value = next;
    },
  };
  return box;
};

/** Fifty 5-minute reminders whose deadlines all fall within the next few minutes. */
function reminders(now: number): PushItem[] {
  return Array.from({ length: REMINDERS }, (_, n) => {
    const deadline = now + 5 * MINUTE + n * 1000;
    const id = `E${String(900000000 + n)}`;
    return {
      alertIds: [`remind|5|${deadline}|12306:${id}`],
      kind: 'remind',
      headline: '还剩 5 分钟支付',
      text: `G${100 + n} 北京南 → 上海虹桥 · 截止 ${new Date(deadline + 8 * 60 * MINUTE).toISOString().slice(11, 16)}`,
      url: 'https://kyfw.12306.cn/otn/view/train_order.html',
      orders: [],
      usefulUntil: deadline,
    };
  });
}

export async function pushFifty(): Promise<PushBenchRow[]> {
  const fake = await startFakePush({ tls: false });
  try {
    for (const { host } of Object.values(CHANNELS)) fake.setLatency(host, LATENCY_MS);
    const channels: PushChannel[] = [];
    const secrets: Record<string, Record<string, string>> = {};
    const notes = new Map<PushServiceId, string>();
    for (const service of PUSH_SERVICE_IDS) {
      const { fields, secrets: secret } = CHANNELS[service];
      const checked = PUSH_SERVICES[service].check(fields, secret);
      if (Array.isArray(checked)) {
        notes.set(
          service,
          `skipped: the service refused the bench's fields (${checked.map((p) => `${p.field} ${p.problem}`).join(', ')})`,
        );
        continue;
      }
      channels.push({
        id: service,
        label: service,
        service,
        kinds: DEFAULT_PUSH_KINDS,
        includeAmount: false,
        fields,
        originPatterns: checked.originPatterns,
        secretHint: checked.secretHint,
      });
      secrets[service] = secret;
    }

    // Real fetch to the local fake; the service's host travels in a header fetch lets us set.
    const finished = new Map<string, number>();
    const toFake: typeof fetch = async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const headers = { ...(init?.headers as Record<string, string> | undefined), [HOST_HEADER]: url.hostname };
      const response = await fetch(`http://127.0.0.1:${fake.port}${url.pathname}${url.search}`, { ...init, headers });
      finished.set(url.hostname, performance.now());
      return response;
    };

    const outbox = memory<Outbox>({});
    const status = memory<Record<string, ChannelStatus>>({});
    const dispatcher = createDispatcher({
      channels: async () => channels,
      secrets: async () => secrets,
      outbox,
      status,
      serial: createSerialQueue(),
      services: PUSH_SERVICES,
      locale: 'zh',
      now: Date.now,
      send: { fetch: toFake },
      // Anything still waiting after the flush shows as not delivered.
      wakeAt: () => {},
    });
    const items = reminders(Date.now());
    const started = performance.now();
    await dispatcher.add(new Map(channels.map((channel) => [channel.id, items])));
    await dispatcher.flush();

    return PUSH_SERVICE_IDS.map((service): PushBenchRow => {
      const { host } = CHANNELS[service];
      const note = notes.get(service);
      if (note) return { service, wallMs: null, maxInFlight: 0, requests: 0, allDelivered: false, note };
      const requests = fake.requests.filter((request) => request.host === host);
      const allDelivered =
        (outbox.value[service]?.items.length ?? 0) === 0 &&
        status.value[service]?.health === 'ok' &&
        requests.length > 0 &&
        requests.every((request) => request.verdict === 'accepted');
      const refusals = requests
        .filter((request) => request.verdict !== 'accepted')
        .map((request) => `${request.verdict}: ${request.why}`);
      return {
        service,
        wallMs: Math.round((finished.get(host) ?? started) - started),
        maxInFlight: fake.maxInFlight(host),
        requests: requests.length,
        allDelivered,
        note: refusals.length > 0 ? `the fake said ${refusals.join('; ')}` : '',
      };
    });
  } finally {
    await fake.close();
  }
}
