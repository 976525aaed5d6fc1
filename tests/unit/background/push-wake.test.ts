import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { PUSH_ALARM } from '@/entrypoints/background/alarm-names';
import { createPush } from '@/entrypoints/background/push';
import { pushChannelsItem, pushOutboxItem, pushSecretsItem } from '@/lib/storage/items';
import { manualTimers } from '../helpers/timers';
import { item, T0, wecomChannel } from '../push/helpers';

// One timer and one alarm wake the background for every channel's retries: a channel's long wait
// must never put off another's sooner one (a 1-minute reminder would go stale waiting).

const channel = (id: string) => wecomChannel(id);

describe("the push's wake-ups", () => {
  it('keep the soonest of every channel’s, whichever answered last', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const now = T0;
    const clock = manualTimers(() => now);
    await pushChannelsItem.set([channel('a'), channel('b')]);
    await pushSecretsItem.set({ a: { key: 'aaaaaaaa-1111' }, b: { key: 'bbbbbbbb-2222' } });
    // a: a fresh reminder; b: a channel four failures into its backoff. Both meet a 503, b last.
    await pushOutboxItem.set({
      a: { items: [item(0, { usefulUntil: T0 + 60_000 })], attempts: 0, notBefore: 0, requestTimes: [] },
      b: { items: [item(1, { usefulUntil: T0 + 3_600_000 })], attempts: 4, notBefore: 0, requestTimes: [] },
    });
    const fetch = vi.fn(async (url: string | URL | Request) => {
      await new Promise((resolve) => setTimeout(resolve, String(url).includes('bbbb') ? 30 : 5));
      return new Response('busy', { status: 503 });
    }) as unknown as typeof globalThis.fetch;
    const push = createPush({ locale: 'zh', now: () => now, timers: clock.timers, fetch });
    await push.flush();
    const outbox = await pushOutboxItem.get();
    expect([outbox.a?.notBefore, outbox.b?.notBefore]).toEqual([T0 + 5_000, T0 + 405_000]);
    expect(clock.pendingAt()).toEqual([T0 + 5_000]);
    // Chrome's alarm cannot come sooner than 30 s: that, not b's 405 s.
    await vi.waitFor(async () => expect((await fakeBrowser.alarms.get(PUSH_ALARM))?.scheduledTime).toBe(T0 + 30_000));
  });
});
