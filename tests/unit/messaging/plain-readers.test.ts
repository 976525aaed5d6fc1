import { describe, expect, it } from 'vitest';
import { replySchema, watchAddReplySchema } from '@/lib/messaging/pages';
import { readReply, readWatchAddReply } from '@/lib/messaging/plain-readers';
import { expectAgreement, expectAgreementEverywhere } from '../helpers/agreement';

// The popup reads the background's replies with lib/messaging/plain-readers.ts instead of the zod schemas (its size
// budget); both must agree on every value.

describe('the popup’s reply readers', () => {
  it('read `{ ok }` exactly as its schema does', () => {
    for (const valid of [{ ok: true }, { ok: false }]) expect(readReply(valid)).toStrictEqual(valid);
    const { accepted, rejected } = expectAgreementEverywhere(readReply, replySchema, { ok: true });
    expect(accepted).toBeGreaterThanOrEqual(2); // true and false in place of `ok`
    expect(rejected).toBeGreaterThan(20);
  });

  it('read the watch.add reply exactly as its schema does', () => {
    const valid = { ok: true, added: 3, already: 0 };
    expect(readWatchAddReply(valid)).toStrictEqual(valid);
    const { accepted, rejected } = expectAgreementEverywhere(readWatchAddReply, watchAddReplySchema, valid);
    expect(accepted).toBeGreaterThan(4);
    expect(rejected).toBeGreaterThan(50);
  });

  it('drop keys the schemas do not know, as zod does', () => {
    const extra = { ok: true, added: 1, already: 2, secret: 'x' };
    expectAgreement(readWatchAddReply, watchAddReplySchema, extra, 'extra key');
    expect(readWatchAddReply(extra)).not.toHaveProperty('secret');
    expectAgreement(readReply, replySchema, { ok: false, more: 1 }, 'extra key');
  });
});
