import { describe, expect, it } from 'vitest';
import { localeFiles } from '@/lib/i18n/locale-files';
import { messages } from '@/lib/i18n/messages';

describe('localeFiles', () => {
  const files = localeFiles();

  it('writes one messages.json for zh_CN and one for en', () => {
    expect(files.map((file) => file.relativeDest).sort()).toEqual([
      '_locales/en/messages.json',
      '_locales/zh_CN/messages.json',
    ]);
  });

  it.each([
    ['_locales/zh_CN/messages.json', 'zh'],
    ['_locales/en/messages.json', 'en'],
  ] as const)('%s is valid JSON with extName and extDescription', (dest, locale) => {
    const file = files.find((candidate) => candidate.relativeDest === dest)!;
    const json = JSON.parse(file.contents) as Record<string, { message: string }>;
    expect(json).toEqual({
      extName: { message: messages.extName[locale] },
      extDescription: { message: messages.extDescription[locale] },
    });
    expect(json.extName!.message).not.toBe('');
    expect(json.extDescription!.message).not.toBe('');
  });

  it('keeps within the browsers’ manifest limits (name 75, description 132 characters)', () => {
    for (const file of files) {
      const json = JSON.parse(file.contents) as Record<string, { message: string }>;
      expect(json.extName!.message.length).toBeLessThanOrEqual(75);
      expect(json.extDescription!.message.length).toBeLessThanOrEqual(132);
    }
  });
});
