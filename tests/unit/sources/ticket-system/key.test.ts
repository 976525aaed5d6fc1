import { describe, expect, it } from 'vitest';
import { deriveHawkKey } from '@/lib/sources/ticket-system/key';
// A copy of /work/shared/hawk-vectors.json: CI runs on a clean clone, where ../shared does not exist.
import vectors from '../../../fixtures/ticket-system/hawk-vectors.json' with { type: 'json' };

describe('deriveHawkKey', () => {
  it.each(vectors.upperMd5)('appends the uppercase UTF-8 MD5 of $input', ({ input, upperMd5 }) => {
    expect(deriveHawkKey('KEY', input)).toBe(`KEY${upperMd5}`);
  });

  it('gives the key of the V5-shaped vector', () => {
    const v5 = vectors.vectors.find((v) => v.credentials.id === 'agent01');
    expect(deriveHawkKey('KEY', '123456')).toBe(v5?.credentials.key);
  });

  it('keeps the venue key as given and handles an empty password', () => {
    expect(deriveHawkKey('abc-DEF ', '')).toBe('abc-DEF D41D8CD98F00B204E9800998ECF8427E');
  });
});
