// The stored settings are versioned (WXT keeps the version next to the value, under `settings$`) and
// so is the settings file (its `version`). Version 1 is the first; nothing needs migrating yet.
//
// To change the shape of the settings (version 2):
//  1. change `settingsSchema` in ./schema.ts and `DEFAULT_SETTINGS` in ./defaults.ts to the new shape;
//  2. set `SETTINGS_VERSION = 2` below;
//  3. add `2: (v1) => v2` to `settingsMigrations`: it gets whatever version 1 stored, which may be
//     damaged or hand-edited, so it must not throw on bad input; it returns the new shape as far as it
//     can, and `readSettings` then defaults whatever is still invalid, field by field;
//  4. test it in tests/unit/settings/migrations.test.ts with a real version-1 value.
// WXT runs the table on the stored item the first time it is used after an update; `importSettings`
// runs the same table on files written by an older version.

/** The version of the settings' shape, stored with them and written into exported files. */
export const SETTINGS_VERSION = 1;

/** `n: (value of version n - 1) => value of version n`, one entry for each version after the first. */
// `any`: each migration names the shape it reads, which `unknown` would not accept as a parameter.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const settingsMigrations: Record<number, (old: any) => unknown> = {};

/**
 * Brings a settings value written by version `fromVersion` up to `toVersion` with `migrations`, the
 * way WXT does it for the stored item (a migration that returns nothing keeps the value).
 */
export function migrateSettings(
  value: unknown,
  fromVersion: number,
  toVersion: number,
  migrations: Record<number, (old: never) => unknown>,
): unknown {
  let migrated = value;
  for (let version = fromVersion + 1; version <= toVersion; version++) {
    migrated = migrations[version]?.(migrated as never) ?? migrated;
  }
  return migrated;
}
