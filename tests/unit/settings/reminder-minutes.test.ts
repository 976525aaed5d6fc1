import { describe, expect, it } from 'vitest';
import { translate } from '@/lib/i18n/translate';
import { formatReminderMinutes, parseReminderMinutes } from '@/lib/settings/reminder-minutes';
import { reminderMinutesSchema } from '@/lib/settings/schema';

describe('parseReminderMinutes', () => {
  it.each([
    ['10, 5, 1', [10, 5, 1]],
    ['10 5 1', [10, 5, 1]],
    ['1,5,10', [10, 5, 1]],
    ['10，5，1', [10, 5, 1]],
    ['10、5、1', [10, 5, 1]],
    ['１０　５', [10, 5]], // full-width digits and ideographic space from a Chinese input method
    [' 3 ;  20；1 ,', [20, 3, 1]],
    ['120', [120]],
    ['007', [7]],
    ['1 2 3 4 5', [5, 4, 3, 2, 1]],
  ])('reads %j as %j', (text, minutes) => {
    const parsed = parseReminderMinutes(text);
    expect(parsed).toEqual({ ok: true, minutes });
    if (parsed.ok) expect(reminderMinutesSchema.safeParse(parsed.minutes).success).toBe(true);
  });

  it.each([
    ['', 'settingsMinutesEmpty', undefined],
    [' ， 、 ', 'settingsMinutesEmpty', undefined],
    ['10, five', 'settingsMinutesNotNumber', { value: 'five' }],
    ['2.5', 'settingsMinutesNotNumber', { value: '2.5' }],
    ['10 min', 'settingsMinutesNotNumber', { value: 'min' }],
    ['0', 'settingsMinutesOutOfRange', { value: '0', max: 120 }],
    ['10, -5', 'settingsMinutesOutOfRange', { value: '-5', max: 120 }],
    ['121', 'settingsMinutesOutOfRange', { value: '121', max: 120 }],
    ['99999999999999999999999', 'settingsMinutesOutOfRange', { value: '999999999999…', max: 120 }],
    ['10 5 10', 'settingsMinutesRepeated', { value: 10 }],
    ['5, 05', 'settingsMinutesRepeated', { value: 5 }],
    ['1 2 3 4 5 6', 'settingsMinutesTooMany', { max: 5 }],
  ])('refuses %j with %s', (text, error, params) => {
    expect(parseReminderMinutes(text)).toEqual(params ? { ok: false, error, params } : { ok: false, error });
  });

  it('gives messages that name the problem in both languages', () => {
    const parsed = parseReminderMinutes('10, abc');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(translate('en', parsed.error, parsed.params)).toBe('“abc” is not a whole number of minutes');
    expect(translate('zh', parsed.error, parsed.params)).toBe('“abc”不是整数分钟');
  });

  it('reads back what it formats', () => {
    expect(formatReminderMinutes([10, 5, 1])).toBe('10, 5, 1');
    expect(parseReminderMinutes(formatReminderMinutes([30, 2]))).toEqual({ ok: true, minutes: [30, 2] });
  });
});
