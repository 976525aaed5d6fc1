import type { MessageKey } from '../i18n/messages';
import type { Params } from '../i18n/translate';
import { MAX_REMINDER_MINUTES, MAX_REMINDERS } from './schema';

// The reminder times as the user types them: "10, 5, 1", "10 5 1", "10，5，1" or "10、5、1", in any
// order. Full-width digits and punctuation from a Chinese input method count like their ASCII forms.

export type ParsedMinutes = { ok: true; minutes: number[] } | { ok: false; error: MessageKey; params?: Params };

// After NFKC: "，" is ",", "；" is ";", the ideographic space is a space. "、" stays itself.
const SEPARATORS = /[\s,;、]+/;
const WHOLE = /^-?\d+$/;
const SHOWN_LENGTH = 12;

/** A token quoted back to the user, cut short if someone pasted a novel. */
const shown = (token: string) => (token.length > SHOWN_LENGTH ? `${token.slice(0, SHOWN_LENGTH)}…` : token);

/**
 * The typed text as whole minutes, largest first, or why it cannot be: nothing typed, not a whole
 * number, outside 1–MAX_REMINDER_MINUTES, a time given twice, or more than MAX_REMINDERS times.
 * Stricter than the schema in one way: an empty list is refused, as it is far more likely a field
 * being retyped than a wish for no reminders (the `notify.remind` switch turns them off).
 */
export function parseReminderMinutes(text: string): ParsedMinutes {
  const tokens = text.normalize('NFKC').split(SEPARATORS).filter(Boolean);
  if (tokens.length === 0) return { ok: false, error: 'settingsMinutesEmpty' };
  const minutes: number[] = [];
  for (const token of tokens) {
    if (!WHOLE.test(token)) return { ok: false, error: 'settingsMinutesNotNumber', params: { value: shown(token) } };
    const value = Number(token);
    if (value < 1 || value > MAX_REMINDER_MINUTES) {
      return {
        ok: false,
        error: 'settingsMinutesOutOfRange',
        params: { value: shown(token), max: MAX_REMINDER_MINUTES },
      };
    }
    if (minutes.includes(value)) return { ok: false, error: 'settingsMinutesRepeated', params: { value } };
    minutes.push(value);
  }
  if (minutes.length > MAX_REMINDERS)
    return { ok: false, error: 'settingsMinutesTooMany', params: { max: MAX_REMINDERS } };
  return { ok: true, minutes: minutes.sort((a, b) => b - a) };
}

/** The minutes as the field shows them: "10, 5, 1". */
export function formatReminderMinutes(minutes: readonly number[]): string {
  return minutes.join(', ');
}

export function sameMinutes(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
