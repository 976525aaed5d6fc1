import { describe, expect, it } from 'vitest';
import { shouldCheckAfterCookieChange, shouldCheckAfterPageLoad } from '@/lib/schedule/cookie-trigger';
import type { SourceStatus } from '@/lib/snapshots/snapshot';

const added = (cause = 'explicit') => ({ removed: false, cause });
const removed = (cause: string) => ({ removed: true, cause });

describe('shouldCheckAfterCookieChange', () => {
  it.each(['loggedOut', 'unknown'] as const)('while %s, checks when a session cookie is set', (status) => {
    expect(shouldCheckAfterCookieChange(status, added())).toBe(true);
    expect(shouldCheckAfterCookieChange(status, added('overwrite'))).toBe(true);
  });

  it.each(['loggedOut', 'unknown'] as const)('while %s, ignores a session cookie going away', (status) => {
    for (const cause of ['explicit', 'expired', 'overwrite', 'evicted', 'expired_overwrite']) {
      expect(shouldCheckAfterCookieChange(status, removed(cause))).toBe(false);
    }
  });

  const loggedIn: SourceStatus[] = ['ok', 'busy', 'rejected', 'timeout', 'offline', 'unexpected'];

  it.each(loggedIn)('while %s, checks when a session cookie is removed', (status) => {
    for (const cause of ['explicit', 'expired', 'evicted', 'expired_overwrite']) {
      expect(shouldCheckAfterCookieChange(status, removed(cause))).toBe(true);
    }
  });

  it.each(loggedIn)('while %s, ignores a cookie being overwritten (session refresh)', (status) => {
    expect(shouldCheckAfterCookieChange(status, removed('overwrite'))).toBe(false);
  });

  it.each(loggedIn)('while %s, ignores a cookie being set', (status) => {
    expect(shouldCheckAfterCookieChange(status, added())).toBe(false);
  });
});

describe('shouldCheckAfterPageLoad', () => {
  it('looks at the login only while the stored state is logged out or not known yet', () => {
    expect(shouldCheckAfterPageLoad('loggedOut')).toBe(true);
    expect(shouldCheckAfterPageLoad('unknown')).toBe(true);
    for (const status of ['ok', 'busy', 'rejected', 'timeout', 'offline', 'unexpected'] as const) {
      expect(shouldCheckAfterPageLoad(status)).toBe(false);
    }
  });
});
