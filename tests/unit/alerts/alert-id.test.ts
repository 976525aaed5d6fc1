import { describe, expect, it } from 'vitest';
import { alertId, parseAlertId, type Alert } from '@/lib/alerts/alert-id';

const DEADLINE = Date.UTC(2026, 2, 24, 6, 57, 9);
const KEY = '12306:E123456789';

describe('alertId and parseAlertId', () => {
  const alerts: Alert[] = [
    { kind: 'found', orderKey: KEY },
    { kind: 'remind', orderKey: KEY, minutes: 10, deadline: DEADLINE },
    { kind: 'due', orderKey: KEY, deadline: DEADLINE },
    { kind: 'gone', orderKey: KEY },
    { kind: 'loginExpired', orderKey: KEY },
  ];

  it.each(alerts)('round-trips a $kind alert', (alert) => {
    const id = alertId(alert);
    expect(typeof id).toBe('string');
    expect(parseAlertId(id)).toEqual(alert);
  });

  // A venue's order number is its own string and may hold the separator: its reminders must still fire.
  it.each<Alert>([
    { kind: 'found', orderKey: 'ticket-system:acc-1:A|B' },
    { kind: 'remind', orderKey: 'ticket-system:acc-1:A|10|B', minutes: 10, deadline: DEADLINE },
    { kind: 'due', orderKey: 'ticket-system:acc-1:|A|', deadline: DEADLINE },
    { kind: 'gone', orderKey: 'ticket-system:acc-1:A||B' },
  ])('round-trips a $kind alert whose order key holds a |', (alert) => {
    expect(parseAlertId(alertId(alert))).toEqual(alert);
  });

  it('gives every kind, order, minute count and deadline its own id', () => {
    const ids = [
      ...alerts.map(alertId),
      alertId({ kind: 'found', orderKey: '12306:E999' }),
      alertId({ kind: 'remind', orderKey: KEY, minutes: 5, deadline: DEADLINE }),
      alertId({ kind: 'remind', orderKey: KEY, minutes: 10, deadline: DEADLINE + 60_000 }),
      alertId({ kind: 'due', orderKey: KEY, deadline: DEADLINE + 60_000 }),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps the same id for the same alert (stable across restarts)', () => {
    expect(alertId({ kind: 'remind', orderKey: KEY, minutes: 1, deadline: DEADLINE })).toBe(
      alertId({ deadline: DEADLINE, minutes: 1, orderKey: KEY, kind: 'remind' }),
    );
  });

  it.each([
    '',
    'found',
    'found|',
    'gone|',
    'loginExpired|',
    'paid|12306:E1',
    'remind|10|123',
    'remind|ten|123|12306:E1',
    'remind|10|soon|12306:E1',
    'remind|-5|123|12306:E1',
    'remind|1.5|123|12306:E1',
    'remind|10|123|',
    'due|123',
    'due|later|12306:E1',
    'due|123|',
    'due||12306:E1',
    'FOUND|12306:E1',
  ])('rejects the malformed id %j', (id) => {
    expect(parseAlertId(id)).toBeNull();
  });
});
