import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_PUSH_KINDS, type ChannelStatus, type PushChannel } from '@/lib/push/channel';
import { createDispatcher } from '@/lib/push/dispatch';
import type { Outbox } from '@/lib/push/outbox-schema';
import { PUSH_SERVICES } from '@/lib/push/services';
import { createSerialQueue } from '@/lib/util/serial';
import { items, memory, T0, wecomChannel } from './helpers';

// The dispatcher with storage in memory and a scripted service: what goes out, how many at once.

const channel = (id: string) => wecomChannel(id);

function setup(channels: PushChannel[], answer: () => Promise<Response>) {
  let now = T0;
  let inFlight = 0;
  let mostInFlight = 0;
  const bodies: string[] = [];
  const fetch = vi.fn(async (_url: unknown, init?: RequestInit) => {
    inFlight++;
    mostInFlight = Math.max(mostInFlight, inFlight);
    bodies.push(String(init?.body));
    try {
      return await answer();
    } finally {
      inFlight--;
    }
  }) as unknown as typeof globalThis.fetch;
  const outbox = memory<Outbox>({});
  const status = memory<Record<string, ChannelStatus>>({});
  const wakes: number[] = [];
  const dispatcher = createDispatcher({
    channels: async () => channels,
    secrets: async () => Object.fromEntries(channels.map((c) => [c.id, { key: 'abcdefgh-1234' }])),
    outbox,
    status,
    serial: createSerialQueue(),
    services: PUSH_SERVICES,
    locale: 'zh',
    now: () => now,
    send: { fetch },
    wakeAt: (at) => wakes.push(at),
  });
  return {
    dispatcher,
    outbox,
    status,
    wakes,
    bodies,
    fetch,
    mostInFlight: () => mostInFlight,
    at: (value: number) => (now = value),
  };
}

const ok = async () => new Response('{"errcode":0,"errmsg":"ok"}');

describe('the push dispatcher', () => {
  it('sends fifty reminders due together in one request per channel, one request at a time', async () => {
    // The service takes 20 ms to answer, so the two channels' requests overlap.
    const slow = () => new Promise<Response>((resolve) => setTimeout(() => resolve(ok()), 20));
    const world = setup([channel('a'), channel('b')], slow);
    await world.dispatcher.add(
      new Map([
        ['a', items(50)],
        ['b', items(50)],
      ]),
    );
    await Promise.all([world.dispatcher.flush(), world.dispatcher.flush()]);
    expect(world.fetch).toHaveBeenCalledTimes(2);
    expect(world.bodies[0]).toContain('PayClock：50 条提醒');
    expect(world.outbox.value.a?.items).toEqual([]);
    expect(world.status.value.a?.health).toBe('ok');
    // Two channels side by side, never two requests to one.
    expect(world.mostInFlight()).toBe(2);
  });

  it('waits out the rate limit instead of sending a seventh request within a minute', async () => {
    const world = setup([channel('a')], ok);
    for (let n = 0; n < 7; n++) {
      await world.dispatcher.add(new Map([['a', [items(7)[n]!]]]));
      await world.dispatcher.flush();
    }
    expect(world.fetch).toHaveBeenCalledTimes(6);
    expect(world.wakes).toEqual([T0 + 60_000]);
    world.at(T0 + 60_000);
    await world.dispatcher.flush();
    expect(world.fetch).toHaveBeenCalledTimes(7);
  });

  it('keeps the items of a channel whose request failed, and asks to be woken for the retry', async () => {
    const world = setup([channel('a')], async () => new Response('busy', { status: 503 }));
    await world.dispatcher.add(new Map([['a', items(2)]]));
    await world.dispatcher.flush();
    expect(world.outbox.value.a).toMatchObject({ attempts: 1, notBefore: T0 + 5000 });
    expect(world.outbox.value.a?.items).toHaveLength(2);
    expect(world.wakes).toEqual([T0 + 5000]);
    expect(world.status.value.a).toMatchObject({ health: 'failing', last: { outcome: 'retry', httpStatus: 503 } });
  });

  it('does not send a kind the user stopped forwarding after it was queued', async () => {
    const world = setup([{ ...channel('a'), kinds: { ...DEFAULT_PUSH_KINDS, remind: [1] } }], ok);
    await world.dispatcher.add(new Map([['a', items(2)]])); // 5-minute reminders
    await world.dispatcher.flush();
    expect(world.fetch).not.toHaveBeenCalled();
    expect(world.outbox.value.a).toBeUndefined();
  });

  it('forgets the queue of a channel that was removed', async () => {
    const world = setup([], ok);
    world.outbox.value = { gone: { items: items(1), attempts: 0, notBefore: 0, requestTimes: [] } };
    await world.dispatcher.flush();
    expect(world.outbox.value).toEqual({});
    expect(world.fetch).not.toHaveBeenCalled();
  });
});
