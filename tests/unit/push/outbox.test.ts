import { describe, expect, it } from 'vitest';
import {
  afterVerdict,
  backoffMs,
  dropUseless,
  enqueue,
  markRequest,
  nextSendAt,
  REQUESTS_PER_MINUTE,
  statusAfter,
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
