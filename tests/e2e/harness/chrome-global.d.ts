// Code that the harness evaluates inside the extension's service worker uses Chrome's own `chrome`
// global; it has the same shape as WXT's `browser`.
declare const chrome: typeof import('wxt/browser').browser;
