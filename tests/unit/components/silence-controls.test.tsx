// @vitest-environment happy-dom
import { cleanup, fireEvent, render } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SilenceControls } from '@/components/SilenceControls';
import type { QuietOrders } from '@/lib/alerts/quiet';

// The fake browser has no i18n API, so these render in English.

afterEach(cleanup);

const NOW = Date.UTC(2026, 2, 24, 6, 0, 0);
const snoozed: QuietOrders[string] = { kind: 'snoozed', until: NOW + 10 * 60_000 };
const muted: QuietOrders[string] = { kind: 'muted' };

describe('SilenceControls by keyboard', () => {
  it('moves the focus to the control that replaces the one pressed', () => {
    const onSilence = vi.fn();
    const shown = (silence: QuietOrders[string] | undefined) => (
      <SilenceControls silence={silence} now={NOW} offsetMs={0} onSilence={onSilence} />
    );
    const { getByRole, rerender } = render(shown(undefined));

    for (const [name, action, after] of [
      [/Remind me in/, 'snooze', snoozed],
      [/No more reminders/, 'mute', muted],
    ] as const) {
      const button = getByRole('button', { name });
      button.focus();
      fireEvent.click(button);
      expect(onSilence).toHaveBeenLastCalledWith(action);
      // The background stores it; the popup redraws from storage.
      rerender(shown(after));
      const resume = getByRole('button', { name: /back on/ });
      expect(document.activeElement).toBe(resume);
      fireEvent.click(resume);
      expect(onSilence).toHaveBeenLastCalledWith('unmute');
      rerender(shown(undefined));
      expect(document.activeElement).toBe(getByRole('button', { name: /Remind me in/ }));
    }
  });

  it('leaves the focus alone when the change came from elsewhere (a notification’s button)', () => {
    const { rerender } = render(<SilenceControls silence={undefined} now={NOW} offsetMs={0} onSilence={() => {}} />);
    rerender(<SilenceControls silence={muted} now={NOW} offsetMs={0} onSilence={() => {}} />);
    expect(document.activeElement).toBe(document.body);
  });
});
