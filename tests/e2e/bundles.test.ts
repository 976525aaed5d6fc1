import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// What the built bundles hold, for both browsers. The popup and the content script must stay small
// (README, "Numbers"): zod's core alone would take a quarter of the content script's budget, and the
// settings page is a bundle of its own. Their modules do import files that also define schemas,
// which the build drops when unused; so this reads the build, not the import graph.

const OUTPUT = join(import.meta.dirname, '../../.output');
const TARGETS = ['chrome-mv3', 'firefox-mv2'];
/** Every zod schema class is made by `$constructor('$Zod…')`, a name no minifier touches. */
const ZOD_MARK = '$Zod';

/** The scripts a page of the build loads, and the chunks they import, read as one text. */
function pageScripts(target: string, page: string): string {
  const dir = join(OUTPUT, target);
  const html = readFileSync(join(dir, page), 'utf8');
  const seen = new Set<string>();
  const queue = [...html.matchAll(/<script[^>]+src="\/?([^"]+)"/g)].map((match) => match[1]!);
  let text = html;
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(dir, file), 'utf8');
    text += code;
    for (const match of code.matchAll(/from\s*"\.\/([^"]+\.js)"/g)) queue.push(join('chunks', match[1]!));
    for (const match of code.matchAll(/from\s*"\/(chunks\/[^"]+\.js)"/g)) queue.push(match[1]!);
  }
  return text;
}

describe.each(TARGETS)('the %s build', (target) => {
  it('has zod where it is used (the background, the settings page): the mark is the right one', () => {
    expect(readFileSync(join(OUTPUT, target, 'background.js'), 'utf8')).toContain(ZOD_MARK);
    expect(pageScripts(target, 'options.html')).toContain(ZOD_MARK);
  });

  it('keeps zod and the settings page out of the popup', () => {
    const popup = pageScripts(target, 'popup.html');
    expect(popup).not.toContain(ZOD_MARK);
    const optionsChunks = readdirSync(join(OUTPUT, target, 'chunks')).filter((file) => file.startsWith('options-'));
    expect(optionsChunks.length).toBeGreaterThan(0);
    for (const chunk of optionsChunks) expect(popup).not.toContain(chunk);
  });

  it('keeps zod out of the content script on 12306 pages', () => {
    expect(readFileSync(join(OUTPUT, target, 'content-scripts/overlay.js'), 'utf8')).not.toContain(ZOD_MARK);
  });
});
