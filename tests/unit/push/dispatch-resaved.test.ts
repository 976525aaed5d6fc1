import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_PUSH_KINDS, type ChannelStatus, type PushChannel } from '@/lib/push/channel';
import { createDispatcher } from '@/lib/push/dispatch';
import type { Outbox } from '@/lib/push/outbox-schema';
import { PUSH_SERVICES } from '@/lib/push/services';
import { createSerialQueue } from '@/lib/util/serial';
import { item, items, memory, T0, wecomChannel } from './helpers';

// A channel the user saves anew (another key, kinds unticked) while its request is out, or after
// its key was refused: the old settings' answer must not shape what the new ones send.

const BASE: PushChannel = wecomChannel('a', { kinds: { ...DEFAULT_PUSH_KINDS, found: true }, secretHint: '…1111' });
const OK = '{"errcode":0,"errmsg":"ok"}';
const REFUSED = '{"errcode":93000,"errmsg":"invalid webhook url"}';

/** A dispatcher whose first request waits for `release`; `answers` are the replies, in order. */
function setup(answers: string[]) {
  const world = {
    channels: [BASE],
    secrets: { a: { key: 'oldkeyxx-1111' } } as Record<string, Record<string, string>>,
    now: T0,
  };
  const sent: { url: string; body: string }[] = [];
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    sent.push({ url, body: String(init?.body) });
    if (sent.length === 1) await held;
    return new Response(answers.shift() ?? OK);
  }) as unknown as typeof globalThis.fetch;
  const outbox = memory<Outbox>({});
  const status = memory<Record<string, ChannelStatus>>({});
  const dispatcher = createDispatcher({
    channels: async () => world.channels,
    secrets: async () => world.secrets,
    outbox,
    status,
    serial: createSerialQueue(),
    services: PUSH_SERVICES,
    locale: 'zh',
    now: () => world.now,
    send: { fetch },
    wakeAt: () => {},
  });
  return { world, sent, release, outbox, status, dispatcher };
}

describe('a channel saved anew while its request is out', () => {
  it("ignores the old key's refusal: the new key sends what waited, the status stays fresh", async () => {
    const { world, sent, release, outbox, status, dispatcher } = setup([REFUSED]);
    await dispatcher.add(new Map([['a', [item(0)]]]));
    const flushing = dispatcher.flush();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    world.channels = [{ ...BASE, secretHint: '…2222' }];
    world.secrets = { a: { key: 'newkeyxx-2222' } };
    status.value = { a: { health: 'ok', last: null } };
    await dispatcher.add(new Map([['a', [item(1)]]]));
    release();
    await flushing;
    expect(sent.map((request) => new URL(request.url).searchParams.get('key'))).toEqual([
      'oldkeyxx-1111',
      'newkeyxx-2222',
    ]);
    expect(outbox.value.a?.items).toEqual([]);
    expect(status.value.a).toMatchObject({ health: 'ok', last: { outcome: 'sent' } });
  });

  it('sends no kind the user stopped forwarding meanwhile', async () => {
    const { world, sent, release, dispatcher } = setup([]);
    await dispatcher.add(new Map([['a', [item(0)]]]));
    const flushing = dispatcher.flush();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    await dispatcher.add(new Map([['a', [item(1, { kind: 'found', headline: 'NEWORDER' })]]]));
    world.channels = [{ ...BASE, kinds: { ...BASE.kinds, found: false } }];
    release();
    await flushing;
    expect(sent.filter((request) => request.body.includes('NEWORDER'))).toEqual([]);
  });
});

describe('a refused key saved anew within the minute', () => {
  it('keeps the minute’s requests counted', async () => {
    const { world, sent, release, status, dispatcher } = setup([OK, OK, OK, OK, OK, REFUSED]);
    release();
    const all = items(12);
    for (let n = 0; n < 12; n++) {
      if (n === 6) {
        expect(status.value.a?.health).toBe('refused');
        world.secrets = { a: { key: 'newkeyxx-2222' } };
        status.value = { a: { health: 'ok', last: null } };
      }
      world.now = T0 + n * 1000;
      await dispatcher.add(new Map([['a', [all[n]!]]]));
      await dispatcher.flush();
    }
    expect(sent).toHaveLength(6);
  });
});
