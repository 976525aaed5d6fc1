import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod/mini';
import {
  readChannelStatus,
  readChannelStatuses,
  readPushChannel,
  readPushChannels,
} from '@/lib/messaging/plain-push-readers';
import { channelIdSchema, channelStatusSchema, pushChannelSchema, PUSH_SERVICE_IDS } from '@/lib/push/channel';
import { pushChannelsItem } from '@/lib/storage/items';
import { expectAgreement, expectAgreementEverywhere, WRONG_VALUES } from '../helpers/agreement';

// The popup reads the stored push channels and statuses without zod (its size budget); the readers
// must agree with the schemas the background writes them with on every value.

const CHANNEL = {
  label: '我的 iPhone',
  service: 'bark',
  kinds: { remind: [5, 1], due: true, loginExpired: true, found: false, gone: false },
  includeAmount: false,
  fields: { server: 'https://api.day.app' },
  id: 'ch-1',
  originPatterns: ['https://api.day.app/*'],
  secretHint: '…3f9a',
};
const STATUS = {
  health: 'failing',
  last: { at: 1_700_000_000_000, outcome: 'retry', httpStatus: 502, detail: 'HTTP 502: Bad gateway' },
};

// Lengths and numbers at and past the schemas' limits, beside the usual wrong values.
const EDGES = [
  ...WRONG_VALUES,
  'x'.repeat(20),
  'x'.repeat(21),
  'x'.repeat(60),
  'x'.repeat(61),
  'x'.repeat(301),
  'x'.repeat(401),
  'a b',
  1,
  120,
  121,
  2.5,
  ...PUSH_SERVICE_IDS,
  'sms',
  'ok',
  'refused',
  'sent',
  [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
  ['https://a/*', 'https://b/*', 'https://c/*', 'https://d/*', 'https://e/*'],
  { ['k'.repeat(41)]: 'v' },
  { a: 'x'.repeat(501) },
];

describe('the popup’s push readers', () => {
  it('read a channel exactly as its schema does', () => {
    expect(readPushChannel(CHANNEL)).toStrictEqual(CHANNEL);
    const { accepted, rejected } = expectAgreementEverywhere(readPushChannel, pushChannelSchema, CHANNEL, EDGES);
    expect(accepted).toBeGreaterThan(30);
    expect(rejected).toBeGreaterThan(500);
  });

  it('read a status exactly as its schema does', () => {
    expect(readChannelStatus(STATUS)).toStrictEqual(STATUS);
    expectAgreement(readChannelStatus, channelStatusSchema, { health: 'ok', last: null }, 'never sent');
    const { accepted, rejected } = expectAgreementEverywhere(readChannelStatus, channelStatusSchema, STATUS, EDGES);
    expect(accepted).toBeGreaterThan(10);
    expect(rejected).toBeGreaterThan(100);
  });

  it('read the statuses by channel id exactly as the stored item’s schema does', () => {
    const schema = z.record(channelIdSchema, channelStatusSchema);
    const valid = { 'ch-1': STATUS, 'ch-2': { health: 'refused', last: null } };
    expect(readChannelStatuses(valid)).toStrictEqual(valid);
    expectAgreementEverywhere(readChannelStatuses, schema, valid, EDGES);
    for (const id of ['', 'a b', 'x'.repeat(65), 'ok_id-2'])
      expectAgreement(readChannelStatuses, schema, { [id]: STATUS }, `id ${JSON.stringify(id)}`);
  });

  it('drop keys the schemas do not know, as zod does', () => {
    expect(readPushChannel({ ...CHANNEL, secret: 'x' })).not.toHaveProperty('secret');
    expectAgreement(readPushChannel, pushChannelSchema, { ...CHANNEL, secret: 'x' }, 'extra key');
    expectAgreement(readChannelStatus, channelStatusSchema, { ...STATUS, extra: 1 }, 'extra key');
  });

  it('keep the readable channels of a list, as the stored item does', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const list = [CHANNEL, { ...CHANNEL, id: 'bad id' }, { ...CHANNEL, id: 'ch-2' }];
    await (await import('wxt/testing')).fakeBrowser.storage.local.set({ 'push.channels': list });
    expect(readPushChannels(list)).toStrictEqual(await pushChannelsItem.get());
    expect(readPushChannels(list).map((c) => c.id)).toEqual(['ch-1', 'ch-2']);
    expect(readPushChannels({})).toEqual([]);
  });
});
