// What a test can make one host do instead of answering normally, and each service's own words for
// it: its rate-limit reply (docs/push-research: Telegram's `retry_after`, ntfy 42901, DingTalk
// 130101, WeCom 45009, Feishu 11232, PushPlus 900), a gateway's 5xx, or no answer at all.

import { json, text, type FakeServiceName, type FakeVariants, type Reply } from './model';
import { feishuReply, wecomBusy } from './robots';
import { telegramTooMany } from './telegram';

export type PushFailure =
  /** The service's own rate-limit answer (an HTTP 429 where the service has none of its own). */
  | { kind: 'rateLimited'; retryAfterS?: number }
  /** A plain HTTP 429 with `Retry-After` (Telegram's body with `retry_after` on api.telegram.org). */
  | { kind: 'http429'; retryAfterS?: number }
  /** A 5xx: the service's own 500 body where it has one, a gateway's HTML page otherwise. */
  | { kind: 'error5xx'; status?: number }
  /** Every credential is refused with the service's own refusal (as if the key was revoked). */
  | { kind: 'refuse' }
  /** A 301 to another address (a server that moved, a proxy sending to its login page). */
  | { kind: 'redirect' }
  /** The request is read and never answered, until the connection closes. */
  | { kind: 'hang' }
  /** The connection is cut. */
  | { kind: 'reset' };

const NGINX = (status: number, reason: string) =>
  `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
const REASONS: Record<number, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
};

/** A plain 429 with a `Retry-After` header. */
function tooMany(retryAfterS: number): Reply {
  const reply = text('Too Many Requests', 429);
  reply.headers['Retry-After'] = String(retryAfterS);
  return reply;
}

export function rateLimitedReply(service: FakeServiceName, retryAfterS: number, variants: FakeVariants): Reply {
  switch (service) {
    case 'telegram':
      return telegramTooMany(retryAfterS, variants.telegramRetryAfterHeader);
    case 'ntfy':
      // ntfy sets no Retry-After (server/*.go): the client's own backoff decides.
      return json(
        {
          code: 42901,
          http: 429,
          error: 'limit reached: too many requests',
          link: 'https://ntfy.sh/docs/publish/#limitations',
        },
        429,
      );
    case 'dingtalk':
      return json({ status: 1111, wait: 5, errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' });
    case 'wecom':
      return wecomBusy();
    case 'feishu':
      return variants.feishuRateLimit === 'http429' ? tooMany(retryAfterS) : feishuReply(11232, 'frequency limited');
    case 'serverchan':
      return json(
        { code: 40001, message: '[AUTH]超过分钟的发送次数限制[5]，请稍后再试', data: null },
        variants.serverchanRefusal === 'http400' ? 400 : 200,
      );
    case 'pushplus':
      return json({ code: 900, msg: '用户账号使用受限', data: null }, variants.pushplusErrorStatus);
    default:
      return tooMany(retryAfterS);
  }
}

export function http429Reply(service: FakeServiceName, retryAfterS: number): Reply {
  return service === 'telegram' ? telegramTooMany(retryAfterS, true) : tooMany(retryAfterS);
}

export function error5xxReply(service: FakeServiceName, status: number, now: number): Reply {
  if (status === 500 && service === 'bark') {
    return json(
      { code: 500, message: 'push failed: APNS push failed: ExpiredProviderToken', timestamp: Math.floor(now / 1000) },
      500,
    );
  }
  if (status === 500 && service === 'ntfy')
    return json({ code: 50001, http: 500, error: 'internal server error' }, 500);
  return text(NGINX(status, REASONS[status] ?? 'Error'), status, 'text/html');
}
