import type { Strings } from './strings';

// The settings (options) page.
export const settingsStrings = {
  settingsPageTitle: { zh: 'PayClock 设置', en: 'PayClock settings' },
  settingsSaved: { zh: '已保存', en: 'Saved' },
  settingsSaveFailed: { zh: '保存失败，请重试', en: 'Could not save; please try again' },

  settingsRemindersHeading: { zh: '提醒', en: 'Reminders' },
  settingsMinutesLabel: { zh: '截止前几分钟提醒', en: 'Minutes before the deadline to remind me' },
  settingsMinutesHint: {
    zh: '在付款截止前的这些时刻提醒你。用逗号、顿号或空格分隔，每个 1–{max} 分钟，最多 {count} 个。默认：{default}。',
    en: 'You are reminded this many minutes before the pay deadline. Separate times with commas or spaces; each 1–{max} minutes, at most {count}. Default: {default}.',
  },
  settingsMinutesDefault: { zh: '恢复默认', en: 'Use the default' },
  settingsRemindersOff: {
    zh: '提醒通知目前已关闭，可在下方“通知”中打开。',
    en: 'Reminder notifications are off at the moment; turn them on under Notifications below.',
  },
  settingsMinutesEmpty: {
    zh: '请至少填写一个时间。不需要提醒时，请在下方“通知”中关闭提醒。',
    en: 'Enter at least one time. To have no reminders, turn them off under Notifications below.',
  },
  settingsMinutesNotNumber: { zh: '“{value}”不是整数分钟', en: '“{value}” is not a whole number of minutes' },
  settingsMinutesOutOfRange: {
    zh: '“{value}”超出范围：每个时间须在 1–{max} 分钟之间',
    en: '“{value}” is out of range: each time must be 1–{max} minutes',
  },
  settingsMinutesTooMany: { zh: '最多只能设置 {max} 个提醒时间', en: 'At most {max} reminder times' },
  settingsMinutesRepeated: {
    zh: '{value} 分钟填了不止一次，每个时间只填一次',
    en: '{value} minutes is given more than once; give each time once',
  },

  settingsNotifyHeading: { zh: '通知', en: 'Notifications' },
  settingsNotifyIntro: { zh: '在以下情况显示通知：', en: 'Show a notification when:' },
  settingsNotifyFound: { zh: '出现新的待支付订单', en: 'a new unpaid order appears' },
  settingsNotifyRemind: { zh: '截止前提醒（上方设置的时间）', en: 'a reminder is due (at the times above)' },
  settingsNotifyDue: { zh: '付款截止时间已过', en: 'the pay deadline has passed' },
  settingsNotifyGone: {
    zh: '订单不再待支付（已支付或已取消）',
    en: 'an order is no longer pending (paid or cancelled)',
  },
  settingsNotifyLoginExpired: {
    zh: '仍有待支付订单时 12306 登录失效',
    en: 'your 12306 login expired while orders are unpaid',
  },

  settingsSoundHeading: { zh: '声音', en: 'Sound' },
  settingsSoundLabel: { zh: '提醒时播放提示音', en: 'Play a sound with reminders' },

  settingsOverlayHeading: { zh: '页面浮窗', en: 'Overlay' },
  settingsOverlayLabel: { zh: '在 12306 页面上显示付款倒计时', en: 'Show a countdown on 12306 pages' },

  settingsPrivacyHeading: { zh: '隐私', en: 'Privacy' },
  settingsMaskLabel: { zh: '通知中隐藏乘车人姓名', en: 'Hide passenger names in notifications' },
  settingsMaskHint: {
    zh: '通知可能显示在锁屏上，身边的人也能看到。',
    en: 'Notifications can show on a lock screen, where people around you can read them.',
  },

  settingsTransferHeading: { zh: '导入/导出', en: 'Import / export' },
  settingsTransferHint: {
    zh: '把本页的设置保存为文件，或从文件恢复。文件只包含本页的设置。',
    en: 'Save the settings on this page to a file, or restore them from one. The file holds these settings and nothing else.',
  },
  settingsExport: { zh: '导出设置', en: 'Export settings' },
  settingsImport: { zh: '导入设置…', en: 'Import settings…' },
  settingsExported: { zh: '已导出为 {file}', en: 'Exported as {file}' },
  settingsImported: { zh: '设置已导入', en: 'Settings imported' },
  settingsImportNotJson: { zh: '无法导入：文件不是有效的 JSON。', en: 'Cannot import: the file is not valid JSON.' },
  settingsImportNotSettings: {
    zh: '无法导入：这不是 PayClock 的设置文件。',
    en: 'Cannot import: this is not a PayClock settings file.',
  },
  settingsImportNewer: {
    zh: '无法导入：文件来自更新版本的 PayClock（设置版本 {version}），请先更新扩展。',
    en: 'Cannot import: the file is from a newer PayClock (settings version {version}); update the extension first.',
  },
  settingsImportBadValues: {
    zh: '无法导入：以下设置缺失或无效：{fields}。当前设置未改动。',
    en: 'Cannot import: these settings are missing or invalid: {fields}. Your settings were not changed.',
  },
  settingsImportTooLarge: {
    zh: '无法导入：文件太大，不是设置文件。',
    en: 'Cannot import: the file is too large to be a settings file.',
  },
  settingsImportUnreadable: { zh: '无法读取所选文件。', en: 'The chosen file could not be read.' },

  settingsPrivacyLink: { zh: '隐私政策', en: 'Privacy policy' },
} as const satisfies Strings;
