import type { PushServiceId } from '../channel';
import type { PushService } from '../service';
import { bark } from './bark';
import { ntfy } from './ntfy';
import { pushplus } from './pushplus';
import { serverchan } from './serverchan';
import { telegram } from './telegram';
import { wecom } from './wecom';

// Every push service, by id: the one place a new service is listed.
export const PUSH_SERVICES: Readonly<Record<PushServiceId, PushService>> = {
  bark,
  ntfy,
  pushplus,
  serverchan,
  telegram,
  wecom,
} as Record<PushServiceId, PushService>;
