// The web-ext lint warnings PayClock ships with, each from a dependency's code and each with its
// reason. Every other error or warning fails `npm run lint:firefox`, and so does an entry here that
// no longer matches anything (it would hide the next real one).

export interface AllowedWarning {
  /** web-ext's message code. */
  code: string;
  /** The built file (under .output/firefox-mv2), as a pattern: chunk names carry a content hash. */
  file: RegExp;
  /** Text that stands within a few characters of the reported spot, showing whose code it is. */
  near: string;
  reason: string;
}

// Preact's renderer writes `innerHTML` only for `dangerouslySetInnerHTML`, which PayClock never uses
// (ESLint forbids it: eslint.config.js). Every page and the content script bundle Preact.
const PREACT_INNER_HTML = {
  code: 'UNSAFE_VAR_ASSIGNMENT',
  near: '.__html',
  reason: "Preact's runtime, reached only through dangerouslySetInnerHTML, which PayClock never uses",
};

export const ALLOWED_WARNINGS: readonly AllowedWarning[] = [
  { ...PREACT_INNER_HTML, file: /^content-scripts\/overlay\.js$/ },
  { ...PREACT_INNER_HTML, file: /^chunks\/popup-[\w-]+\.js$/ },
  { ...PREACT_INNER_HTML, file: /^chunks\/options-[\w-]+\.js$/ },
];
