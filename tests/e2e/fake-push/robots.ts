// The group robots (DingTalk, WeCom, Feishu/Lark) and the generic webhook as the fake serves them
// (docs/push-research/2-dingtalk-wecom-feishu-webhook.md). The robots refuse with an HTTP 200 and
// their own code, as the real ones do; the webhook receiver is a Standard Webhooks one.

import {
  isRecord,
  json,
  mediaType,
  parseJson,
  str,
  text,
  type Handler,
  type Incoming,
  type Judged,
  type Reply,
} from './model';
import { firstUrl, splitTitle } from './params';
import { checkDingtalk, checkFeishu, checkStandardWebhook } from './signatures';

const FROM_IP = '203.0.113.7';
const sub = (value: unknown, key: string): Record<string, unknown> => {
  const inner = isRecord(value) ? value[key] : undefined;
  return isRecord(inner) ? inner : {};
};

/** The robots' JSON body, or why it is not one (a wrong content type leaves the body unread). */
function robotBody(request: Incoming): Record<string, unknown> | null {
  if (mediaType(request) !== 'application/json') return null;
  const parsed = parseJson(request.body);
  return isRecord(parsed) ? parsed : null;
}

/** The keyword rule: in the message's text (and its title where the variant says titles count). */
const hasKeyword = (keyword: string | null, body: string, title: string, inTitle: boolean) =>
  keyword === null || body.includes(keyword) || (inTitle && title.includes(keyword));

// DingTalk: `POST /robot/send?access_token=…[&timestamp=…&sign=…]`, msgtype text, markdown,
// actionCard or link. Errors: 300001 token, 310000 sign / timestamp / keywords, 130101 busy.

interface Read {
  title: string;
  body: string;
  url: string | null;
}

function dingtalkMessage(body: Record<string, unknown>): Read | null {
  const type = body.msgtype;
  if (type === 'text') {
    const content = str(sub(body, 'text').content);
    return content ? { ...splitTitle(content), body: content, url: firstUrl(content) } : null;
  }
  if (type === 'markdown') {
    const { title, text: md } = sub(body, 'markdown');
    return typeof title === 'string' && typeof md === 'string' ? { title, body: md, url: firstUrl(md) } : null;
  }
  if (type === 'actionCard') {
    const card = sub(body, 'actionCard');
    const buttons = Array.isArray(card.btns) ? card.btns.filter(isRecord) : [];
    const url = str(card.singleURL) ?? str(buttons[0]?.actionURL) ?? null;
    return typeof card.title === 'string' && typeof card.text === 'string'
      ? { title: card.title, body: card.text, url }
      : null;
  }
  if (type === 'link') {
    const link = sub(body, 'link');
    return typeof link.title === 'string' && typeof link.text === 'string'
      ? { title: link.title, body: link.text, url: str(link.messageUrl) }
      : null;
  }
  return null;
}

const dingtalkError = (errcode: number, errmsg: string) => json({ errcode, errmsg });
const MORE = ', more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]';

export const dingtalk: Handler = (request, { accounts, variants, now }) => {
  if (request.url.pathname !== '/robot/send')
    return { verdict: 'notFound', reply: text('Not Found', 404), why: 'path' };
  if (request.method !== 'POST')
    return { verdict: 'rejected', reply: dingtalkError(43002, '需要POST请求'), why: 'method' };
  const account = accounts.dingtalk;
  if (request.url.searchParams.get('access_token') !== account.accessToken) {
    return { verdict: 'refused', reply: dingtalkError(300001, 'token is not exist'), why: 'token' };
  }
  if (account.secret !== null) {
    const check = checkDingtalk(account.secret, request.url.searchParams, now());
    if (check === 'staleTimestamp')
      return { verdict: 'refused', reply: dingtalkError(310000, `invalid timestamp${MORE}`), why: check };
    if (check !== 'ok') {
      const errmsg =
        'description:机器人发送签名不匹配;solution:请确认签名和生成签名的时间戳必须都放在调用的网址中，请确认机器人的密钥加密和填写正确;link:请参考本接口对应的开放平台文档';
      return { verdict: 'refused', reply: dingtalkError(310000, errmsg), why: `sign ${check}` };
    }
  }
  const body = robotBody(request);
  if (!body) return { verdict: 'rejected', reply: dingtalkError(40035, '缺少参数 json'), why: 'not JSON' };
  const message = dingtalkMessage(body);
  if (!message) return { verdict: 'rejected', reply: dingtalkError(40035, '缺少参数 msgtype 或 content'), why: 'body' };
  if (!hasKeyword(account.keyword, message.body, message.title, variants.keywordInTitle)) {
    return { verdict: 'rejected', reply: dingtalkError(310000, `keywords not in content${MORE}`), why: 'keyword' };
  }
  const atAll = sub(body, 'at').isAtAll === true;
  return {
    verdict: 'accepted',
    reply: dingtalkError(0, 'ok'),
    delivered: {
      title: message.title,
      text: message.body,
      url: message.url,
      urgency: atAll ? 'atAll' : null,
      signed: account.secret !== null,
      raw: body,
    },
  };
};

// WeCom: `POST /cgi-bin/webhook/send?key=…`, msgtype text, markdown or template_card. 93000 for an
// unknown key (its errmsg names the caller's IP), 45009 busy.

const wecomError = (errcode: number, what: string) =>
  json({
    errcode,
    errmsg: `${what}, hint: [1755605200056773468916791], from ip: ${FROM_IP}, more info at https://open.work.weixin.qq.com/devtool/query?e=${errcode}`,
  });

export const wecomBusy = () => wecomError(45009, 'api freq out of limit');

export const wecom: Handler = (request, { accounts }) => {
  if (request.url.pathname !== '/cgi-bin/webhook/send')
    return { verdict: 'notFound', reply: text('Not Found', 404), why: 'path' };
  if (request.url.searchParams.get('key') !== accounts.wecom.key) {
    return { verdict: 'refused', reply: wecomError(93000, 'invalid webhook url'), why: 'key' };
  }
  const body = request.method === 'POST' ? robotBody(request) : null;
  if (!body) return { verdict: 'rejected', reply: wecomError(40058, 'invalid Request Parameter'), why: 'body' };
  let read: Read;
  if (body.msgtype === 'text' || body.msgtype === 'markdown') {
    const content = str(sub(body, body.msgtype).content) ?? '';
    const limit = body.msgtype === 'text' ? 2048 : 4096;
    if (content === '') return { verdict: 'rejected', reply: wecomError(44004, 'text content is empty'), why: 'empty' };
    if (Buffer.byteLength(content) > limit)
      return { verdict: 'rejected', reply: wecomError(40058, 'content exceed max length'), why: 'length' };
    read = { ...splitTitle(content), body: content, url: firstUrl(content) };
  } else if (body.msgtype === 'template_card') {
    const card = sub(body, 'template_card');
    const action = sub(card, 'card_action');
    if (action.type !== 1 || typeof action.url !== 'string')
      return { verdict: 'rejected', reply: wecomError(40058, 'card_action invalid'), why: 'card' };
    read = { title: str(sub(card, 'main_title').title) ?? '', body: str(card.sub_title_text) ?? '', url: action.url };
  } else return { verdict: 'rejected', reply: wecomError(40008, 'invalid message type'), why: 'msgtype' };
  return {
    verdict: 'accepted',
    reply: json({ errcode: 0, errmsg: 'ok' }),
    delivered: { title: read.title, text: read.body, url: read.url, urgency: null, signed: false, raw: body },
  };
};

// Feishu / Lark: `POST /open-apis/bot/v2/hook/<token>`, msg_type text, post or interactive,
// `timestamp` + `sign` in the body when signing is on. 19001 token, 19021 sign, 19024 keyword,
// 9499 bad body, 11232 busy.

export const feishuReply = (code: number, msg: string) => json({ code, msg, data: {} });

function feishuMessage(body: Record<string, unknown>): Read | null {
  if (body.msg_type === 'text') {
    const content = str(sub(body, 'content').text);
    return content ? { ...splitTitle(content), body: content, url: firstUrl(content) } : null;
  }
  if (body.msg_type === 'post') {
    const post = sub(sub(body, 'content'), 'post');
    const lang = sub(post, 'zh_cn').content ? sub(post, 'zh_cn') : sub(post, 'en_us');
    if (!Array.isArray(lang.content)) return null;
    const parts = lang.content.flatMap((line) => (Array.isArray(line) ? line.filter(isRecord) : []));
    const url = parts.map((part) => (part.tag === 'a' ? str(part.href) : null)).find((href) => href) ?? null;
    return { title: str(lang.title) ?? '', body: parts.map((part) => str(part.text) ?? '').join(''), url };
  }
  if (body.msg_type === 'interactive') {
    const card = sub(body, 'card');
    const elements = Array.isArray(card.elements) ? card.elements.filter(isRecord) : [];
    const texts = elements.map((element) => str(sub(element, 'text').content) ?? '').join('\n');
    const buttons = elements.flatMap((element) =>
      Array.isArray(element.actions) ? element.actions.filter(isRecord) : [],
    );
    return { title: str(sub(sub(card, 'header'), 'title').content) ?? '', body: texts, url: str(buttons[0]?.url) };
  }
  return null;
}

export const feishu: Handler = (request, { accounts, variants, now }) => {
  const token = /^\/open-apis\/bot\/v2\/hook\/([^/]+)$/.exec(request.url.pathname)?.[1];
  if (!token) return { verdict: 'notFound', reply: text('404 page not found', 404), why: 'path' };
  const account = accounts.feishu;
  const badToken = feishuReply(19001, 'param invalid: incoming webhook access token invalid');
  if (decodeURIComponent(token) !== account.token) return { verdict: 'refused', reply: badToken, why: 'token' };
  const body = request.method === 'POST' ? robotBody(request) : null;
  if (!body) return { verdict: 'rejected', reply: feishuReply(9499, 'Bad Request'), why: 'body' };
  if (account.secret !== null && checkFeishu(account.secret, body, now()) !== 'ok') {
    const msg = 'sign match fail or timestamp is not within one hour from current time';
    return { verdict: 'refused', reply: feishuReply(19021, msg), why: 'sign' };
  }
  const message = feishuMessage(body);
  if (!message) return { verdict: 'rejected', reply: feishuReply(9499, 'Bad Request'), why: 'msg_type' };
  if (!hasKeyword(account.keyword, message.body, message.title, variants.keywordInTitle)) {
    return { verdict: 'rejected', reply: feishuReply(19024, 'Key Words Not Found'), why: 'keyword' };
  }
  const success = { StatusCode: 0, StatusMessage: 'success', code: 0, msg: 'success', data: {} };
  return {
    verdict: 'accepted',
    reply: json(success),
    delivered: {
      title: message.title,
      text: message.body,
      url: message.url,
      urgency: null,
      signed: account.secret !== null,
      raw: body,
    },
  };
};

// The webhook: a receiver at one path of hooks.example.test that verifies Standard Webhooks
// signatures (its secret's) and takes a JSON object. Preflights are allowed, in case one comes.

export const webhookRefusal = (status: number): Reply => json({ error: 'invalid signature' }, status);

export const webhook: Handler = (request, { accounts, variants, now }) => {
  if (request.method === 'OPTIONS') {
    const cors = {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': 'POST, OPTIONS',
      'Access-Control-Allow-Headers': '*',
    };
    return { verdict: 'notFound', reply: { status: 204, headers: cors, body: '' }, why: 'preflight' };
  }
  if (request.url.pathname !== accounts.webhook.path)
    return { verdict: 'notFound', reply: text('Not Found', 404), why: 'path' };
  if (request.method !== 'POST') return { verdict: 'rejected', reply: text('Method Not Allowed', 405), why: 'method' };
  const secret = accounts.webhook.secret;
  if (secret !== null) {
    const check = checkStandardWebhook(secret, request.headers, request.body, now());
    if (check !== 'ok')
      return { verdict: 'refused', reply: webhookRefusal(variants.webhookRefusalStatus), why: `signature ${check}` };
  }
  if (mediaType(request) !== 'application/json')
    return { verdict: 'rejected', reply: text('Unsupported Media Type', 415), why: 'type' };
  const body = parseJson(request.body);
  if (!isRecord(body))
    return { verdict: 'rejected', reply: json({ error: 'body must be a JSON object' }, 400), why: 'body' };
  return {
    verdict: 'accepted',
    reply: variants.webhookSuccessStatus === 204 ? { status: 204, headers: {}, body: '' } : json({ ok: true }),
    delivered: { ...webhookFields(body), urgency: null, signed: secret !== null, raw: body },
  };
};

/** Title, text and URL from the documented body, whichever names it uses for them. */
function webhookFields(
  body: Record<string, unknown>,
): Pick<Judged & { verdict: 'accepted' }, 'delivered'>['delivered'] {
  const orders = Array.isArray(body.orders) ? body.orders.filter(isRecord) : [];
  const items = Array.isArray(body.items) ? body.items.filter(isRecord) : [];
  const first = orders[0] ?? sub(items[0], 'order');
  return {
    title: str(body.title) ?? str(body.headline) ?? str(items[0]?.headline) ?? str(first.title) ?? '',
    text: str(body.text) ?? str(body.body) ?? str(body.message) ?? str(items[0]?.text) ?? '',
    url: str(body.url) ?? str(body.payUrl) ?? str(first.payUrl) ?? null,
    urgency: null,
    signed: false,
    raw: body,
  };
}
