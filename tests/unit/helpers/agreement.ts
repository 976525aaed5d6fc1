import { expect } from 'vitest';

// For readers written without zod (where zod would not fit a size budget) that must accept exactly
// what a zod schema accepts: every place of a valid value is replaced by each of many wrong values,
// and the reader must return null exactly where the schema fails, otherwise what the schema returns.

export type Reader = (value: unknown) => unknown;
export type Schema = { safeParse(value: unknown): { success: true; data: unknown } | { success: false } };

/** Stands for "the key is taken out" among replacement values. */
export const MISSING = Symbol('missing key');

/** Wrong (and sometimes right) values of every JSON kind, plus the numbers JSON cannot hold. */
export const WRONG_VALUES: readonly unknown[] = [
  MISSING,
  undefined,
  null,
  '',
  'text',
  'http://x',
  'https://x',
  0,
  -1.5,
  NaN,
  Infinity,
  -Infinity,
  true,
  false,
  [],
  [null],
  [{}],
  {},
];

type Path = (string | number)[];

/** Every place in `value`, the value itself included. */
export function paths(value: unknown, at: Path = []): Path[] {
  const here = [at];
  if (Array.isArray(value)) return here.concat(...value.map((item, i) => paths(item, [...at, i])));
  if (typeof value === 'object' && value !== null) {
    return here.concat(...Object.entries(value).map(([key, item]) => paths(item, [...at, key])));
  }
  return here;
}

/** A copy of `value` with what is at `path` replaced by `replacement` (or taken out, for MISSING). */
export function mutate(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement === MISSING ? undefined : replacement;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let parent = copy;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (replacement === MISSING) delete parent[last];
  else parent[last] = replacement;
  return copy;
}

export const describeValue = (value: unknown) =>
  value === MISSING ? '(missing)' : typeof value === 'number' ? String(value) : JSON.stringify(value);

/** Whether the reader and the schema agree on `value`; returns whether the schema accepts it. */
export function expectAgreement(read: Reader, schema: Schema, value: unknown, label: string): boolean {
  const parsed = schema.safeParse(value);
  if (parsed.success) expect(read(value), label).toStrictEqual(parsed.data);
  else expect(read(value), label).toBeNull();
  return parsed.success;
}

/** Every single-place mutation of `valid`; counts of what the schema accepted and rejected. */
export function expectAgreementEverywhere(
  read: Reader,
  schema: Schema,
  valid: unknown,
  wrongValues: readonly unknown[] = WRONG_VALUES,
): { accepted: number; rejected: number } {
  let accepted = 0;
  let rejected = 0;
  for (const path of paths(valid)) {
    for (const wrong of wrongValues) {
      const label = `${path.join('.') || '(itself)'} = ${describeValue(wrong)}`;
      if (expectAgreement(read, schema, mutate(valid, path, wrong), label)) accepted += 1;
      else rejected += 1;
    }
  }
  return { accepted, rejected };
}
