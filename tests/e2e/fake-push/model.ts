// The fake push services' shared vocabulary: which host is which service, the credentials each one
// accepts (a test can change them), the variants a test can pick where the research could not say
// what the real service does (docs/push-research/*.md, "Not confirmed"), and what one handler gets
// and gives back.

export type FakeServiceName =
  'bark' | 'serverchan' | 'pushplus' | 'ntfy' | 'dingtalk' | 'wecom' | 'feishu' | 'telegram' | 'webhook';

/** The Server酱³ uid the fake answers for: `1234.push.ft07.com`, keys `sctp1234t…`. */
export const SC3_UID = '1234';

/** Every real host name the fake answers on, and the service behind it. */
export const PUSH_HOSTS: Readonly<Record<string, FakeServiceName>> = {
  'api.day.app': 'bark',
  'sctapi.ftqq.com': 'serverchan',
  [`${SC3_UID}.push.ft07.com`]: 'serverchan',
  'www.pushplus.plus': 'pushplus',
  'ntfy.sh': 'ntfy',
  'oapi.dingtalk.com': 'dingtalk',
  'qyapi.weixin.qq.com': 'wecom',
  'open.feishu.cn': 'feishu',
  'open.larksuite.com': 'feishu',
  'api.telegram.org': 'telegram',
  'hooks.example.test': 'webhook',
};

/** What each service takes as valid. Null for an optional setting the account has not turned on. */
export interface FakeAccounts {
  bark: { deviceKey: string };
  /** Turbo (`SCT…`, on sctapi.ftqq.com) and Server酱³ (`sctp<uid>t…`, on `<uid>.push.ft07.com`). */
  serverchan: { turboKey: string; sc3Key: string };
  pushplus: { token: string };
  /** A reserved topic: with a token, publishing needs `Authorization: Bearer <token>`. */
  ntfy: { topic: string; token: string | null };
  /** `secret`: 加签 on (`SEC…`); `keyword`: 自定义关键词 on. */
  dingtalk: { accessToken: string; secret: string | null; keyword: string | null };
  wecom: { key: string };
  feishu: { token: string; secret: string | null; keyword: string | null };
  telegram: { token: string; chatId: string };
  /** The receiver's path on hooks.example.test and its Standard Webhooks secret (`whsec_…`). */
  webhook: { path: string; secret: string | null };
}

export const DEFAULT_ACCOUNTS: FakeAccounts = {
  bark: { deviceKey: 'ynJ5Ft4atkMkWeo2PAvFhF' },
  serverchan: { turboKey: 'SCT1234567TAbCdEfE2e', sc3Key: `sctp${SC3_UID}tE2eKeyAbCdEf` },
  pushplus: { token: 'be8652e98bd04139a13e1bffcd6d0f71' },
  ntfy: { topic: 'payclock-e2e-7f3e9a', token: 'tk_AgQdq7mVBoFD37zQVN29RhuMzNIz2' },
  dingtalk: {
    accessToken: 'd1e2a3d4b5e6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2',
    secret: 'SECe2e0d1n9t4lk5ecretf0rpayc10ck7e5t5',
    keyword: null,
  },
  wecom: { key: '693a91f6-7a0c-4bc4-97a0-0ec2f1fa5aaa' },
  feishu: { token: 'c2d4e6f8-1a3b-4c5d-8e7f-9a0b1c2d3e4f', secret: null, keyword: null },
  telegram: { token: '123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11', chatId: '123456789' },
  webhook: { path: '/payclock/alerts', secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' },
};

export const copyAccounts = (accounts: FakeAccounts): FakeAccounts =>
  JSON.parse(JSON.stringify(accounts)) as FakeAccounts;

/**
 * Where the research found no documented behaviour, each plausible one, picked per test. The
 * defaults are the research's best guess.
 */
export interface FakeVariants {
  /** PushPlus errors (903, 999…): in an HTTP 200 (default) or with this HTTP status as well. */
  pushplusErrorStatus: number;
  /** Server酱 with a wrong SendKey: `code` ≠ 0 in an HTTP 200, or an HTTP 4xx with the same body. */
  serverchanRefusal: 'code200' | 'http400';
  /** Telegram's 429: `parameters.retry_after` only (default), or a `Retry-After` header too. */
  telegramRetryAfterHeader: boolean;
  /** Whether DingTalk/Feishu look for the keyword in titles too (markdown title, card header). */
  keywordInTitle: boolean;
  /** Feishu's throttling: `code` 11232 in an HTTP 200 (default), or the gateway's HTTP 429. */
  feishuRateLimit: 'code11232' | 'http429';
  /** What the webhook receiver answers an accepted message with. */
  webhookSuccessStatus: 200 | 204;
  /** What the webhook receiver answers a bad signature (or a refused key) with. */
  webhookRefusalStatus: 401 | 403 | 410;
}

export const DEFAULT_VARIANTS: FakeVariants = {
  pushplusErrorStatus: 200,
  serverchanRefusal: 'code200',
  telegramRetryAfterHeader: false,
  keywordInTitle: false,
  feishuRateLimit: 'code11232',
  webhookSuccessStatus: 200,
  webhookRefusalStatus: 401,
};

export interface Incoming {
  method: string;
  /** Lowercased, no port. */
  host: string;
  url: URL;
  /** Lowercased names. */
  headers: Record<string, string>;
  body: string;
}

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What one accepted message said, as read by the fake from the service's own fields. */
export interface Delivered {
  title: string;
  text: string;
  /** Where a tap leads (Bark `url`, ntfy `click`, a card's button, the webhook's URL field…). */
  url: string | null;
  /** The service's urgency: Bark `level`, ntfy `priority`, Telegram `disable_notification`… */
  urgency: string | null;
  /** Whether a signature came and was verified (DingTalk, Feishu, webhook). */
  signed: boolean;
  /** The parsed request (JSON body, form, or query), for what the fields above do not cover. */
  raw: unknown;
}

/**
 * How a handler judged a request. `refused`: the credential or signature (the channel should stop);
 * `rejected`: the message (bad body, missing keyword); `busy`: a rate limit.
 */
export type Judged =
  | { verdict: 'accepted'; reply: Reply; delivered: Delivered; expired?: boolean }
  | { verdict: 'refused' | 'rejected' | 'busy' | 'notFound'; reply: Reply; why: string };

export interface Context {
  accounts: FakeAccounts;
  variants: FakeVariants;
  /** The service's clock, for signatures' time windows. */
  now(): number;
}

export type Handler = (request: Incoming, context: Context) => Judged;

export const json = (value: unknown, status = 200, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(value),
});

export const text = (body: string, status: number, contentType = 'text/plain; charset=utf-8'): Reply => ({
  status,
  headers: { 'Content-Type': contentType },
  body,
});

/** The media type without parameters, lowercased (`application/json; charset=utf-8` → `application/json`). */
export const mediaType = (request: Incoming): string =>
  (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();

/** The body as JSON, or undefined when it is not JSON. */
export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
