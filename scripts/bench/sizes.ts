import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

// Gzipped bytes of what each entrypoint makes the browser load: its own script and styles and every
// shared chunk its page pulls in (read from the built HTML, styles inlined there included), or the
// single file of a script entry.

const gz = (dir: string, files: readonly string[]) =>
  files.reduce((sum, file) => sum + gzipSync(readFileSync(join(dir, file)), { level: 9 }).length, 0);

/** Files an HTML page of the build loads (scripts, module preloads, stylesheets), and its inline styles. */
function pageFiles(dir: string, page: string): { js: string[]; css: string[]; inlineCss: string } {
  const html = readFileSync(join(dir, page), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\/([^"]+)"/g)].map((match) => match[1]!);
  const inlineCss = [...html.matchAll(/<style>([^<]*)<\/style>/g)].map((match) => match[1]!).join('');
  return { js: refs.filter((ref) => ref.endsWith('.js')), css: refs.filter((ref) => ref.endsWith('.css')), inlineCss };
}

export interface EntrySize {
  entry: string;
  jsBytes: number;
  cssBytes: number;
}

export function entrySizes(dir: string): EntrySize[] {
  const page = (entry: string, html: string): EntrySize => {
    const { js, css, inlineCss } = pageFiles(dir, html);
    const inlineBytes = inlineCss ? gzipSync(inlineCss, { level: 9 }).length : 0;
    return { entry, jsBytes: gz(dir, js), cssBytes: gz(dir, css) + inlineBytes };
  };
  return [
    page('popup', 'popup.html'),
    page('options', 'options.html'),
    { entry: 'background', jsBytes: gz(dir, ['background.js']), cssBytes: 0 },
    {
      entry: 'content script',
      jsBytes: gz(dir, ['content-scripts/overlay.js']),
      cssBytes: gz(dir, ['content-scripts/overlay.css']),
    },
  ];
}
