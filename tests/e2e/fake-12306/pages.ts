// HTML pages of the fake 12306: the ones the extension sends users to and the ones an overlay may
// decorate. The markup imitates the real site's layout and Chinese text closely enough for a content
// script to find its way, with no external scripts, styles or images (a browser loading them would
// only add noise to the recorded requests). Anything interpolated is escaped.

import { STATUS_CODES } from 'node:http';
import { beijingText, queuingJson, unpaidOrdersJson, type FixtureOrder } from '../../fixtures/12306/replies';
import { waitlistOrderObject, type FixtureWaitlistOrder } from '../../fixtures/12306/waitlist-replies';

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (text: string | number): string => String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const STYLE = `body{margin:0;font:12px/1.5 "Microsoft YaHei",Arial,sans-serif;color:#333}
.header{background:#3b99fc;color:#fff;padding:8px 20px;display:flex;justify-content:space-between}
.header a{color:#fff}.logo{font-size:20px;font-weight:bold;text-decoration:none}
.nav{background:#f5f5f5;border-bottom:1px solid #ddd;padding:6px 20px}.nav a{margin-right:24px;color:#333}
.content{width:1000px;margin:16px auto}.footer{color:#999;text-align:center;margin:32px 0}
.order-item{border:1px solid #dbe8f9;margin-bottom:12px}.order-item-hd{background:#eef5fd;padding:6px 10px}
.order-item table{width:100%;border-collapse:collapse}.order-item td{padding:6px 10px;border-top:1px solid #eee}
.order-item-ft{padding:6px 10px;text-align:right}.btn{padding:4px 16px;border:0;border-radius:3px;cursor:pointer}
.btn-primary{background:#ff8000;color:#fff}.pay-limit{color:#f60;font-weight:bold}`;

/** The common frame of every page: top bar with login state, main navigation, footer. */
function layout(title: string, loggedIn: boolean, content: string): string {
  const account = loggedIn
    ? '<a href="/otn/view/index.html" id="J-header-username">我的12306</a> | <a href="/otn/login/loginOut" id="regist_out">退出</a>'
    : '您好，请 <a href="/otn/resources/login.html" id="J-btn-login">登录</a> | <a href="#">注册</a>';
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<div class="header" id="header">
  <a href="https://www.12306.cn/index/" class="logo">中国铁路12306</a>
  <div class="header-right">${account}</div>
</div>
<div class="nav" id="J-nav">
  <a href="/otn/view/index.html">首页</a><a href="/otn/leftTicket/init">车票</a><a href="#">团购服务</a>
  <a href="#">会员服务</a><a href="#">站车服务</a><a href="/otn/view/train_order.html">我的订单</a><a href="#">出行指南</a>
</div>
<div class="content">
${content}
</div>
<div class="footer">版权所有©2008-2024 中国铁道科学研究院集团有限公司 技术支持：铁旅科技有限公司</div>
</body>
</html>
`;
}

// The login page's own script, as far as the tests need it. The real page logs in with
// XMLHttpRequest: the password to the passport, a ticket from the passport, the ticket to /otn for
// tk; only then does it move on. `loginByScript` stops there, so the session cookies change with no
// page load after them (only a cookie event can tell the extension). `logoutByScript` ends the
// session the same way. `qrConfirmed` is what the page does once the phone confirmed its QR code:
// it goes to the passport, which redirects through /otn/uamauthclient (setting tk) to the home page.
const LOGIN_SCRIPT = `
const xhr = (path, body) => fetch(path, {
  method: 'POST',
  headers: { 'X-Requested-With': 'XMLHttpRequest', 'Content-Type': 'application/x-www-form-urlencoded; charset=UTF-8' },
  body,
}).then((response) => response.json());
window.loginByScript = async () => {
  const form = new URLSearchParams({ username: 'traveller', password: 'not-a-real-password', appid: 'otn' });
  const login = await xhr('/passport/web/login', form.toString());
  if (login.result_code !== 0) throw new Error(login.result_message);
  const ticket = await xhr('/passport/web/auth/uamtk', 'appid=otn');
  const client = await xhr('/otn/uamauthclient', 'tk=' + encodeURIComponent(ticket.newapptk));
  if (client.result_code !== 0) throw new Error(client.result_message);
  document.getElementById('J-login-result').textContent = '登录成功';
};
window.logoutByScript = async () => {
  await xhr('/otn/login/loginOut', '_json_att=');
  document.getElementById('J-login-result').textContent = '已退出';
};
window.qrConfirmed = () => { location.href = '/passport/web/auth/uamtk'; };
`;

/** The login page; any user name and password are accepted by `/passport/web/login`. */
export function loginPage(): string {
  return layout(
    '登录 | 中国铁路12306网站',
    false,
    `<div class="login-box" id="J-login-box">
  <ul class="login-hd"><li class="login-hd-code active"><a href="javascript:;">账号登录</a></li><li><a href="javascript:;" id="J-qrcode-tab">扫码登录</a></li></ul>
  <form id="J-login-form" method="post" action="/passport/web/login">
    <div class="login-item"><input type="text" id="J-userName" name="username" placeholder="用户名/邮箱/手机号" autocomplete="username"></div>
    <div class="login-item"><input type="password" id="J-password" name="password" placeholder="密码" autocomplete="current-password"></div>
    <button type="submit" id="J-login" class="btn btn-primary login-btn">立即登录</button>
  </form>
  <div class="login-code" id="J-qrcode"><p>请使用12306手机客户端扫描二维码登录</p></div>
  <p class="login-result" id="J-login-result"></p>
  <p class="login-tip">铁路客户服务中心提醒您：请使用本人账号购票，注意保护个人信息。</p>
</div>
<script>${LOGIN_SCRIPT}</script>`,
  );
}

/** The home page a login lands on. */
export function homePage(loggedIn: boolean): string {
  return layout(
    '中国铁路12306网站',
    loggedIn,
    `<div class="welcome" id="J-welcome">
  <h2>${loggedIn ? '欢迎您登录中国铁路客户服务中心网站。' : '欢迎访问中国铁路客户服务中心网站。'}</h2>
  <p>如果您需要预订车票，请您点击<a href="/otn/leftTicket/init">车票预订</a>。</p>
  <ul class="quick-links">
    <li><a href="/otn/view/train_order.html">未完成订单</a></li>
    <li><a href="/otn/view/lineUp_order.html">候补订单</a></li>
    <li><a href="#">本人车票</a></li>
  </ul>
</div>`,
  );
}

// The fields of an order in a reply that the page shows; read back from the shared reply builder so
// the page and the JSON never disagree.
interface ReplyTicket {
  passengerDTO: { passenger_name: string };
  coach_name: string;
  seat_name: string;
  seat_type_name: string;
  ticket_type_name: string;
  str_ticket_price_page: string;
  ticket_status_name: string;
  pay_limit_time: string;
}
interface ReplyOrder {
  sequence_no: string;
  order_date: string;
  train_code_page: string;
  from_station_name_page: string[];
  to_station_name_page: string[];
  start_train_date_page: string;
  ticket_total_price_page: string;
  tickets: ReplyTicket[];
}
interface ReplyQueue {
  stationTrainCode: string;
  fromStationName: string;
  toStationName: string;
  startTimeString: string;
  array_passser_name_page: string[];
}

function orderBlock(order: ReplyOrder): string {
  const rows = order.tickets
    .map(
      (t) => `<tr class="ticket-row">
        <td class="passenger">${escapeHtml(t.passengerDTO.passenger_name)}</td>
        <td class="seat">${escapeHtml(t.coach_name)}车 ${escapeHtml(t.seat_name)}</td>
        <td class="seat-type">${escapeHtml(t.seat_type_name)} ${escapeHtml(t.ticket_type_name)}</td>
        <td class="price">${escapeHtml(t.str_ticket_price_page)}元</td>
        <td class="status">${escapeHtml(t.ticket_status_name)}</td>
      </tr>`,
    )
    .join('\n');
  const no = escapeHtml(order.sequence_no);
  return `<div class="order-item" data-sequence-no="${no}">
    <div class="order-item-hd">订单号：<span class="order-no">${no}</span>　订票日期：${escapeHtml(order.order_date)}</div>
    <table><tr class="train-row"><td colspan="5" class="train">
      <span class="train-code">${escapeHtml(order.train_code_page)}</span>
      <span class="stations">${escapeHtml(order.from_station_name_page[0] ?? '')} → ${escapeHtml(order.to_station_name_page[0] ?? '')}</span>
      <span class="depart">${escapeHtml(order.start_train_date_page)}开</span>
    </td></tr>
    ${rows}</table>
    <div class="order-item-ft">
      席位已锁定，请在 <span class="pay-limit">${escapeHtml(order.tickets[0]?.pay_limit_time ?? '')}</span> 前完成支付，逾期将取消订单。
      总票价：<span class="total-price">${escapeHtml(order.ticket_total_price_page)}元</span>
      <button type="button" class="btn btn-primary btn-pay" data-sequence-no="${no}">支付</button>
      <button type="button" class="btn btn-cancel" data-sequence-no="${no}">取消订单</button>
    </div>
  </div>`;
}

function queueBlock(queue: ReplyQueue): string {
  return `<div class="order-item order-queue">
    <div class="order-item-hd">订单排队中，请耐心等待……</div>
    <table><tr><td class="train">${escapeHtml(queue.stationTrainCode)} ${escapeHtml(queue.fromStationName)} → ${escapeHtml(queue.toStationName)}
      ${escapeHtml(queue.startTimeString)}开</td><td class="passenger">${queue.array_passser_name_page.map(escapeHtml).join('，')}</td></tr></table>
  </div>`;
}

/** What the unpaid-orders page lists: the orders (or the queued request) the query reply carries. */
export type PageOrders = { orders: FixtureOrder[] } | { queuing: Parameters<typeof queuingJson>[0] } | null;

/** 未完成订单 (`/otn/view/train_order.html`), listing the currently scripted orders. */
export function unpaidOrdersPage(shown: PageOrders): string {
  let list: string;
  if (shown && 'orders' in shown && shown.orders.length > 0) {
    const reply = JSON.parse(unpaidOrdersJson(shown.orders)) as { data: { orderDBList: ReplyOrder[] } };
    list = reply.data.orderDBList.map(orderBlock).join('\n');
  } else if (shown && 'queuing' in shown) {
    // requestId exceeds 2^53 and is corrupted by JSON.parse; the page does not show it.
    const reply = JSON.parse(queuingJson(shown.queuing)) as { data: { orderCacheDTO: ReplyQueue } };
    list = queueBlock(reply.data.orderCacheDTO);
  } else {
    list = `<div class="no-order" id="noCompleteOrder">您没有未完成的订单，您可以通过<a href="/otn/leftTicket/init">车票预订</a>功能，来制定出行计划。</div>`;
  }
  return layout(
    '未完成订单 | 中国铁路12306网站',
    true,
    `<h2 class="order-title">未完成订单</h2>
<div class="order-tip">温馨提示：席位已锁定，请在指定时间内完成网上支付。逾期未支付，系统将取消本次交易。</div>
<div class="order-panel" id="orderNoComplete">
${list}
</div>`,
  );
}

/** What the 候补订单 page lists: the waitlist order awaiting prepayment, if one is scripted. */
export type PageWaitlist = { order: FixtureWaitlistOrder; loseTime: number } | null;

function waitlistBlock(shown: NonNullable<PageWaitlist>): string {
  // Read back from the shared reply builder so the page and the JSON never disagree.
  const order = waitlistOrderObject(shown.order, shown.loseTime);
  const no = escapeHtml(order.reserve_no);
  const needs = order.needs
    .map(
      (need) => `<tr class="need-row">
        <td class="train">${escapeHtml(need.board_train_code)} ${escapeHtml(need.from_station_name)} → ${escapeHtml(need.to_station_name)}</td>
        <td class="depart">${escapeHtml(need.train_date)} ${escapeHtml(need.start_time)}开</td>
        <td class="seat-type">${escapeHtml(need.seat_name)}</td>
      </tr>`,
    )
    .join('\n');
  return `<div class="order-item order-lineup" data-reserve-no="${no}">
    <div class="order-item-hd">候补订单号：<span class="order-no">${no}</span>　${escapeHtml(order.status_name)}</div>
    <table>${needs}
      <tr><td colspan="3" class="passenger">${order.passengers.map((p) => escapeHtml(p.passenger_name)).join('，')}</td></tr>
    </table>
    <div class="order-item-ft">
      请在 <span class="pay-limit">${escapeHtml(beijingText(shown.loseTime))}</span> 前支付预付款，逾期将取消候补订单。
      预付款：<span class="total-price">${escapeHtml(order.prepay_amount)}元</span>
      <button type="button" class="btn btn-primary btn-pay" data-reserve-no="${no}">立即支付</button>
    </div>
  </div>`;
}

/** 候补订单 (`/otn/view/lineUp_order.html`), listing the scripted waitlist order awaiting prepayment. */
export function lineUpPage(shown: PageWaitlist = null): string {
  const list = shown ? waitlistBlock(shown) : '<div class="no-order">您没有待兑现的候补订单。</div>';
  return layout(
    '候补订单 | 中国铁路12306网站',
    true,
    `<h2 class="order-title">候补订单</h2>
<div class="order-panel" id="lineUpOrder">${list}</div>`,
  );
}

/** 车票查询 (`/otn/leftTicket/init`). */
export function ticketSearchPage(loggedIn: boolean): string {
  return layout(
    '车票查询 | 中国铁路12306网站',
    loggedIn,
    `<form class="sear-box" id="queryLeftForm" onsubmit="return false">
  出发地 <input type="text" id="fromStationText" value="北京">
  目的地 <input type="text" id="toStationText" value="上海">
  出发日 <input type="text" id="train_date" value="">
  <label><input type="radio" name="sf" checked> 普通</label><label><input type="radio" name="sf"> 学生</label>
  <button type="submit" id="query_ticket" class="btn btn-primary">查询</button>
</form>
<div id="t-list"><table><thead><tr><th>车次</th><th>出发站/到达站</th><th>出发时间/到达时间</th><th>历时</th><th>商务座</th><th>一等座</th><th>二等座</th><th>备注</th></tr></thead><tbody></tbody></table></div>`,
  );
}

/** A gateway's error page for a scripted 4xx/5xx. */
export function errorStatusPage(status: number): string {
  const line = escapeHtml(`${status} ${STATUS_CODES[status] ?? 'Error'}`);
  return `<html>\r\n<head><title>${line}</title></head>\r\n<body>\r\n<center><h1>${line}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}
