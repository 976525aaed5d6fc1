import axe from 'axe-core';
import type { Page } from 'puppeteer-core';
import { inShadowRoot } from './closed-shadow';

// axe-core, the accessibility engine, run inside a real page of the extension (or on the overlay in
// a 12306 page) the way its browser extension runs it: its source evaluated in the page, then
// `axe.run` over what the user sees, with every rule axe runs by default and none turned off.

/** A broken rule, as much as a failing test needs to say which element and why. */
export interface Violation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string; summary: string }[];
}

export interface AxeOutcome {
  violations: Violation[];
  /**
   * Distinct elements some rule passed, failed or could not decide on: proof axe saw the page.
   * Passes are listed one element per rule (every violation is still listed in full).
   */
  elements: number;
  /** Of those, the ones inside a shadow root (an axe target with more than one selector). */
  inShadow: number;
}

// What `axe.run` answers, as far as read here (the page's world has no types for it).
type Target = string | string[];
type Results = Record<
  'violations' | 'passes' | 'incomplete',
  {
    id: string;
    impact?: string | null;
    help: string;
    nodes: { target: Target[]; failureSummary?: string; impact?: string | null }[];
  }[]
>;

async function inject(page: Page): Promise<void> {
  const loaded = await page.evaluate(() => 'axe' in globalThis);
  // Evaluated by the driver, so the extension page's own CSP (no eval) does not apply.
  if (!loaded) await page.evaluate(axe.source);
}

function summarise(results: Results): AxeOutcome {
  const targets = new Set<string>();
  let inShadow = 0;
  for (const kind of ['violations', 'passes', 'incomplete'] as const) {
    for (const rule of results[kind]) {
      for (const node of rule.nodes) {
        const key = JSON.stringify(node.target);
        if (targets.has(key)) continue;
        targets.add(key);
        if (node.target.some((part) => Array.isArray(part) && part.length > 1)) inShadow++;
      }
    }
  }
  return {
    violations: results.violations.map((rule) => ({
      id: rule.id,
      impact: rule.impact ?? 'none',
      help: rule.help,
      nodes: rule.nodes.map((node) => ({
        target: node.target.map((part) => (Array.isArray(part) ? part.join(' >>> ') : part)).join(' '),
        summary: (node.failureSummary ?? '').replace(/\s+/g, ' ').trim(),
      })),
    })),
    elements: targets.size,
    inShadow,
  };
}

/** Every violation in full, one example of anything else: a third of the time on 200 orders. */
const OPTIONS = { resultTypes: ['violations'] };

/** Runs axe on the whole page. */
export async function axeCheck(page: Page): Promise<AxeOutcome> {
  await inject(page);
  const results = (await page.evaluate(async (options) => {
    const engine = (globalThis as unknown as { axe: { run(context: unknown, options: object): Promise<unknown> } }).axe;
    return JSON.parse(JSON.stringify(await engine.run(document, options)));
  }, OPTIONS)) as Results;
  return summarise(results);
}

/**
 * Runs axe on the element `host` and the closed shadow root under it. axe walks shadow trees
 * through `element.shadowRoot`, which is null for a closed root, so for the length of the run the
 * host answers it with the root (reached over the browser's protocol, ../harness/closed-shadow).
 */
export async function axeCheckShadow(page: Page, host: string): Promise<AxeOutcome> {
  await inject(page);
  const results = await inShadowRoot(
    page,
    host,
    async (root, { selector, options }) => {
      const element = root.host;
      Object.defineProperty(element, 'shadowRoot', { configurable: true, get: () => root });
      try {
        const engine = (globalThis as unknown as { axe: { run(context: unknown, options: object): Promise<unknown> } })
          .axe;
        return JSON.stringify(await engine.run({ include: [[selector]] }, options));
      } finally {
        delete (element as unknown as Record<string, unknown>).shadowRoot;
      }
    },
    { selector: host, options: OPTIONS },
  );
  if (results === null) throw new Error(`no ${host} with a shadow root to check`);
  return summarise(JSON.parse(results) as Results);
}

/** The violations as a failing test should print them: rule, impact, element, what is wrong. */
export function describeViolations(violations: Violation[]): string {
  // A rule broken on every one of 200 cards is said five times, and counted.
  return violations
    .flatMap((rule) => [
      ...rule.nodes
        .slice(0, 5)
        .map((node) => `${rule.id} (${rule.impact}): ${node.target}\n    ${rule.help}. ${node.summary}`),
      ...(rule.nodes.length > 5 ? [`${rule.id}: and ${rule.nodes.length - 5} more elements`] : []),
    ])
    .join('\n');
}
