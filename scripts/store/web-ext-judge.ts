import type { AllowedWarning } from './web-ext-allowed';

/** One message of `web-ext lint --output json`, as much of it as is read here. */
export interface LintMessage {
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

export interface LintReport {
  errors: LintMessage[];
  warnings: LintMessage[];
  notices: LintMessage[];
}

export interface Judgement {
  /** Errors, and warnings no allow-list entry explains: each fails the check. */
  refused: LintMessage[];
  /** Allow-list entries that explained nothing: stale, they fail the check too. */
  stale: AllowedWarning[];
}

/** How far from the reported column the entry's `near` text may stand (minified: one long line). */
const NEAR_WINDOW = 200;

/** The text around a message's spot in the built file, or '' when it has none. */
export type ReadSpot = (file: string, line: number, column: number, window: number) => string;

function explains(entry: AllowedWarning, warning: LintMessage, readSpot: ReadSpot): boolean {
  if (entry.code !== warning.code || !warning.file || !entry.file.test(warning.file)) return false;
  return readSpot(warning.file, warning.line ?? 1, warning.column ?? 0, NEAR_WINDOW).includes(entry.near);
}

/** Errors always fail; a warning passes only when an entry explains it; notices are only shown. */
export function judge(report: LintReport, allowed: readonly AllowedWarning[], readSpot: ReadSpot): Judgement {
  const used = new Set<AllowedWarning>();
  const refused = [...report.errors];
  for (const warning of report.warnings) {
    const entry = allowed.find((candidate) => explains(candidate, warning, readSpot));
    if (entry) used.add(entry);
    else refused.push(warning);
  }
  return { refused, stale: allowed.filter((entry) => !used.has(entry)) };
}
