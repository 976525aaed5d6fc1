import { browser } from 'wxt/browser';
import type { MessageKey } from './messages';
import { localeFor, translate, type Params } from './translate';

// The one place that asks the browser for its language; everything below it is pure.
export const locale = localeFor(browser.i18n?.getUILanguage?.());

export const t = (key: MessageKey, params?: Params) => translate(locale, key, params);
