import type { Strings } from './strings';

// The popup's line about a failing push channel: a file of its own, so the popup's table
// (lib/i18n/popup.ts) takes these few words and not the settings page's.
export const pushPopupStrings = {
  pushPopupFailing: { zh: '推送到“{label}”失败：{detail}', en: 'Pushing to “{label}” fails: {detail}' },
  pushPopupRefused: {
    zh: '“{label}”的密钥被拒绝，请在设置中更新',
    en: '“{label}” refused its key; update it in Settings',
  },
  pushPopupOpen: { zh: '推送设置', en: 'Push settings' },
} as const satisfies Strings;
