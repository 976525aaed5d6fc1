import type { Plugin } from 'vite';

/**
 * Puts a page's stylesheet inside the page, as a `<style>` element, instead of a file of its own.
 * Chromium runs a page's module script only once its stylesheets are in, and fetching even a 5 KB
 * file from the extension costs the popup's first render about 15 ms on the development machine
 * (README, Numbers). Extension pages' default CSP restricts scripts, not styles.
 *
 * `page`: the HTML file as Vite names it in the bundle, e.g. `entrypoints/popup/index.html`.
 */
export function inlinePageCss(page: string): Plugin {
  return {
    name: 'payclock:inline-page-css',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const html = bundle[page];
      if (html?.type !== 'asset' || typeof html.source !== 'string') return;
      html.source = html.source.replace(
        /<link rel="stylesheet"(?: crossorigin)? href="\/([^"]+\.css)">/g,
        (link, file: string) => {
          const css = bundle[file];
          if (css?.type !== 'asset') return link;
          delete bundle[file];
          return `<style>${String(css.source)}</style>`;
        },
      );
    },
  };
}
