import { describe, expect, it, vi } from 'vitest';
import { createBackground } from '@/entrypoints/background/service';
import type { QueryResult } from '@/lib/sources/12306/client';
import { snapshot12306Item, snapshotWaitlistItem } from '@/lib/storage/items';
import { manualTimers } from '../helpers/timers';
import { makeOrder } from '../helpers/orders';

// The popup says when a check was sent from a 12306 tab: the background keeps `askedFrom` of the
// last check of each source in its snapshot, whatever that check came to, and only of that check.

const T0 = Date.UTC(2026, 2, 24, 6, 30, 0);
const MINUTE = 60_000;

function setup() {
  let now = T0;
  const scripts: Record<'orders' | 'waitlist', QueryResult[]> = { orders: [], waitlist: [] };
  const scripted = (name: 'orders' | 'waitlist') =>
    vi.fn(async (): Promise<QueryResult> => {
      const next = scripts[name].shift();
      if (!next) throw new Error(`test sent more ${name} queries than it scripted`);
      return next;
    });
  const sources = [
    { id: '12306' as const, item: snapshot12306Item, query: scripted('orders'), browserSession: true },
    { id: '12306-waitlist' as const, item: snapshotWaitlistItem, query: scripted('waitlist'), browserSession: true },
  ];
  const clock = manualTimers(() => now);
  const background = createBackground({ sources, now: () => now, locale: 'en', timers: clock.timers });
  return {
    background,
    reply(orders: QueryResult, waitlist: QueryResult = { outcome: { kind: 'none', orders: [] }, clockSample: null }) {
      scripts.orders.push(orders);
      scripts.waitlist.push(waitlist);
    },
    later() {
      now += MINUTE;
    },
  };
}

describe('the background and where a check was sent from', () => {
  it('stores askedFrom with the check that had it, and clears it with the next check that has none', async () => {
    const world = setup();
    const order = makeOrder({ deadline: T0 + 20 * MINUTE });

    world.reply({ outcome: { kind: 'unpaid', orders: [order] }, clockSample: null, askedFrom: 'tab' });
    await world.background.check();
    const viaTab = await snapshot12306Item.get();
    expect(viaTab.askedFrom).toBe('tab');
    expect(viaTab.status).toBe('ok');
    expect(viaTab.orders).toEqual([order]);
    // Only the source whose check was sent from the tab says so.
    expect((await snapshotWaitlistItem.get()).askedFrom).toBeUndefined();

    // A failed check from the tab says so too: the status is the tab's.
    world.later();
    world.reply({ outcome: { kind: 'rejected', detail: '非法请求' }, clockSample: null, askedFrom: 'tab' });
    await world.background.check();
    const refusedViaTab = await snapshot12306Item.get();
    expect(refusedViaTab.askedFrom).toBe('tab');
    expect(refusedViaTab.status).toBe('rejected');
    expect(refusedViaTab.orders).toEqual([order]);

    world.later();
    world.reply({ outcome: { kind: 'unpaid', orders: [order] }, clockSample: null });
    await world.background.check();
    const direct = await snapshot12306Item.get();
    expect(direct.askedFrom).toBeUndefined();
    expect(direct.status).toBe('ok');
    expect(direct.checkedAt).toBe(T0 + 2 * MINUTE);
  });

  it('clears it with a failed check that has none as well', async () => {
    const world = setup();
    world.reply(
      { outcome: { kind: 'none', orders: [] }, clockSample: null },
      {
        outcome: { kind: 'none', orders: [] },
        clockSample: null,
        askedFrom: 'tab',
      },
    );
    await world.background.check();
    expect((await snapshotWaitlistItem.get()).askedFrom).toBe('tab');

    world.later();
    world.reply(
      { outcome: { kind: 'none', orders: [] }, clockSample: null },
      { outcome: { kind: 'timeout' }, clockSample: null },
    );
    await world.background.check();
    const timedOut = await snapshotWaitlistItem.get();
    expect(timedOut.status).toBe('timeout');
    expect(timedOut.askedFrom).toBeUndefined();
  });
});
