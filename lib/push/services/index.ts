import type { PushServiceId } from '../channel';
import type { PushService } from '../service';
import { dingtalk } from './dingtalk';
import { feishu } from './feishu';
import { webhook } from './webhook';
import { wecom } from './wecom';

// Every push service, by id: the one place a new service is listed.
export const PUSH_SERVICES: Readonly<Record<PushServiceId, PushService>> = {
  dingtalk,
  feishu,
  webhook,
  wecom,
} as Record<PushServiceId, PushService>;
