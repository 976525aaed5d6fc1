import type { JSHandle, Page } from 'puppeteer-core';

// The overlay's shadow root is closed: the page's own script, which puppeteer's evaluate is, gets
// null for its `shadowRoot`. The tests reach it the way devtools does, over the browser's protocol
// (CDP in Chromium, WebDriver BiDi in Firefox, both able to see closed roots), and hand it to
// puppeteer as a handle in the page's world to read it there as the user sees it.

// Neither protocol's connection is in puppeteer's public types for this.
type BidiConnection = { send(method: string, params: object): Promise<unknown> };
type BidiNode = { sharedId?: string; value?: { shadowRoot?: BidiNode | null } };
type BidiEvaluated = { result: { type: 'success'; result: BidiNode } | { type: 'exception' } };

/** Where the root is parked for a moment in the page, so that puppeteer can take a handle to it. */
const PARKED = '__payclockTestShadowRoot';

async function parkWithCdp(page: Page, host: string): Promise<boolean> {
  const client = await page.createCDPSession();
  try {
    const { result } = await client.send('Runtime.evaluate', {
      expression: `document.querySelector(${JSON.stringify(host)})`,
    });
    if (!result.objectId) return false;
    const { node } = await client.send('DOM.describeNode', { objectId: result.objectId, depth: 1, pierce: true });
    const rootId = node.shadowRoots?.[0]?.backendNodeId;
    if (rootId === undefined) return false;
    const { object } = await client.send('DOM.resolveNode', { backendNodeId: rootId });
    if (!object.objectId) return false;
    await client.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      functionDeclaration: `function () { globalThis[${JSON.stringify(PARKED)}] = this; }`,
    });
    return true;
  } finally {
    await client.detach();
  }
}

async function parkWithBidi(page: Page, host: string): Promise<boolean> {
  const connection = (page.browser() as unknown as { connection: BidiConnection }).connection;
  const context = (page.mainFrame() as unknown as { _id: string })._id;
  const { result } = (await connection.send('script.evaluate', {
    expression: `document.querySelector(${JSON.stringify(host)})`,
    target: { context },
    awaitPromise: false,
    resultOwnership: 'none',
    serializationOptions: { maxDomDepth: 1, includeShadowTree: 'all' },
  })) as BidiEvaluated;
  const rootId = result.type === 'success' ? result.result.value?.shadowRoot?.sharedId : undefined;
  if (rootId === undefined) return false;
  await connection.send('script.callFunction', {
    functionDeclaration: `function (root) { globalThis[${JSON.stringify(PARKED)}] = root; }`,
    arguments: [{ sharedId: rootId }],
    target: { context },
    awaitPromise: false,
  });
  return true;
}

/**
 * Runs `read` in the page's world on the shadow root of the first `host` element, open or closed;
 * null when there is no such element or it has no root. The root is in the page's globals only
 * between two protocol calls, and never while a test looks at what the page can see.
 */
export async function inShadowRoot<A, R>(
  page: Page,
  host: string,
  read: (root: ShadowRoot, arg: A) => R,
  arg: A,
): Promise<Awaited<R> | null> {
  const parked =
    (page.browser() as unknown as { protocol: string }).protocol === 'cdp'
      ? await parkWithCdp(page, host)
      : await parkWithBidi(page, host);
  if (!parked) return null;
  const root = (await page.evaluateHandle((name) => {
    const global = globalThis as unknown as Record<string, ShadowRoot>;
    const value = global[name]!;
    delete global[name];
    return value;
  }, PARKED)) as JSHandle<ShadowRoot>;
  try {
    return (await root.evaluate(read as never, arg)) as Awaited<R>;
  } finally {
    await root.dispose();
  }
}
