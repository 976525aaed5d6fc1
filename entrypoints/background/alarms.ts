import { browser, type Browser } from 'wxt/browser';

// Alarms whose time moved by less than this are left alone: the learned clock offset wobbles by a
// few milliseconds from reply to reply and re-creating every alarm each minute would be churn.
export const ALARM_TOLERANCE_MS = 1000;

/**
 * Creates or moves one alarm, unless it is already there at that time. Never throws: an alarm the
 * browser refuses must not keep the ones after it from being set.
 */
export async function setAlarm(name: string, when: number, existing: readonly Browser.alarms.Alarm[]) {
  const current = existing.find((alarm) => alarm.name === name);
  if (current && Math.abs(current.scheduledTime - when) < ALARM_TOLERANCE_MS) return;
  try {
    await browser.alarms.create(name, { when });
  } catch (error) {
    console.error(`PayClock: could not set the alarm ${name}`, error);
  }
}

export async function clearAlarm(name: string) {
  try {
    await browser.alarms.clear(name);
  } catch (error) {
    console.error(`PayClock: could not clear the alarm ${name}`, error);
  }
}
