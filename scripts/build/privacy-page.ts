import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { marked } from 'marked';
import { PRIVACY_PAGE_PATH } from '../../lib/privacy-page';

// PRIVACY.md, the one text of the privacy policy (README links it, the stores ask for it), becomes
// the extension's own privacy.html at build time, so the settings page can link it without the
// network and the two never differ.

const SOURCE = resolve(import.meta.dirname, '../../PRIVACY.md');

/** Each language's part of PRIVACY.md: its level-2 heading, the anchor the file's links use, its lang. */
const PARTS = [
  { heading: '中文', id: '中文', lang: 'zh-CN' },
  { heading: 'English', id: 'english', lang: 'en' },
] as const;

// The popup's and the settings page's palette (entrypoints/options/style.css), in both themes.
const STYLE = `:root{color-scheme:light dark;--fg:#1f2937;--line:#e5e7eb;--bg:#fff;--accent:#0f766e;
font-family:system-ui,-apple-system,'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif;font-size:15px;line-height:1.6}
@media (prefers-color-scheme:dark){:root{--fg:#e5e7eb;--line:#374151;--bg:#111827;--accent:#2dd4bf}}
body{margin:0;background:var(--bg);color:var(--fg)}main{max-width:720px;margin:0 auto;padding:8px 16px 32px;overflow-wrap:anywhere}
a{color:var(--accent)}:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
section{border-top:1px solid var(--line);margin-top:24px}code{font-size:.9em}`;

/** privacy.html from the Markdown text: its title part, then a <section lang> for each language. */
export function privacyHtml(markdown: string): string {
  const starts = PARTS.map(({ heading }) => markdown.indexOf(`\n## ${heading}\n`));
  if (starts.some((start) => start < 0) || starts[0]! > starts[1]!) {
    throw new Error(`PRIVACY.md needs the parts "## ${PARTS.map((part) => part.heading).join('", then "## ')}"`);
  }
  const render = (text: string) => marked.parse(text, { async: false });
  const sections = PARTS.map(({ id, lang }, index) => {
    const text = markdown.slice(starts[index]!, starts[index + 1] ?? markdown.length);
    return `<section id="${id}" lang="${lang}">${render(text)}</section>`;
  });
  const title = /^# (.+)$/m.exec(markdown)?.[1] ?? 'Privacy';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body><main>${render(markdown.slice(0, starts[0]))}${sections.join('')}</main></body>
</html>
`;
}

/** The public asset WXT adds to both builds (the `build:publicAssets` hook). */
export function privacyPage(): { relativeDest: string; contents: string } {
  return { relativeDest: PRIVACY_PAGE_PATH.slice(1), contents: privacyHtml(readFileSync(SOURCE, 'utf8')) };
}
