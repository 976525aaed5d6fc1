import { describe, expect, it } from 'vitest';
import { readOverlayPush, readOverlaySummary } from '@/lib/messaging/overlay-guard';
import {
  overlayPushSchema,
  overlaySummarySchema,
  type OverlayOrder,
  type OverlaySummary,
} from '@/lib/messaging/overlay';
import {
  expectAgreement,
  expectAgreementEverywhere,
  paths,
  WRONG_VALUES,
  type Reader,
  type Schema,
} from '../helpers/agreement';
import { makeOverlayOrder as order, makeOverlaySummary as summary } from '../helpers/overlay';

// The content script reads its messages with lib/messaging/overlay-guard instead of the zod schemas. Both must
// agree on every value: the guard returns null exactly where the schema fails, and otherwise what the
// schema's parse returns.

const push = (value: unknown) => ({ type: 'overlay.summary', summary: value });

const pairs: [string, Reader, Schema][] = [
  ['summary', readOverlaySummary, overlaySummarySchema],
  ['push', readOverlayPush, overlayPushSchema],
];

const SOURCES: OverlayOrder['source'][] = ['12306', '12306-waitlist'];
const STATES: OverlayOrder['state'][] = ['unpaid', 'queuing'];

const validSummaries: OverlaySummary[] = [
  summary([]),
  summary([], { enabled: false, collapsed: false }),
  summary([], { offsetMs: -1_234.5 }),
  summary([order()], { offsetMs: 86_400_000 }),
  summary(
    SOURCES.flatMap((source) =>
      STATES.map((state) =>
        order({ key: `${source}:${state}`, source, state, deadline: state === 'queuing' ? null : 0 }),
      ),
    ),
  ),
  summary([order({ route: null, deadline: null, payUrl: null })]),
  summary([order({ key: '', title: '', route: '', payUrl: 'https://', deadline: -1 })]),
  summary([order({ key: 'a', deadline: 1.5 }), order({ key: 'b', payUrl: null }), order({ key: 'c', route: null })]),
  summary([], { others: { count: 3, deadline: 0 } }),
  summary([order()], { others: { count: 1.5, deadline: -2.5 } }),
  summary([], { reminderMinutes: [] }),
  summary([], { reminderMinutes: [60, 2.5, 0, -1] }),
];

const wrongValues: unknown[] = [
  ...WRONG_VALUES,
  'HTTPS://x',
  ' https://x',
  // Enum and literal members, each in the wrong place, and some that are none.
  ...SOURCES,
  ...STATES,
  'paid',
  'elsewhere',
  // A venue's orders are never named on a 12306 page.
  'ticket-system',
  'overlay.summary',
  'overlay.get',
];

describe('the overlay’s message guard', () => {
  it('accepts every valid summary and push, and gives what the schemas give', () => {
    for (const valid of validSummaries) {
      expect(readOverlaySummary(valid)).toStrictEqual(overlaySummarySchema.parse(valid));
      expect(readOverlayPush(push(valid))).toStrictEqual(overlayPushSchema.parse(push(valid)));
    }
  });

  it('rejects exactly what the schemas reject, whatever field is wrong and however', () => {
    const base = summary(
      [
        order(),
        order({ key: 'q', source: '12306-waitlist', route: null, deadline: null, payUrl: null, state: 'queuing' }),
      ],
      { others: { count: 2, deadline: Date.UTC(2026, 2, 24, 7) } },
    );
    for (const [name, read, schema] of pairs) {
      const valid = name === 'push' ? push(base) : base;
      const { accepted, rejected } = expectAgreementEverywhere(read, schema, valid, wrongValues);
      // Both outcomes occur (a null or enum member is right in some places), so neither side is vacuous.
      expect(accepted).toBeGreaterThan(10);
      expect(rejected).toBeGreaterThan(100);
    }
  });

  it('drops unknown keys at every level, as the schemas do', () => {
    const valid = push(summary([order()]));
    for (const path of paths(valid)) {
      const mutated = structuredClone(valid) as Record<string | number, unknown>;
      let target: unknown = mutated;
      for (const step of path) target = (target as Record<string | number, unknown>)[step];
      if (typeof target !== 'object' || target === null || Array.isArray(target)) continue;
      (target as Record<string, unknown>).passengers = ['张三'];
      expectAgreement(readOverlayPush, overlayPushSchema, mutated, `extra key at ${path.join('.') || '(itself)'}`);
      expect(JSON.stringify(readOverlayPush(mutated))).not.toContain('passengers');
    }
  });

  it('treats a hole in the orders as the schema does', () => {
    const orders = [order()];
    orders[2] = order({ key: 'b' }); // orders[1] is a hole
    expect(expectAgreement(readOverlaySummary, overlaySummarySchema, summary(orders), 'sparse orders')).toBe(false);
  });
});
