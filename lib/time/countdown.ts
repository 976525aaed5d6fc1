// One rounding rule for every place that shows time left, so the popup's 00:59 and the badge's
// "<1" change at the same instant. Seconds are rounded up: "00:01" is shown until the deadline
// itself, and "00:00" never appears while there is still time.

export type Urgency = 'calm' | 'soon' | 'urgent' | 'overdue';

/** Minutes left at or under which an order is shown as needing attention. */
export const SOON_MINUTES = 10;
export const URGENT_MINUTES = 5;

export function secondsLeft(deadline: number, serverNow: number): number {
  return Math.ceil((deadline - serverNow) / 1000);
}

export function urgencyOf(deadline: number, serverNow: number): Urgency {
  const seconds = secondsLeft(deadline, serverNow);
  if (seconds <= 0) return 'overdue';
  if (seconds <= URGENT_MINUTES * 60) return 'urgent';
  if (seconds <= SOON_MINUTES * 60) return 'soon';
  return 'calm';
}

const pad = (value: number) => String(value).padStart(2, '0');

/** `mm:ss`, or `h:mm:ss` from an hour on; `00:00` once the deadline has passed. */
export function formatCountdown(deadline: number, serverNow: number): string {
  const total = Math.max(0, secondsLeft(deadline, serverNow));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${pad(minutes)}:${pad(seconds)}`;
}

/** Whole minutes left as the badge shows them (`12:34` left is 12), or null once overdue. */
export function minutesLeft(deadline: number, serverNow: number): number | null {
  const seconds = secondsLeft(deadline, serverNow);
  return seconds > 0 ? Math.floor(seconds / 60) : null;
}
