import type {
  SavePushChannelReply,
  SavePushChannelRequest,
  TestPushChannelRequest,
  PushTestResult,
} from '@/lib/messaging/push';

// The background's answers to the settings page about push channels (save, remove, send a test).
// The secrets arrive here once and are written to `pushSecretsItem`; none is ever sent back, logged
// or shown. (Placeholder: the handlers are being written.)

export interface PushChannelHandlers {
  save(request: SavePushChannelRequest): Promise<SavePushChannelReply>;
  remove(id: string): Promise<void>;
  test(request: TestPushChannelRequest): Promise<PushTestResult>;
}
