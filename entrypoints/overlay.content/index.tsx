import { render } from 'preact';
import { browser, type Browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { Overlay } from '@/components/Overlay';
import { setTickPhase } from '@/hooks/ticker';
import { nearestDue } from '@/lib/overlay/due';
import { readOverlayPush, readOverlaySummary } from '@/lib/messaging/overlay-guard';
import type { OverlayRequest, OverlaySummary } from '@/lib/messaging/overlay';
import { answerPageQueries } from './page-query';
import './style.css';

// The content script on 12306 pages. Mostly the countdown overlay: it knows only what the background
// tells it (asked once at start, then pushed on every change) and keeps nothing running while
// nothing is due: no UI in the page, no timer, just a message listener. It makes no request of its
// own; only when 12306 refuses the background does the background ask it to send 12306's order
// queries from the page (./page-query.ts).

const HOST = 'payclock-overlay';

export default defineContentScript({
  matches: ['https://kyfw.12306.cn/*'], // OVERLAY_MATCH; the manifest is built from a literal
  runAt: 'document_idle',
  cssInjectionMode: 'ui',
  // WXT would otherwise announce each start with a window.postMessage that the site's own message
  // listeners receive too; its document event does the same job without reaching them.
  noScriptStartedPostMessage: true,
  main(ctx) {
    answerPageQueries(ctx);
    startOverlay(ctx);
  },
});

function startOverlay(ctx: ContentScriptContext) {
  // Firefox runs the content scripts of an updated extension in tabs already open, where the
  // previous version's script is gone but its element is still in the page.
  for (const stale of document.querySelectorAll(HOST)) stale.remove();

  let summary: OverlaySummary | null = null;
  let ui: Promise<ShadowRootContentScriptUi<HTMLElement>> | undefined;
  let pushes = 0;
  let followsLocation = false;

  // Reading `isValid` is how WXT notices the extension was reloaded, updated or removed under this
  // page; it then fires onInvalidated, which takes the UI out of the page. In a microtask, because
  // the overlay calls this from its own effects and must not be unmounted while running them.
  const checkValid = () => queueMicrotask(() => void ctx.isValid);

  function draw(container: HTMLElement) {
    if (summary) render(<Overlay summary={summary} onCollapsedChange={setCollapsed} onTick={checkValid} />, container);
  }

  const createUi = () =>
    createShadowRootUi(ctx, {
      name: HOST,
      position: 'inline',
      anchor: 'body',
      // WXT's default is open, and an open root is the page's to read: 12306's scripts would see what
      // the overlay shows. Closed, they get only the host element, which carries nothing of it.
      mode: 'closed',
      // Keys typed in the overlay (Enter or Space on its buttons) must not reach the page's shortcuts.
      isolateEvents: true,
      onMount(container) {
        draw(container);
        return container;
      },
      onRemove(container) {
        if (container) render(null, container);
      },
    });

  async function show(next: OverlaySummary) {
    summary = next;
    setTickPhase(next.offsetMs);
    const due = nearestDue(next, Date.now()) !== null;
    if (!due && !ui) return;
    ui ??= createUi();
    const current = await ui;
    if (ctx.isInvalid) return;
    if (!due) {
      if (current.mounted) current.remove();
      return;
    }
    // The site may rebuild its page without a full load, taking the overlay's element with it.
    if (!current.mounted || !current.shadowHost.isConnected) current.mount();
    else draw(current.uiContainer);
    if (!followsLocation) {
      followsLocation = true;
      ctx.addEventListener(window, 'wxt:locationchange', () => void (summary && show(summary)));
    }
  }

  /** Asks the background; its answer is shown unless a newer push arrived meanwhile. */
  async function ask(request: OverlayRequest) {
    const pushesBefore = pushes;
    let reply: unknown;
    try {
      reply = await browser.runtime.sendMessage(request);
    } catch {
      // "Extension context invalidated" after an update, or no background to answer: the overlay
      // stays as it was, or goes if the extension has.
      checkValid();
      return;
    }
    const next = readOverlaySummary(reply);
    if (next && pushes === pushesBefore) await show(next);
  }

  function setCollapsed(collapsed: boolean) {
    if (summary) void show({ ...summary, collapsed });
    void ask({ type: 'overlay.setCollapsed', collapsed });
  }

  const onPush = (message: unknown, sender: Browser.runtime.MessageSender) => {
    // Only this extension's background (no tab): never another extension, nor a page of ours in a tab.
    if (sender.id !== browser.runtime.id || sender.tab) return;
    const push = readOverlayPush(message);
    if (!push) return;
    pushes += 1;
    void show(push.summary);
  };
  browser.runtime.onMessage.addListener(onPush);
  ctx.onInvalidated(() => {
    try {
      browser.runtime.onMessage.removeListener(onPush);
    } catch {
      // The extension is already gone, and its listener with it.
    }
  });

  void ask({ type: 'overlay.get' });
}
