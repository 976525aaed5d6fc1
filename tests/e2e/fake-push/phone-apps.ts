// Bark, Server酱 (Turbo and Server酱³), PushPlus and ntfy as the fake serves them: their documented
// paths, methods, bodies and replies (docs/push-research/1-bark-serverchan-pushplus-ntfy-telegram.md
// §1–§4; bark-server's route_push.go and router.go, ntfy's server/errors.go for the reply shapes).

import { json, str, type Handler, type Incoming, type Judged } from './model';
import { firstUrl, readParams } from './params';

const nowS = (now: number) => Math.floor(now / 1000);
const messageId = () => Math.random().toString(36).slice(2, 12);

// Bark: v2 `POST /push` with `device_key` in the JSON body, or v1 `/:key[/:title]/:body` (path
// segments QueryUnescape'd, so `+` is a space), other parameters in the query or the body.

const barkReply = (status: number, message: string, now: number) =>
  json({ code: status, message, timestamp: nowS(now) }, status);

function barkPath(path: string): { key: string; title?: string; body?: string } | null {
  const trimmed = path.slice(1).replace(/\/$/, '');
  const segments = trimmed === '' ? [] : trimmed.split('/');
  if (segments.length === 0 || segments.length > 4) return null;
  const unescape = (segment: string) => decodeURIComponent(segment.replace(/\+/g, ' '));
  try {
    const [key, ...rest] = segments.map(unescape);
    if (rest.length === 0) return { key: key! };
    if (rest.length === 1) return { key: key!, body: rest[0]! };
    return { key: key!, title: rest[0]!, body: rest.at(-1)! };
  } catch {
    return null;
  }
}

export const bark: Handler = (request, { accounts, now }) => {
  if (request.method !== 'GET' && request.method !== 'POST')
    return notFound(barkReply(405, 'Method Not Allowed', now()));
  const params = readParams(request);
  if (params.kind === 'unreadable') {
    return {
      verdict: 'rejected',
      reply: barkReply(400, `request bind failed: ${params.detail}`, now()),
      why: params.detail,
    };
  }
  const values = params.values;
  const v2 = request.url.pathname === '/push';
  const fromPath = v2 ? null : barkPath(request.url.pathname);
  if (!v2 && !fromPath) return notFound(barkReply(404, 'Cannot GET the path', now()));
  const keys = v2
    ? [str(values.device_key), ...(Array.isArray(values.device_keys) ? values.device_keys.map(str) : [])]
    : [fromPath!.key];
  const given = keys.filter((key): key is string => !!key);
  if (given.length === 0)
    return { verdict: 'refused', reply: barkReply(400, 'device key is empty', now()), why: 'no key' };
  if (!given.includes(accounts.bark.deviceKey)) {
    const message = 'failed to get device token: failed to get [register] device token from database';
    return { verdict: 'refused', reply: barkReply(400, message, now()), why: 'unknown device key' };
  }
  const body = fromPath?.body ?? str(values.markdown) ?? str(values.body) ?? 'NoContent';
  return {
    verdict: 'accepted',
    reply: barkReply(200, 'success', now()),
    delivered: {
      title: fromPath?.title ?? str(values.title) ?? '',
      text: body,
      url: str(values.url),
      urgency: str(values.level),
      signed: false,
      raw: values,
    },
  };
};

// Server酱: Turbo `https://sctapi.ftqq.com/<SendKey>.send`, Server酱³
// `https://<uid>.push.ft07.com/send/<SendKey>.send` (the uid must be the key's `sctp(\d+)t`). GET or
// POST (JSON or form). Success is `code: 0`; errors are not documented: a wrong key and the quotas
// answer alike, `code: 40001` and "[AUTH]…" (users' code records them), with HTTP 200 or 400 (a variant).

export const serverchan: Handler = (request, { accounts, variants }) => {
  const sc3Uid = /^(\d+)\.push\.ft07\.com$/.exec(request.host)?.[1];
  const match = (sc3Uid ? /^\/send\/([^/]+)\.send$/ : /^\/([^/]+)\.send$/).exec(request.url.pathname);
  if (!match) return notFound(json({ code: 404, message: 'not found' }, 404));
  const key = decodeURIComponent(match[1]!);
  const valid = sc3Uid
    ? key === accounts.serverchan.sc3Key && /^sctp(\d+)t/.exec(key)?.[1] === sc3Uid
    : key === accounts.serverchan.turboKey;
  const error = (code: number, message: string): Judged['reply'] =>
    json({ code, message, data: null }, variants.serverchanRefusal === 'http400' ? 400 : 200);
  if (!valid)
    return { verdict: 'refused', reply: error(40001, '[AUTH]用户不存在或者权限不足'), why: 'unknown SendKey' };
  if (request.method !== 'GET' && request.method !== 'POST')
    return notFound(json({ code: 405, message: 'method' }, 405));
  const params = readParams(request);
  if (params.kind === 'unreadable')
    return { verdict: 'rejected', reply: error(40002, params.detail), why: params.detail };
  const title = str(params.values.title) ?? str(params.values.text);
  if (!title) return { verdict: 'rejected', reply: error(40002, 'title不能为空'), why: 'no title' };
  const desp = str(params.values.desp) ?? '';
  return {
    verdict: 'accepted',
    reply: json({
      code: 0,
      message: '',
      data: { pushid: messageId(), readkey: messageId(), error: 'SUCCESS', errno: 0 },
    }),
    delivered: { title, text: desp, url: firstUrl(desp), urgency: null, signed: false, raw: params.values },
  };
};

// PushPlus: `/send` (or `/send/<token>`), GET with a query or POST/PUT with JSON only. Every answer
// is `{code, msg, data}`: 200 accepted, 903 bad token, 999 invalid request, 900 account limited.
// Whether errors also change the HTTP status is not documented (a variant).

export const pushplus: Handler = (request, { accounts, variants, now }) => {
  const match = /^\/send(?:\/([^/]+))?\/?$/.exec(request.url.pathname);
  if (!match) return notFound(json({ code: 404, msg: '请求地址不存在', data: null }, 404));
  const error = (code: number, msg: string) => json({ code, msg, data: null }, variants.pushplusErrorStatus);
  if (!['GET', 'POST', 'PUT'].includes(request.method)) return notFound(error(405, '请求方式不支持'));
  const params = readParams(request, { jsonOnly: request.method !== 'GET' });
  if (params.kind === 'unreadable')
    return { verdict: 'rejected', reply: error(999, params.detail), why: params.detail };
  const values = params.values;
  const token = match[1] ? decodeURIComponent(match[1]) : str(values.token);
  if (token !== accounts.pushplus.token)
    return { verdict: 'refused', reply: error(903, '无效的用户令牌'), why: 'bad token' };
  const content = str(values.content);
  if (!content) return { verdict: 'rejected', reply: error(999, '内容不能为空'), why: 'no content' };
  const template = str(values.template) ?? 'html';
  if (!['html', 'txt', 'json', 'markdown', 'cloudMonitor', 'jenkins', 'route'].includes(template)) {
    return { verdict: 'rejected', reply: error(999, '模板类型错误'), why: `template ${template}` };
  }
  // "服务器时间戳大于此时间戳，则消息不会发送": accepted, never delivered.
  const deadline = values.timestamp === undefined ? null : Number(values.timestamp);
  return {
    verdict: 'accepted',
    reply: json({ code: 200, msg: '请求成功', data: messageId() }),
    delivered: {
      title: str(values.title) ?? '',
      text: content,
      url: firstUrl(content),
      urgency: null,
      signed: false,
      raw: values,
    },
    ...(deadline !== null && Number.isFinite(deadline) && now() > deadline ? { expired: true } : {}),
  };
};

// ntfy: JSON to the root (`topic` in the body) or the message text to `/<topic>` with `Title`,
// `Click`, `Priority` headers (any alias, RFC 2047 allowed). A reserved topic needs its token.

const ntfyError = (http: number, code: number, error: string) =>
  json({ code, http, error, link: 'https://ntfy.sh/docs/publish/' }, http);
const PRIORITIES: Record<string, number> = { min: 1, low: 2, default: 3, high: 4, max: 5, urgent: 5 };

function rfc2047(value: string): string {
  return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_all, kind: string, encoded: string) =>
    kind.toLowerCase() === 'b'
      ? Buffer.from(encoded, 'base64').toString('utf8')
      : decodeURIComponent(encoded.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, '%$1')),
  );
}

const header = (request: Incoming, ...names: string[]) => {
  for (const name of names) {
    const value = request.headers[name] ?? request.url.searchParams.get(name);
    if (value) return rfc2047(value);
  }
  return null;
};

function ntfyAuth(request: Incoming, token: string | null): Judged | null {
  const given = request.headers.authorization;
  if (!given) {
    return token === null ? null : { verdict: 'refused', reply: ntfyError(403, 40301, 'forbidden'), why: 'no token' };
  }
  const bearer = /^Bearer (.+)$/i.exec(given)?.[1];
  const basic = /^Basic (.+)$/i.exec(given)?.[1];
  const password = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':').slice(1).join(':') : null;
  if (token !== null && (bearer === token || password === token)) return null;
  return { verdict: 'refused', reply: ntfyError(401, 40101, 'unauthorized'), why: 'bad token' };
}

export const ntfy: Handler = (request, { accounts, now }) => {
  if (request.method !== 'POST' && request.method !== 'PUT') return notFound(ntfyError(404, 40401, 'page not found'));
  let fields: Record<string, unknown>;
  if (request.url.pathname === '/') {
    const params = readParams({ ...request, headers: { ...request.headers, 'content-type': 'application/json' } });
    if (params.kind === 'unreadable') {
      const reply = ntfyError(400, 40017, 'invalid request: request body must be message JSON');
      return { verdict: 'rejected', reply, why: params.detail };
    }
    fields = params.values;
  } else {
    const topic = request.url.pathname.slice(1);
    if (!/^[-_A-Za-z0-9]{1,64}$/.test(topic)) return notFound(ntfyError(404, 40401, 'page not found'));
    const priority = header(request, 'x-priority', 'priority', 'prio', 'p');
    fields = {
      topic,
      message: request.body,
      title: header(request, 'x-title', 'title', 't'),
      click: header(request, 'x-click', 'click'),
      priority: priority === null ? undefined : (PRIORITIES[priority.toLowerCase()] ?? Number(priority)),
    };
  }
  const topic = str(fields.topic);
  if (!topic || !/^[-_A-Za-z0-9]{1,64}$/.test(topic)) {
    return { verdict: 'rejected', reply: ntfyError(400, 40009, 'invalid request: topic invalid'), why: 'topic' };
  }
  const refusal = ntfyAuth(request, topic === accounts.ntfy.topic ? accounts.ntfy.token : null);
  if (refusal) return refusal;
  const priority = fields.priority === undefined || fields.priority === null ? 3 : fields.priority;
  if (typeof priority !== 'number' || !Number.isInteger(priority) || priority < 1 || priority > 5) {
    return {
      verdict: 'rejected',
      reply: ntfyError(400, 40007, 'invalid request: invalid priority parameter'),
      why: 'priority',
    };
  }
  const message = str(fields.message) || 'triggered';
  const title = str(fields.title) ?? '';
  const click = str(fields.click);
  const stored = {
    id: messageId(),
    time: nowS(now()),
    expires: nowS(now()) + 43_200,
    event: 'message',
    topic,
    message,
  };
  return {
    verdict: 'accepted',
    reply: json({
      ...stored,
      ...(title ? { title } : {}),
      ...(priority !== 3 ? { priority } : {}),
      ...(click ? { click } : {}),
    }),
    delivered: { title, text: message, url: click, urgency: String(priority), signed: false, raw: fields },
  };
};

function notFound(reply: Judged['reply']): Judged {
  return { verdict: 'notFound', reply, why: 'no such route' };
}
