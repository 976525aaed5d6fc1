import { z } from 'zod/mini';
import { DEFAULT_SETTINGS } from './defaults';
import { settingsSchema, type Settings } from './schema';

// Reading settings leniently. A stored settings object can be damaged, hand-edited or partly from
// another version; one bad field must not throw away all the others. Each field that fails the schema
// is replaced by its default, and the others are kept. Objects of switches (`notify`) are read switch
// by switch.

/** A settings field, or one switch of `notify`, as named in `inspectSettings`' list. */
export type SettingsPath = keyof Settings | `notify.${keyof Settings['notify']}`;

export interface InspectedSettings {
  /** The value with every invalid field replaced by its default. */
  settings: Settings;
  /** The fields that were missing or invalid, in the schema's order; empty when `raw` was valid. */
  invalid: SettingsPath[];
}

type Json = Record<string, unknown>;

const isPlainObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function readField(schema: z.core.$ZodType, raw: unknown, fallback: unknown, path: string, invalid: string[]): unknown {
  const parsed = z.safeParse(schema, raw);
  if (parsed.success) return parsed.data;
  // An object of its own (the switches): keep its good parts, unless it is not an object at all.
  if (schema instanceof z.ZodMiniObject && isPlainObject(raw) && isPlainObject(fallback)) {
    return readShape(schema, raw, fallback, `${path}.`, invalid);
  }
  invalid.push(path);
  return structuredClone(fallback);
}

function readShape(schema: z.ZodMiniObject, raw: Json, fallback: Json, prefix: string, invalid: string[]): Json {
  return Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => [
      key,
      readField(field, raw[key], fallback[key], `${prefix}${key}`, invalid),
    ]),
  );
}

/** Reads `raw` field by field: what is valid is kept, what is not is defaulted and listed. */
export function inspectSettings(raw: unknown): InspectedSettings {
  const invalid: string[] = [];
  const read = readShape(settingsSchema, isPlainObject(raw) ? raw : {}, DEFAULT_SETTINGS, '', invalid);
  const checked = settingsSchema.safeParse(read);
  // Cannot fail (every field was checked against its own schema); the fallback keeps the type honest.
  if (!checked.success) return { settings: structuredClone(DEFAULT_SETTINGS), invalid: [] };
  return { settings: checked.data, invalid: invalid as SettingsPath[] };
}

/** The stored settings as far as they are valid: each invalid field (each `notify` switch) defaulted. */
export function readSettings(raw: unknown): Settings {
  return inspectSettings(raw).settings;
}
