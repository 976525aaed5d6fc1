// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SourceLine } from '@/components/SourceLine';
import { popupStrings } from '@/lib/i18n/strings/popup';
import { EMPTY_SNAPSHOT, type Snapshot, type SourceStatus } from '@/lib/snapshots/snapshot';

// The popup says when the last check was sent from the user's open 12306 tab (12306 refused the
// extension's own request), and only then. The unit tests' browser is English (tests/unit/setup.ts).

const snapshot = (overrides: Partial<Snapshot>): Snapshot => ({ ...EMPTY_SNAPSHOT, ...overrides });

const via = (container: Element) => container.querySelectorAll('.source__via');

afterEach(() => {
  cleanup();
  vi.doUnmock('@/lib/i18n/locale');
  vi.resetModules();
});

describe('SourceLine’s line about the 12306 tab', () => {
  it.each<SourceStatus>(['ok', 'rejected', 'busy', 'loggedOut'])(
    'says the check was sent from the tab (%s)',
    (status) => {
      const { container } = render(
        <SourceLine
          name="12306"
          snapshot={snapshot({ status, checkedAt: Date.now(), askedFrom: 'tab' })}
          onLogIn={() => {}}
        />,
      );
      expect(via(container)).toHaveLength(1);
      expect(via(container)[0]!.textContent).toBe(
        'Asked from your open 12306 tab: 12306 refused the extension’s own request',
      );
      expect(via(container)[0]!.textContent).toBe(popupStrings.askedFromTab.en);
    },
  );

  it('says nothing of a tab when the extension asked itself', () => {
    for (const askedFrom of [undefined, 'window', '', null] as unknown as Snapshot['askedFrom'][]) {
      const { container, unmount } = render(
        <SourceLine
          name="12306"
          snapshot={snapshot({ status: 'ok', checkedAt: Date.now(), askedFrom })}
          onLogIn={() => {}}
        />,
      );
      expect(via(container)).toHaveLength(0);
      expect(container.textContent).not.toContain('12306 tab');
      unmount();
    }
  });

  it('says it in Chinese in a Chinese browser', async () => {
    vi.resetModules();
    vi.doMock('@/lib/i18n/locale', () => ({ locale: 'zh' }));
    const { SourceLine: ChineseSourceLine } = await import('@/components/SourceLine');
    const { container } = render(
      <ChineseSourceLine name="12306" snapshot={snapshot({ status: 'ok', askedFrom: 'tab' })} onLogIn={() => {}} />,
    );
    expect(via(container)[0]!.textContent).toBe('经由你打开的 12306 页面查询：12306 拒绝了本扩展的直接请求');
  });
});
