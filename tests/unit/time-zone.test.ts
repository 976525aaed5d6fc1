import { describe, expect, it } from 'vitest';

// The suite runs once per zone (vitest.config.ts). This proves each run really is in its zone,
// so a green run under "America/Los_Angeles" is not a UTC run in disguise.
describe('the test run time zone', () => {
  it('is the zone the project was configured with', () => {
    const zone = process.env.TZ;
    expect(zone).toBeTruthy();
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(zone);
    const expectedOffsetMinutes = { 'America/Los_Angeles': 480, UTC: 0, 'Asia/Shanghai': -480 }[zone!];
    // January: no daylight saving in Los Angeles.
    expect(new Date('2026-01-15T12:00:00Z').getTimezoneOffset()).toBe(expectedOffsetMinutes);
  });
});
