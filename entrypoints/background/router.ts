import { browser, type Browser } from 'wxt/browser';
import { requestSchema, type Reply, type SilenceRequest } from '@/lib/messaging/pages';
import type { CheckScope } from '@/lib/watch/source';
import type { createAccountHandlers } from './accounts';
import type { ReadAll } from './watched';

export interface RouterDeps {
  check: (scope?: CheckScope) => Promise<void>;
  silence: (request: SilenceRequest) => Promise<void>;
  readAll: ReadAll;
  /** Absent when the background manages no ticket-system accounts: their requests go unanswered. */
  accounts: ReturnType<typeof createAccountHandlers> | undefined;
}

export function createRouter({ check, silence, readAll, accounts }: RouterDeps) {
  /** Answers valid requests from the extension's own pages; returns undefined for anything else. */
  return function onMessage(message: unknown, sender: Browser.runtime.MessageSender): Promise<unknown> | undefined {
    // Only pages of this extension (a popup, or the same page opened in a tab) may ask; content
    // scripts run on web pages and carry the page's URL, other extensions another id.
    const ownPage = sender.id === browser.runtime.id && sender.url?.startsWith(browser.runtime.getURL('/'));
    if (!ownPage) return undefined;
    const parsed = requestSchema.safeParse(message);
    if (!parsed.success) return undefined;
    const request = parsed.data;
    const done = (): Reply => ({ ok: true });
    switch (request.type) {
      case 'silence':
        return silence(request).then(done);
      case 'refresh':
        return check().then(async (): Promise<Reply> => ({ ok: (await readAll())[0]?.snapshot.status === 'ok' }));
    }
    if (!accounts) return undefined;
    switch (request.type) {
      case 'account.save':
        return accounts.save(request);
      case 'account.remove':
        return accounts.remove(request.id).then(done);
      case 'account.test':
        return accounts.test(request);
      case 'watch.add':
        return accounts.watchAdd(request.accountId, request.orderIds);
      case 'watch.remove':
        return accounts.watchRemove(request.accountId, request.orderId).then(done);
    }
  };
}
