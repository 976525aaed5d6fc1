import { describe, expect, it } from 'vitest';
import { migrateSettings, SETTINGS_VERSION, settingsMigrations } from '@/lib/settings/migrations';
import { DEFAULT_SETTINGS } from '@/lib/settings/defaults';

describe('settings migrations', () => {
  it('start at version 1', () => {
    expect(SETTINGS_VERSION).toBeGreaterThanOrEqual(1);
  });

  it('have one migration for each version after the first, and none beyond the current one', () => {
    const versions = Object.keys(settingsMigrations).map(Number);
    expect(versions.sort((a, b) => a - b)).toEqual(Array.from({ length: SETTINGS_VERSION - 1 }, (_, i) => i + 2));
  });

  it('leave a value of the current version alone', () => {
    expect(migrateSettings(DEFAULT_SETTINGS, SETTINGS_VERSION, SETTINGS_VERSION, settingsMigrations)).toBe(
      DEFAULT_SETTINGS,
    );
  });

  it('do not throw on damaged values from version 1', () => {
    for (const raw of [null, 42, 'x', [], {}, { notify: 'all' }]) {
      expect(() => migrateSettings(raw, 1, SETTINGS_VERSION, settingsMigrations)).not.toThrow();
    }
  });

  it('run each step in order, keeping the value when a step returns nothing', () => {
    const steps: number[] = [];
    const table = {
      2: (old: { a: number }) => (steps.push(2), { b: old.a + 1 }),
      3: () => void steps.push(3),
      4: (old: { b: number }) => (steps.push(4), { c: old.b * 10 }),
    };
    expect(migrateSettings({ a: 1 }, 1, 4, table)).toEqual({ c: 20 });
    expect(steps).toEqual([2, 3, 4]);
    expect(migrateSettings({ b: 5 }, 3, 4, table)).toEqual({ c: 50 });
  });
});
