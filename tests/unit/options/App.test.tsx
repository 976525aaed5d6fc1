// @vitest-environment happy-dom
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { App } from '@/entrypoints/options/App';
import { DEFAULT_SETTINGS } from '@/lib/settings/defaults';
import type { Settings } from '@/lib/settings/schema';
import { exportSettings } from '@/lib/settings/transfer';
import { settingsItem } from '@/lib/storage/items';

// The fake browser has no i18n API, so the page renders in English.

const stored = async () => (await fakeBrowser.storage.local.get('settings')).settings as Settings | undefined;

async function renderApp() {
  const view = render(<App />);
  await view.findByRole('heading', { name: 'PayClock settings' });
  return view;
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('options page', () => {
  it('shows the stored settings', async () => {
    await settingsItem.set({ ...DEFAULT_SETTINGS, reminderMinutes: [30, 2], sound: true, maskPassengers: false });
    const { getByLabelText } = await renderApp();
    expect((getByLabelText('Minutes before the deadline to remind me') as HTMLInputElement).value).toBe('30, 2');
    expect((getByLabelText('Play a sound with reminders') as HTMLInputElement).checked).toBe(true);
    expect((getByLabelText('Hide passenger names in notifications') as HTMLInputElement).checked).toBe(false);
    expect((getByLabelText('Show a countdown on 12306 pages') as HTMLInputElement).checked).toBe(true);
  });

  it('stores a changed checkbox at once and says so', async () => {
    const { getByLabelText, getAllByRole } = await renderApp();
    expect(await stored()).toBeUndefined();
    fireEvent.click(getByLabelText('Play a sound with reminders'));
    await waitFor(async () => expect(await stored()).toEqual({ ...DEFAULT_SETTINGS, sound: true }));
    fireEvent.click(getByLabelText('the pay deadline has passed'));
    await waitFor(async () =>
      expect(await stored()).toEqual({
        ...DEFAULT_SETTINGS,
        sound: true,
        notify: { ...DEFAULT_SETTINGS.notify, due: false },
      }),
    );
    await waitFor(() => expect(getAllByRole('status')[0]!.textContent).toBe('Saved'));
  });

  it('explains the passenger-name switch', async () => {
    const { getByLabelText } = await renderApp();
    const mask = getByLabelText('Hide passenger names in notifications');
    const hint = document.getElementById(mask.getAttribute('aria-describedby')!);
    expect(hint?.textContent).toContain('lock screen');
  });

  it.each([
    ['abc', '“abc” is not a whole number of minutes'],
    ['10, 0', '“0” is out of range: each time must be 1–120 minutes'],
    ['5 5', '5 minutes is given more than once; give each time once'],
    ['1 2 3 4 5 6', 'At most 5 reminder times'],
    ['', 'Enter at least one time. To have no reminders, turn them off under Notifications below.'],
  ])('refuses reminder times %j with a message and stores nothing', async (text, message) => {
    const { getByLabelText, findByText } = await renderApp();
    const field = getByLabelText('Minutes before the deadline to remind me') as HTMLInputElement;
    fireEvent.input(field, { target: { value: text } });
    const error = await findByText(message);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')).toContain(error.id);
    expect(field.value).toBe(text);
    fireEvent.blur(field);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await stored()).toBeUndefined();
    expect(field.value).toBe(text); // left for the user to correct
  });

  it('stores good reminder times sorted, largest first', async () => {
    const { getByLabelText, queryByText } = await renderApp();
    const field = getByLabelText('Minutes before the deadline to remind me') as HTMLInputElement;
    fireEvent.input(field, { target: { value: '2，30 、 15' } });
    expect(field.getAttribute('aria-invalid')).toBe('false');
    expect(queryByText(/whole number|out of range/)).toBeNull();
    fireEvent.blur(field);
    await waitFor(async () => expect((await stored())?.reminderMinutes).toEqual([30, 15, 2]));
    await waitFor(() => expect(field.value).toBe('30, 15, 2'));
  });

  it('stores nothing while someone is still typing, and saves on Enter', async () => {
    const { getByLabelText } = await renderApp();
    const field = getByLabelText('Minutes before the deadline to remind me') as HTMLInputElement;
    field.focus();
    // On the way to '3, 500', which is refused: the valid prefix '3, 50' must not be stored.
    fireEvent.input(field, { target: { value: '3, 50' } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await stored())?.reminderMinutes ?? DEFAULT_SETTINGS.reminderMinutes).toEqual([10, 5, 1]);
    expect(field.value).toBe('3, 50');
    fireEvent.input(field, { target: { value: '8 4' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    await waitFor(async () => expect((await stored())?.reminderMinutes).toEqual([8, 4]));
  });

  it('follows changes stored elsewhere', async () => {
    const { getByLabelText } = await renderApp();
    await settingsItem.set({ ...DEFAULT_SETTINGS, overlay: false, reminderMinutes: [7] });
    await waitFor(() =>
      expect((getByLabelText('Show a countdown on 12306 pages') as HTMLInputElement).checked).toBe(false),
    );
    expect((getByLabelText('Minutes before the deadline to remind me') as HTMLInputElement).value).toBe('7');
  });

  it('puts the default reminder times back', async () => {
    await settingsItem.set({ ...DEFAULT_SETTINGS, reminderMinutes: [60] });
    const { getByRole } = await renderApp();
    fireEvent.click(getByRole('button', { name: 'Use the default' }));
    await waitFor(async () => expect((await stored())?.reminderMinutes).toEqual([10, 5, 1]));
  });

  it('exports the settings as payclock-settings.json', async () => {
    await settingsItem.set({ ...DEFAULT_SETTINGS, sound: true });
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:payclock-test';
    });
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    const { getByRole, findByText } = await renderApp();
    fireEvent.click(getByRole('button', { name: 'Export settings' }));
    await findByText('Exported as payclock-settings.json');
    expect(clicked).toHaveLength(1);
    expect(clicked[0]!.download).toBe('payclock-settings.json');
    expect(clicked[0]!.href).toBe('blob:payclock-test');
    expect(await blobs[0]!.text()).toBe(exportSettings({ ...DEFAULT_SETTINGS, sound: true }));
  });

  async function importText(text: string) {
    const view = await renderApp();
    const input = view.container.querySelector<HTMLInputElement>('input[type=file]')!;
    const file = new File([text], 'payclock-settings.json', { type: 'application/json' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    fireEvent.change(input);
    return view;
  }

  it('imports a settings file and stores it', async () => {
    const imported = { ...DEFAULT_SETTINGS, reminderMinutes: [25], overlay: false };
    const { findByText, getByLabelText } = await importText(exportSettings(imported));
    await findByText('Settings imported');
    expect(await stored()).toEqual(imported);
    expect((getByLabelText('Minutes before the deadline to remind me') as HTMLInputElement).value).toBe('25');
  });

  it('refuses a bad settings file, says why, and changes nothing', async () => {
    const text = JSON.stringify({
      app: 'PayClock',
      kind: 'settings',
      version: 1,
      settings: { ...DEFAULT_SETTINGS, sound: 'loud', notify: { ...DEFAULT_SETTINGS.notify, gone: 1 } },
    });
    const { findByText } = await importText(text);
    await findByText(
      'Cannot import: these settings are missing or invalid: Notifications: an order is no longer pending (paid or cancelled), Play a sound with reminders. Your settings were not changed.',
    );
    expect(await stored()).toBeUndefined();
  });

  it('shows imported text as text', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const { container, findByText } = await renderApp();
    const field = container.querySelector<HTMLInputElement>('#reminder-minutes')!;
    fireEvent.input(field, { target: { value: hostile } });
    await findByText(/is not a whole number/);
    expect(container.querySelector('img')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });
});

describe('options page footer', () => {
  it('links the privacy policy the build makes from PRIVACY.md', async () => {
    const { getByRole } = await renderApp();
    expect(getByRole('link', { name: 'Privacy policy' }).getAttribute('href')).toBe('/privacy.html');
  });
});
