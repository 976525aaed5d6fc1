// Alarms that are not alerts. Alert alarms are named by their alert id (lib/alerts/alert-id.ts).
export const POLL_ALARM = 'poll.12306';
export const BADGE_ALARM = 'badge';
/** Set while a check runs, cleared when it settles: fires only if the background stopped mid-check. */
export const RETRY_ALARM = 'poll.retry';
/** Push channels waiting out a backoff or a rate limit (entrypoints/background/push.ts). */
export const PUSH_ALARM = 'push';
