import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  readAccountKeys,
  readAccounts,
  readQuietOrders,
  readSentLog,
  readSnapshot,
  readTicketSnapshots,
  readWatchedOrders,
} from '@/lib/storage/readers';
import { newWatchedOrder } from '@/lib/sources/ticket-system/watched';
import { EMPTY_SNAPSHOT } from '@/lib/snapshots/snapshot';
import { account, HAWK_KEY } from '../helpers/accounts';
import { makeOrder, makeSnapshot } from '../helpers/orders';

describe('stored collections', () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  afterEach(() => warn.mockClear());
  const logged = () => JSON.stringify(warn.mock.calls);

  it('keep the good watched orders around a damaged one, and say which was dropped', () => {
    const good = [newWatchedOrder('acc-1', 'A1', 1), newWatchedOrder('acc-1', 'A2', 2)];
    expect(readWatchedOrders([good[0], { orderId: 42 }, good[1]])).toEqual(good);
    expect(logged()).toContain('element 1');
  });

  it('keep the good accounts', () => {
    expect(readAccounts([{ id: 'acc-9' }, account()])).toEqual([account()]);
  });

  it('keep the good keys, and never log a key', () => {
    const secret = 'a-stored-secret-value';
    expect(readAccountKeys({ 'acc-1': HAWK_KEY, 'acc-2': [secret], 'not an id!': secret })).toEqual({
      'acc-1': HAWK_KEY,
    });
    expect(logged()).toContain('acc-2');
    expect(logged()).not.toContain(secret);
    expect(logged()).not.toContain(HAWK_KEY);
  });

  it('keep the good venue snapshots, and the good orders of a snapshot', () => {
    const good = makeSnapshot({ status: 'ok', orders: [makeOrder({ id: 'B1' })] });
    const damaged = { ...good, orders: [makeOrder({ id: 'B2' }), { id: 'B3', deadline: 'soon' }] };
    expect(readTicketSnapshots({ 'acc-1': good, 'acc-2': damaged, 'acc-3': { status: 'nonsense' } })).toEqual({
      'acc-1': good,
      'acc-2': { ...good, orders: [makeOrder({ id: 'B2' })] },
    });
  });

  it('keep the good alerts sent and the good muted orders', () => {
    expect(readSentLog({ 'remind|a|10': 5, 'remind|b|10': 'yesterday' })).toEqual({ 'remind|a|10': 5 });
    expect(readQuietOrders({ a: { kind: 'muted' }, b: { kind: 'snoozed' } })).toEqual({ a: { kind: 'muted' } });
  });

  it('keep an entry named __proto__ an entry, not the record’s prototype', () => {
    const read = readTicketSnapshots(JSON.parse(`{"__proto__": ${JSON.stringify(makeSnapshot())}}`));
    expect(Object.getPrototypeOf(read)).toBe(Object.prototype);
    expect(Object.keys(read)).toEqual(['__proto__']);
  });

  it('read nothing stored as empty, quietly, and anything else that is no collection as empty, loudly', () => {
    expect(readWatchedOrders(undefined)).toEqual([]);
    expect(readTicketSnapshots(null)).toEqual({});
    expect(readSnapshot('snapshot.12306')(undefined)).toEqual(EMPTY_SNAPSHOT);
    expect(warn).not.toHaveBeenCalled();
    expect(readAccounts({ 0: account() })).toEqual([]);
    expect(readAccountKeys(['acc-1'])).toEqual({});
    expect(warn).toHaveBeenCalledTimes(2);
  });
});
