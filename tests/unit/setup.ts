import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing';

// The fake browser leaves i18n unimplemented; unit tests run with an English browser. (Chinese
// text is tested through lib/i18n/translate directly.)
fakeBrowser.i18n.getUILanguage = () => 'en-US';

// Every test starts from an empty browser: no storage, alarms, tabs or notifications left over.
beforeEach(() => {
  fakeBrowser.reset();
});
