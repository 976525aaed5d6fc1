// Every alert has one id. It names the one-shot alarm that fires it, the notification that shows
// it, and the entry in the sent log that makes sure it is shown at most once, even across restarts.
//
// Timed alerts carry the deadline they were planned for: if 12306 moves an order's deadline (an
// order changed with 改签 gets a new pay window), they become new alerts rather than being lost.

export type Alert =
  | { kind: 'found'; orderKey: string }
  | { kind: 'remind'; orderKey: string; minutes: number; deadline: number }
  | { kind: 'due'; orderKey: string; deadline: number }
  | { kind: 'gone'; orderKey: string }
  | { kind: 'loginExpired'; orderKey: string };

export type AlertKind = Alert['kind'];

export function alertId(alert: Alert): string {
  switch (alert.kind) {
    case 'remind':
      return `remind|${alert.minutes}|${alert.deadline}|${alert.orderKey}`;
    case 'due':
      return `due|${alert.deadline}|${alert.orderKey}`;
    default:
      return `${alert.kind}|${alert.orderKey}`;
  }
}

const WHOLE = /^\d+$/;

// The order key comes last and is all the rest: a venue's order number may itself hold a `|`.
export function parseAlertId(id: string): Alert | null {
  const [kind = '', ...fields] = id.split('|');
  const fixed = kind === 'remind' ? 2 : kind === 'due' ? 1 : 0;
  const orderKey = fields.slice(fixed).join('|');
  if (fields.length <= fixed || !orderKey) return null;
  if (kind === 'remind') {
    const [minutes = '', deadline = ''] = fields;
    if (!WHOLE.test(minutes) || !WHOLE.test(deadline)) return null;
    return { kind, orderKey, minutes: Number(minutes), deadline: Number(deadline) };
  }
  if (kind === 'due') {
    const [deadline = ''] = fields;
    if (!WHOLE.test(deadline)) return null;
    return { kind, orderKey, deadline: Number(deadline) };
  }
  if (kind === 'found' || kind === 'gone' || kind === 'loginExpired') return { kind, orderKey };
  return null;
}
