import { describe, expect, it } from 'vitest';
import { POPUP_ITEMS } from '@/entrypoints/popup/items';
import { readOverlaySummary } from '@/lib/messaging/overlay-guard';
import { overlayOrderSchema, overlaySummarySchema } from '@/lib/messaging/overlay';
import { sourceIdSchema } from '@/lib/orders/model';
import { overlaySummary } from '@/lib/overlay/summary';
import { DEFAULT_OVERLAY_VIEW } from '@/lib/overlay/view';
import { DEFAULT_SETTINGS } from '@/lib/settings/defaults';
import { describeSource, OVERLAY_NAMED_SOURCES, SOURCE_DESCRIPTIONS, SOURCE_IDS } from '@/lib/sources/descriptions';
import { sourceSnapshotItems, stored } from '@/lib/storage/items';
import { sourceSnapshots } from '@/lib/storage/stored';
import { EMPTY_SNAPSHOT } from '@/lib/snapshots/snapshot';
import { makeOrder, makeSnapshot } from '../helpers/orders';

const ids = SOURCE_DESCRIPTIONS.map((source) => source.id);

describe('source descriptions', () => {
  it('name each source once, the main 12306 query first (its status stands for the login)', () => {
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toBe('12306');
    expect(SOURCE_IDS).toEqual(ids);
  });

  it('are the model’s source ids, and no other', () => {
    for (const id of ids) expect(sourceIdSchema.safeParse(id).success).toBe(true);
    expect(sourceIdSchema.safeParse('12306-other').success).toBe(false);
  });

  it('give every source its words', () => {
    for (const id of ids) {
      expect(describeSource(id).id).toBe(id);
      expect(describeSource(id).words).toEqual({
        payBy: expect.any(String),
        pay: expect.any(String),
        view: expect.any(String),
      });
    }
    expect(describeSource('12306-waitlist').words.pay).toBe('waitlistPay');
  });

  it('keep every snapshot where users’ data already is, in its own shape', () => {
    expect(Object.keys(sourceSnapshots).sort()).toEqual([...ids].sort());
    expect(Object.fromEntries(ids.map((id) => [id, sourceSnapshots[id].key]))).toEqual({
      '12306': 'local:snapshot.12306',
      '12306-waitlist': 'local:snapshot.12306-waitlist',
      'ticket-system': 'local:snapshot.ticket-system',
    });
    for (const source of SOURCE_DESCRIPTIONS) {
      const item = sourceSnapshots[source.id];
      expect(item.version).toBe(1);
      expect(item.fallback).toEqual(source.byAccount ? {} : EMPTY_SNAPSHOT);
      expect(sourceSnapshotItems[source.id].key).toBe(item.key);
    }
    expect(stored.snapshot12306).toBe(sourceSnapshots['12306']);
    expect(stored.snapshotWaitlist).toBe(sourceSnapshots['12306-waitlist']);
    expect(stored.ticketSnapshots).toBe(sourceSnapshots['ticket-system']);
  });

  it('let the popup read every source’s snapshot in its one call', () => {
    for (const id of ids) expect(POPUP_ITEMS).toContain(sourceSnapshots[id]);
  });

  it('let the overlay name exactly the orders of the sources that allow it', () => {
    const named = SOURCE_DESCRIPTIONS.filter((source) => source.overlayNames).map((source) => source.id);
    expect(OVERLAY_NAMED_SOURCES).toEqual(named);
    expect(named).toEqual(['12306', '12306-waitlist']);

    const snapshot = makeSnapshot({
      status: 'ok',
      orders: ids.map((source) => makeOrder({ source, id: `E-${source}` })),
    });
    const summary = overlaySummary([snapshot], DEFAULT_SETTINGS, DEFAULT_OVERLAY_VIEW);
    expect(summary.orders.map((order) => order.source).sort()).toEqual([...named].sort());
    expect(summary.others.count).toBe(ids.length - named.length);

    // The background's schema and the content script's reader agree on which sources may be named.
    for (const source of SOURCE_DESCRIPTIONS) {
      const order = { ...summary.orders[0]!, source: source.id };
      expect(overlayOrderSchema.safeParse(order).success).toBe(source.overlayNames);
      const sent = { ...summary, orders: [order] };
      expect(overlaySummarySchema.safeParse(sent).success).toBe(source.overlayNames);
      expect(readOverlaySummary(sent) !== null).toBe(source.overlayNames);
    }
  });
});
