import { describe, expect, it } from 'vitest';
import { statusLabel, TICKET_STATUSES, ticketStatus } from '@/lib/sources/ticket-system/statuses';

describe('ticketStatus', () => {
  it.each([
    ['0', '预定中', 'Awaiting payment', true, false],
    ['3', '已交割', 'Completed', false, true],
    ['4', '已关闭', 'Closed', false, true],
    ['5', '第三方付款已支付待核准', 'Paid through a third party, awaiting approval', false, false],
    ['7', '第三方支付退款申请中', 'Third-party refund requested', false, false],
    ['B', '第三方付款退款办理中', 'Third-party refund in progress', false, false],
    ['X', '已前台现付取票', 'Paid and collected at the counter', false, true],
    ['D', '已交割(返款)', 'Completed (refunded)', false, true],
  ])('%s is %s', (code, zh, en, awaitingPayment, final) => {
    expect(ticketStatus(code)).toEqual({ code, zh, en, awaitingPayment, final, known: true });
  });

  it('lists exactly the documented codes', () => {
    expect(Object.keys(TICKET_STATUSES).sort()).toEqual(['0', '3', '4', '5', '7', 'B', 'D', 'X']);
  });

  it('only 0 awaits payment', () => {
    const awaiting = Object.keys(TICKET_STATUSES).filter((code) => ticketStatus(code).awaitingPayment);
    expect(awaiting).toEqual(['0']);
  });

  it('prefers the documents over the venue name for a known code', () => {
    expect(ticketStatus('4', '关闭').zh).toBe('已关闭');
  });

  it('reads numbers, padding and lower-case letters', () => {
    expect(ticketStatus(0).awaitingPayment).toBe(true);
    expect(ticketStatus(' 3 ').final).toBe(true);
    expect(ticketStatus('x')).toMatchObject({ code: 'x', zh: '已前台现付取票', final: true, known: true });
  });

  it.each([
    ['9', '已挂起', '已挂起', 'Unknown status (9)'],
    ['9', null, '未知状态（9）', 'Unknown status (9)'],
    ['Z', '  ', '未知状态（Z）', 'Unknown status (Z)'],
    [null, undefined, '未知状态（—）', 'Unknown status (—)'],
    ['', undefined, '未知状态（—）', 'Unknown status (—)'],
  ])('an unknown code %j (venue name %j) is neither payable nor final', (code, name, zh, en) => {
    expect(ticketStatus(code, name)).toEqual({
      code: code ?? '',
      zh,
      en,
      awaitingPayment: false,
      final: false,
      known: false,
    });
  });

  it('does not take inherited keys for codes', () => {
    expect(ticketStatus('toString').known).toBe(false);
    expect(ticketStatus('constructor').known).toBe(false);
  });
});

describe('statusLabel', () => {
  it('gives the Chinese name alone in Chinese, and with the English one in English', () => {
    expect(statusLabel(ticketStatus('3'), 'zh')).toBe('已交割');
    expect(statusLabel(ticketStatus('3'), 'en')).toBe('Completed (已交割)');
  });
});
