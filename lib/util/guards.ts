// The checks of the hand-written readers that replace zod where it would not fit a size budget
// (lib/messaging/plain-readers.ts, lib/messaging/overlay-guard.ts). Each matches what zod 4 accepts for the same schema.

export type Fields = Record<string, unknown>;

/** As z.object(): any non-null object but an array. */
export const isFields = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** As z.number(): NaN and ±Infinity are not numbers. */
export const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

export const isString = (value: unknown): value is string => typeof value === 'string';

/**
 * `value` when finite, else null. For a number computed from a reply (a sum, a product, an offset):
 * finite inputs can still overflow to ±Infinity, which no stored schema accepts.
 */
export const finiteOrNull = (value: number): number | null => (Number.isFinite(value) ? value : null);
