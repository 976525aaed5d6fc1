import type { FieldProblem, Fields, PushService } from './service';

// Which of a form's values are the channel's public fields and which its secrets, and how typed
// secrets combine with stored ones. Pure, so the background's save and test and their tests agree.

/** Only the service's own public fields: a secret's name in `fields` must never reach plain storage. */
export function publicFieldsOf(service: PushService, fields: Fields): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const spec of service.fields) {
    const value = fields[spec.name];
    if (!spec.secret && value !== undefined) kept[spec.name] = value;
  }
  return kept;
}

/**
 * The stored secrets with what the user typed over them: a field absent keeps its stored value, a
 * field typed as '' clears it, `typed` null keeps them all. Only the service's secret fields count.
 */
export function mergeSecrets(service: PushService, stored: Fields, typed: Fields | null): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const spec of service.fields) {
    if (!spec.secret) continue;
    const value = typed && spec.name in typed ? typed[spec.name] : stored[spec.name];
    if (value !== undefined && value !== '') merged[spec.name] = value;
  }
  return merged;
}

/** Whether the user typed any of the service's secret fields (a new key, or one cleared). */
export const typedAnySecret = (service: PushService, typed: Fields | null): boolean =>
  typed !== null && service.fields.some((spec) => spec.secret && spec.name in typed);

/** The required secret fields that have no value. */
export const missingSecrets = (service: PushService, secrets: Fields): FieldProblem[] =>
  service.fields
    .filter((spec) => spec.secret && spec.required && (secrets[spec.name] ?? '').trim() === '')
    .map((spec) => ({ field: spec.name, problem: 'missing' }));

/** Same keys, same values. */
export function sameFields(a: Fields, b: Fields): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}
