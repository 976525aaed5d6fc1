import type { PushServiceId } from '../channel';
import type { PushService } from '../service';
import { bark } from './bark';
import { dingtalk } from './dingtalk';
import { feishu } from './feishu';
import { ntfy } from './ntfy';
import { pushplus } from './pushplus';
import { serverchan } from './serverchan';
import { telegram } from './telegram';
import { webhook } from './webhook';
import { wecom } from './wecom';

// Every push service, by id: the one place a new service is listed.
export const PUSH_SERVICES: Readonly<Record<PushServiceId, PushService>> = {
  bark,
  dingtalk,
  feishu,
  ntfy,
  pushplus,
  serverchan,
  telegram,
  webhook,
  wecom,
};
