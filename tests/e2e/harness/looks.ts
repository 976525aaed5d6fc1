import type { Page } from 'puppeteer-core';
import { inShadowRoot } from './closed-shadow';

// What the user can still see when the desktop asks for forced colours or less motion, read from the
// rendered page (or the overlay's closed shadow root).

/**
 * The controls (buttons, links, fields, summaries) shown with neither a border nor an outline: in
 * forced colours (Windows high contrast) backgrounds are the system's, so such a control is bare
 * text, not visibly a control. Native check boxes and radios are drawn by the system itself.
 */
function bareControls(root: Document | ShadowRoot): string[] {
  const shown = [...root.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea, summary')].filter(
    (element) => element.getClientRects().length > 0,
  );
  const bare = shown
    .filter((element) => {
      const style = getComputedStyle(element);
      if (element instanceof HTMLInputElement && ['checkbox', 'radio'].includes(element.type))
        return style.appearance === 'none';
      const sides = ['Top', 'Right', 'Bottom', 'Left'] as const;
      const bordered = sides.some(
        (side) => style[`border${side}Style`] !== 'none' && parseFloat(style[`border${side}Width`]) > 0,
      );
      return !bordered && !(style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0);
    })
    .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`);
  // Each kind once: 200 order cards have 200 pay buttons alike.
  return [...new Set(bare)];
}

/** Every element that moves: a running animation, or a transition that would take any time. */
function moving(root: Document | ShadowRoot): string[] {
  const animations = root.getAnimations().map((animation) => `animation ${animation.id || animation.constructor.name}`);
  const transitions = [...root.querySelectorAll<HTMLElement>('*')]
    .filter((element) => {
      const style = getComputedStyle(element);
      const longest = (list: string) => Math.max(...list.split(',').map((part) => parseFloat(part) || 0));
      return longest(style.transitionDuration) > 0.001 || longest(style.animationDuration) > 0.001;
    })
    .map((element) => `transition on ${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`);
  return [...animations, ...transitions];
}

const onPage =
  <T>(read: (root: Document | ShadowRoot) => T) =>
  async (page: Page, host?: string): Promise<T> => {
    if (host === undefined) {
      const document = await page.evaluateHandle(() => globalThis.document);
      try {
        return (await document.evaluate(read as never)) as T;
      } finally {
        await document.dispose();
      }
    }
    const found = await inShadowRoot(page, host, read, null);
    if (found === null) throw new Error(`no ${host} with a shadow root`);
    return found as T;
  };

export const bareControlsOn = onPage(bareControls);
export const movingOn = onPage(moving);

/** How far the page scrolls sideways (0 when it fits its width). */
export const sidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
