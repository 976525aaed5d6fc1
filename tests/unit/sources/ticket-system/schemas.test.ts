import { describe, expect, it } from 'vitest';
import { aspNetErrorSchema, appErrorSchema, v3OrderSchema, v5OrderSchema } from '@/lib/sources/ticket-system/schemas';
import { v3Order, v3Seed, v5Order, v5Seed } from '../../../fixtures/ticket-system/replies';

const PLACED = Date.UTC(2024, 4, 1, 11, 45);

describe('v5OrderSchema', () => {
  it('accepts the verbatim document sample', () => {
    const parsed = v5OrderSchema.parse(v5Seed);
    expect(parsed.orderid).toBe('sample string 31');
    expect(parsed.paytimeout).toBe('sample string 19');
    expect(parsed.paymentendtime).toBe('2025-12-06T12:13:33.3429041+08:00');
    expect(parsed.orderdetail).toHaveLength(2);
  });

  it('accepts a fixture order and keeps unknown fields', () => {
    const parsed = v5OrderSchema.parse({ ...v5Order({ orderId: 'A1', placed: PLACED }), newfield: 1 });
    expect(parsed).toMatchObject({ orderid: 'A1', statuscode: '0', newfield: 1 });
  });

  it('accepts nulls everywhere but the order number', () => {
    const nulled = Object.fromEntries(Object.keys(v5Seed).map((key) => [key, null]));
    expect(v5OrderSchema.safeParse({ ...nulled, orderid: 'A1' }).success).toBe(true);
    expect(v5OrderSchema.safeParse(nulled).success).toBe(false);
    expect(v5OrderSchema.safeParse({ orderid: 'A1' }).success).toBe(true);
  });

  it('accepts paytimeout, summary and statuscode as either numbers or text', () => {
    expect(v5OrderSchema.safeParse({ orderid: 'A1', paytimeout: 15, summary: '190.5', statuscode: 0 }).success).toBe(
      true,
    );
  });

  it('rejects a documented field of the wrong type', () => {
    expect(v5OrderSchema.safeParse({ orderid: 'A1', orderdetail: 'none' }).success).toBe(false);
    expect(v5OrderSchema.safeParse({ orderid: 42 }).success).toBe(false);
  });
});

describe('v3OrderSchema', () => {
  it('accepts the verbatim document sample', () => {
    const parsed = v3OrderSchema.parse(v3Seed);
    expect(parsed.orderid).toBe('sample string 1');
    expect(parsed.paytimeout).toBe(8);
    expect(parsed.orderviewdetail?.[0]?.productname).toBe('sample string 2');
  });

  it('accepts a fixture order', () => {
    expect(v3OrderSchema.parse(v3Order({ orderId: 'B1', placed: PLACED })).orderstatus).toBe('0');
  });

  it('requires the order number only', () => {
    expect(v3OrderSchema.safeParse({ orderid: 'B1' }).success).toBe(true);
    expect(v3OrderSchema.safeParse({ ordertime: '20240501194500' }).success).toBe(false);
  });
});

describe('error bodies', () => {
  it('reads ASP.NET bodies', () => {
    expect(aspNetErrorSchema.safeParse({ Message: 'An error has occurred.' }).success).toBe(true);
    expect(aspNetErrorSchema.safeParse({ message: 'lower case' }).success).toBe(false);
  });

  it('reads application error fields', () => {
    expect(appErrorSchema.parse({ resultcode: '1001', resultmsg: 'x' })).toMatchObject({ resultcode: '1001' });
    expect(appErrorSchema.parse({ errcode: 40001, errmsg: 'y' })).toMatchObject({ errcode: 40001 });
  });
});
