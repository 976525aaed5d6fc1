import { saveAccountReplySchema, testResultSchema, type RequestType } from '../messaging/pages';
import { pushTestResultSchema, savePushChannelReplySchema } from '../messaging/push';
import { PLAIN_READERS, readReply, type ReplyReaders } from '../messaging/plain-readers';
import { askerFor, readWith } from './ask-background';

/** The settings page sends every request; the replies only it reads are read with their schemas. */
const READERS: ReplyReaders<RequestType> = {
  ...PLAIN_READERS,
  'account.save': readWith(saveAccountReplySchema),
  'account.test': readWith(testResultSchema),
  'push.save': readWith(savePushChannelReplySchema),
  'push.remove': readReply,
  'push.test': readWith(pushTestResultSchema),
};
export const askBackground = askerFor(READERS);
