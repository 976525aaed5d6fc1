import { askerFor, readWith } from '@/components/ask-background';
import { saveAccountReplySchema, testResultSchema } from '@/lib/messaging/pages';
import type { RequestType } from '@/lib/messaging/pages';
import { PLAIN_READERS, type ReplyReaders } from '@/lib/messaging/plain-readers';

/** The settings page sends every request; the replies only it reads are read with their schemas. */
const READERS: ReplyReaders<RequestType> = {
  ...PLAIN_READERS,
  'account.save': readWith(saveAccountReplySchema),
  'account.test': readWith(testResultSchema),
};
export const askBackground = askerFor(READERS);
