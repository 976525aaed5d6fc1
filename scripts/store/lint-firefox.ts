import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ALLOWED_WARNINGS } from './web-ext-allowed';
import { judge, type LintMessage, type LintReport } from './web-ext-judge';

// `npm run lint:firefox`: Mozilla's own linter (web-ext lint, as addons.mozilla.org runs it on an
// upload) over the Firefox build. Fails on any error, on any warning not in web-ext-allowed.ts and
// on an allow-list entry that matched nothing. Run after `npm run build`.

const ROOT = resolve(import.meta.dirname, '../..');
const BUILD = join(ROOT, '.output/firefox-mv2');
const WEB_EXT = join(ROOT, 'node_modules/.bin/web-ext');

function readSpot(file: string, line: number, column: number, window: number): string {
  const text = readFileSync(join(BUILD, file), 'utf8').split('\n')[line - 1] ?? '';
  return text.slice(Math.max(0, column - window), column + window);
}

const describe = (message: LintMessage) =>
  `${message.code} ${message.file ?? ''}${message.line ? `:${message.line}:${message.column ?? 0}` : ''} ${message.message}`;

// No update check: the lint reads only the build, and needs no network.
const run = spawnSync(WEB_EXT, ['lint', '--source-dir', BUILD, '--output', 'json', '--no-config-discovery'], {
  encoding: 'utf8',
  env: { ...process.env, NO_UPDATE_NOTIFIER: '1' },
});
let report: LintReport;
try {
  report = JSON.parse(run.stdout) as LintReport;
} catch {
  console.error(`web-ext lint gave no report (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  process.exit(1);
}

const { refused, stale } = judge(report, ALLOWED_WARNINGS, readSpot);
for (const notice of report.notices) console.log(`notice: ${describe(notice)}`);
for (const message of refused) console.error(`refused: ${describe(message)}`);
for (const entry of stale) console.error(`stale allow-list entry: ${entry.code} ${entry.file} (${entry.reason})`);
const allowedCount = report.warnings.length - refused.filter((message) => report.warnings.includes(message)).length;
console.log(
  `web-ext lint: ${report.errors.length} errors, ${report.warnings.length} warnings (${allowedCount} allowed), ` +
    `${report.notices.length} notices`,
);
process.exit(refused.length > 0 || stale.length > 0 ? 1 : 0);
