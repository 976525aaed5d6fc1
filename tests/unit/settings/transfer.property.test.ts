import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_REMINDER_MINUTES, MAX_REMINDERS, settingsSchema, type Settings } from '@/lib/settings/schema';
import { exportSettings, importSettings, SETTINGS_FILE_MAX_CHARS } from '@/lib/settings/transfer';
import { mutate, mutationArbitrary, PROPERTY_RUNS, type Json } from '../helpers/mutate';

// An import replaces every setting at once, so it is all or nothing: whatever text the user picks,
// it returns (never throws), and what it accepts is a complete, valid set of settings.

const settingsArbitrary: fc.Arbitrary<Settings> = fc.record({
  reminderMinutes: fc.uniqueArray(fc.integer({ min: 1, max: MAX_REMINDER_MINUTES }), { maxLength: MAX_REMINDERS }),
  notify: fc.record({
    found: fc.boolean(),
    remind: fc.boolean(),
    due: fc.boolean(),
    gone: fc.boolean(),
    loginExpired: fc.boolean(),
  }),
  sound: fc.boolean(),
  overlay: fc.boolean(),
  maskPassengers: fc.boolean(),
});

function expectValidResult(text: string) {
  const result = importSettings(text);
  if (result.ok) expect(settingsSchema.safeParse(result.settings).success).toBe(true);
  else expect(typeof result.error).toBe('string');
  return result;
}

describe('importSettings: properties', () => {
  it('returns a reason or valid settings for any text', () => {
    const text = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc
        .record(
          { app: fc.jsonValue(), kind: fc.jsonValue(), version: fc.jsonValue(), settings: fc.jsonValue() },
          { requiredKeys: [] },
        )
        .map((value) => JSON.stringify(value)),
    );
    fc.assert(
      fc.property(text, (value) => void expectValidResult(value)),
      PROPERTY_RUNS,
    );
  });

  it('reads back every exported settings file as it was', () => {
    fc.assert(
      fc.property(settingsArbitrary, (settings) => {
        expect(importSettings(exportSettings(settings))).toEqual({ ok: true, settings });
      }),
      PROPERTY_RUNS,
    );
  });

  it('refuses a settings file with its shape broken, or imports exactly what it says', () => {
    fc.assert(
      fc.property(
        settingsArbitrary,
        fc.array(mutationArbitrary, { minLength: 1, maxLength: 3 }),
        (settings, mutations) => {
          const file = JSON.parse(exportSettings(settings)) as Json;
          const { mutated, applied } = mutate(file, mutations);
          const result = expectValidResult(JSON.stringify(mutated));
          // A file accepted after a change must still say what was imported: nothing is made up.
          if (result.ok)
            expect((mutated as { settings: unknown }).settings, applied.join('; ')).toMatchObject(result.settings);
        },
      ),
      PROPERTY_RUNS,
    );
  });

  it('returns a reason for deeply nested JSON just under the size limit', () => {
    const depth = (SETTINGS_FILE_MAX_CHARS - 100) / 2;
    const deep = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const file = `{"app":"PayClock","kind":"settings","version":1,"settings":{"notify":${deep}}}`;
    expect(file.length).toBeLessThanOrEqual(SETTINGS_FILE_MAX_CHARS);
    expect(expectValidResult(file).ok).toBe(false);
  });
});
