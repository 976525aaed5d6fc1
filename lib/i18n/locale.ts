import { browser } from 'wxt/browser';
import { localeFor } from './fill';

// The one place that asks the browser for its language; everything else is pure.

export const locale = localeFor(browser.i18n?.getUILanguage?.());
