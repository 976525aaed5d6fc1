import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing';

// Every test starts from an empty browser: no storage, alarms, tabs or notifications left over.
beforeEach(() => {
  fakeBrowser.reset();
});
