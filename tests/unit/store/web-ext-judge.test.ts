import { describe, expect, it } from 'vitest';
import { ALLOWED_WARNINGS } from '../../../scripts/store/web-ext-allowed';
import { judge, type LintMessage, type LintReport } from '../../../scripts/store/web-ext-judge';

// The web-ext lint check (npm run lint:firefox) against reports shaped like web-ext's JSON output.

const PREACT_SPOT = 'if(f)s||p&&(f.__html==p.__html||f.__html==e.innerHTML)||(e.innerHTML=f.__html)';
const innerHtml = (file: string): LintMessage => ({
  code: 'UNSAFE_VAR_ASSIGNMENT',
  message: 'Unsafe assignment to innerHTML',
  file,
  line: 1,
  column: 40,
});
const preactWarnings = [
  innerHtml('content-scripts/overlay.js'),
  innerHtml('chunks/popup-CpzOkRY1.js'),
  innerHtml('chunks/options-W7Cj970B.js'),
];
const report = (over: Partial<LintReport>): LintReport => ({ errors: [], warnings: [], notices: [], ...over });
const preactEverywhere = () => PREACT_SPOT;

describe('judging a web-ext lint report', () => {
  it("passes Preact's innerHTML in the three bundles that carry Preact, and nothing is stale", () => {
    expect(judge(report({ warnings: preactWarnings }), ALLOWED_WARNINGS, preactEverywhere)).toEqual({
      refused: [],
      stale: [],
    });
  });

  it('refuses an innerHTML that is not where Preact writes it', () => {
    const ours = 'document.body.innerHTML=reply.text';
    const verdict = judge(report({ warnings: preactWarnings }), ALLOWED_WARNINGS, (file) =>
      file.startsWith('chunks/popup-') ? ours : PREACT_SPOT,
    );
    expect(verdict.refused).toEqual([preactWarnings[1]]);
  });

  it('refuses a warning in a file no entry names, and any error', () => {
    const background = innerHtml('background.js');
    const error: LintMessage = { code: 'MANIFEST_FIELD_REQUIRED', message: 'missing', file: 'manifest.json' };
    const verdict = judge(
      report({ warnings: [...preactWarnings, background], errors: [error] }),
      ALLOWED_WARNINGS,
      preactEverywhere,
    );
    expect(verdict.refused).toEqual([error, background]);
  });

  it('refuses a manifest warning with the same code as nothing allowed', () => {
    const manifest: LintMessage = {
      code: 'KEY_FIREFOX_ANDROID_UNSUPPORTED_BY_MIN_VERSION',
      message: 'Manifest key not supported by the specified minimum Firefox for Android version',
      file: 'manifest.json',
    };
    expect(
      judge(report({ warnings: [...preactWarnings, manifest] }), ALLOWED_WARNINGS, preactEverywhere).refused,
    ).toEqual([manifest]);
  });

  it('names an entry stale once its warning is gone', () => {
    const verdict = judge(report({ warnings: preactWarnings.slice(1) }), ALLOWED_WARNINGS, preactEverywhere);
    expect(verdict.refused).toEqual([]);
    expect(verdict.stale.map((entry) => String(entry.file))).toEqual([String(/^content-scripts\/overlay\.js$/)]);
  });

  it('shows notices without failing on them', () => {
    const notice: LintMessage = { code: 'SOME_NOTICE', message: 'just so you know' };
    expect(judge(report({ warnings: preactWarnings, notices: [notice] }), ALLOWED_WARNINGS, preactEverywhere)).toEqual({
      refused: [],
      stale: [],
    });
  });
});
