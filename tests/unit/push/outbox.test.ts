import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  afterVerdict,
  backoffMs,
  dropUseless,
  enqueue,
  markRequest,
  nextSendAt,
  nextTestAt,
  REQUESTS_PER_MINUTE,
  statusAfter,
  TESTS_PER_MINUTE,
} from '@/lib/push/outbox';
import { EMPTY_CHANNEL_OUTBOX } from '@/lib/push/outbox-schema';
import { item, MINUTE, T0 } from './helpers';

describe("a channel's outbox", () => {
  it('queues an alert once, however often it is handed over', () => {
    const box = enqueue(enqueue(undefined, [item(1), item(2)]), [item(2), item(3)]);
    expect(box.items.map((queued) => queued.alertIds[0])).toEqual(
      [item(1), item(2), item(3)].map((i) => i.alertIds[0]),
    );
  });

  it('drops items no longer worth sending, and forgets the backoff once nothing is left', () => {
    const box = { ...enqueue(undefined, [item(1), item(5)]), attempts: 3, notBefore: T0 + 9 * MINUTE };
    const partly = dropUseless(box, item(1).usefulUntil);
    expect(partly.dropped).toEqual([item(1)]);
    expect(partly.box).toMatchObject({ items: [item(5)], attempts: 3 });
    const all = dropUseless(box, item(5).usefulUntil + 1);
    expect(all.box).toMatchObject({ items: [], attempts: 0, notBefore: 0 });
  });

  it(`sends at most ${REQUESTS_PER_MINUTE} requests in any minute`, () => {
    let box = EMPTY_CHANNEL_OUTBOX;
    for (let n = 0; n < REQUESTS_PER_MINUTE; n++) {
      expect(nextSendAt(box, T0 + n * 1000)).toBe(T0 + n * 1000);
      box = markRequest(box, T0 + n * 1000);
    }
    expect(nextSendAt(box, T0 + 6000)).toBe(T0 + MINUTE);
    expect(nextSendAt(box, T0 + MINUTE)).toBe(T0 + MINUTE);
    // Old request times fall out of the window.
    expect(markRequest(box, T0 + MINUTE + 1500).requestTimes).toHaveLength(REQUESTS_PER_MINUTE - 1);
  });

  it(`lets a test take only the first ${TESTS_PER_MINUTE} requests of a minute, backoff or not`, () => {
    let box = { ...EMPTY_CHANNEL_OUTBOX, attempts: 4, notBefore: T0 + 10 * MINUTE };
    expect(nextTestAt(box, T0)).toBe(T0);
    for (let n = 0; n < TESTS_PER_MINUTE; n++) box = markRequest(box, T0 + n * 1000);
    expect(nextTestAt(box, T0 + 5000)).toBe(T0 + MINUTE);
    expect(nextTestAt(box, T0 + MINUTE)).toBe(T0 + MINUTE);
    // A reminder still has room in that minute.
    expect(nextSendAt({ ...box, notBefore: 0 }, T0 + 5000)).toBe(T0 + 5000);
  });

  it('keeps to the limit however tests and reminders interleave, and leaves reminders room', () => {
    const attempt = fc.record({ after: fc.integer({ min: 0, max: 30_000 }), test: fc.boolean() });
    fc.assert(
      fc.property(fc.array(attempt, { maxLength: 80 }), (attempts) => {
        let box = EMPTY_CHANNEL_OUTBOX;
        let at = T0;
        const sent: { at: number; test: boolean }[] = [];
        for (const { after, test } of attempts) {
          at += after;
          const windowed = sent.filter((request) => at - request.at < MINUTE);
          const free = (test ? nextTestAt : nextSendAt)(box, at) <= at;
          // A reminder is never held back by tests alone while fewer than the limit went.
          if (!test) expect(free).toBe(windowed.length < REQUESTS_PER_MINUTE);
          if (test && free) expect(windowed.length).toBeLessThan(TESTS_PER_MINUTE);
          if (!free) continue;
          box = markRequest(box, at);
          sent.push({ at, test });
        }
        for (const request of sent) {
          const inMinute = sent.filter((other) => other.at >= request.at && other.at - request.at < MINUTE);
          expect(inMinute.length).toBeLessThanOrEqual(REQUESTS_PER_MINUTE);
        }
      }),
    );
  });

  it('backs off 5 s, 15 s, 45 s … up to 10 min, or as long as the service asks', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(backoffMs)).toEqual([5000, 15000, 45000, 135000, 405000, 600000, 600000]);
    const box = enqueue(undefined, [item(1)]);
    const once = afterVerdict(box, [item(1)], { outcome: 'retry', detail: '503' }, T0);
    expect(once).toMatchObject({ attempts: 1, notBefore: T0 + 5000, items: [item(1)] });
    const told = afterVerdict(once, [item(1)], { outcome: 'retry', detail: '429', retryAfterMs: 60_000 }, T0);
    expect(told).toMatchObject({ attempts: 2, notBefore: T0 + 60_000 });
    expect(nextSendAt(told, T0)).toBe(T0 + 60_000);
  });

  it('removes what was delivered (or will never be taken), keeping what came meanwhile', () => {
    const box = { ...enqueue(undefined, [item(1), item(2), item(3)]), attempts: 2, notBefore: T0 };
    for (const outcome of ['sent', 'rejected'] as const) {
      const verdict = outcome === 'sent' ? { outcome } : { outcome, detail: '310000 keywords not in content' };
      expect(afterVerdict(box, [item(1), item(2)], verdict, T0)).toMatchObject({
        items: [item(3)],
        attempts: 0,
        notBefore: 0,
      });
    }
  });

  it('empties the queue when the key is refused', () => {
    const box = enqueue(undefined, [item(1), item(2)]);
    expect(afterVerdict(box, [item(1)], { outcome: 'refused', detail: '93000' }, T0).items).toEqual([]);
  });

  it("turns the service's answer into the channel's health", () => {
    const result = (outcome: 'sent' | 'retry' | 'refused' | 'rejected') => ({
      at: T0,
      outcome,
      httpStatus: 200,
      detail: '',
    });
    expect(statusAfter(result('sent')).health).toBe('ok');
    expect(statusAfter(result('retry')).health).toBe('failing');
    expect(statusAfter(result('rejected')).health).toBe('failing');
    expect(statusAfter(result('refused')).health).toBe('refused');
  });
});
