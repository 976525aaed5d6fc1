import { browser, type Browser } from 'wxt/browser';
import {
  requestSchema,
  type Replies,
  type Reply,
  type RequestOf,
  type RequestType,
  type SilenceRequest,
} from '@/lib/messaging/pages';
import type { CheckScope } from '@/lib/sources/source';
import type { createAccountHandlers } from './accounts';
import type { PushChannelHandlers } from './push-channels';
import type { ReadAll } from './watched';

export interface RouterDeps {
  check: (scope?: CheckScope) => Promise<void>;
  silence: (request: SilenceRequest) => Promise<void>;
  readAll: ReadAll;
  /** Absent when the background manages no ticket-system accounts: their requests go unanswered. */
  accounts: ReturnType<typeof createAccountHandlers> | undefined;
  /** Absent when the background pushes nowhere (unit tests of other parts): requests unanswered. */
  push?: PushChannelHandlers;
}

/** The handler of each request, typed by the reply it owes (lib/messaging/pages.ts `Replies`). */
export type Handlers = { [T in RequestType]: (request: RequestOf<T>) => Promise<Replies[T]> };

const done = (): Reply => ({ ok: true });

/** Every request's handler: find the one for any request type here. */
export function requestHandlers({ check, silence, readAll, accounts, push }: RouterDeps): Partial<Handlers> {
  const own: Pick<Handlers, 'silence' | 'refresh'> = {
    silence: (request) => silence(request).then(done),
    // `ok`: whether the check reached 12306 logged in.
    refresh: () => check().then(async () => ({ ok: (await readAll())[0]?.snapshot.status === 'ok' })),
  };
  const pushRequests: Partial<Pick<Handlers, 'push.save' | 'push.remove' | 'push.test'>> = push
    ? {
        'push.save': (request) => push.save(request),
        'push.remove': (request) => push.remove(request.id).then(done),
        'push.test': (request) => push.test(request),
      }
    : {};
  if (!accounts) return { ...own, ...pushRequests };
  const accountRequests: Omit<Handlers, 'silence' | 'refresh' | 'push.save' | 'push.remove' | 'push.test'> = {
    'account.save': (request) => accounts.save(request),
    'account.remove': (request) => accounts.remove(request.id).then(done),
    'account.test': (request) => accounts.test(request),
    'watch.add': (request) => accounts.watchAdd(request.accountId, request.orderIds),
    'watch.remove': (request) => accounts.watchRemove(request.accountId, request.orderId).then(done),
  };
  return { ...own, ...pushRequests, ...accountRequests };
}

export function createRouter(deps: RouterDeps) {
  const handlers = requestHandlers(deps);
  /** Answers valid requests from the extension's own pages; returns undefined for anything else. */
  return function onMessage(message: unknown, sender: Browser.runtime.MessageSender): Promise<unknown> | undefined {
    // Only pages of this extension (a popup, or the same page opened in a tab) may ask; content
    // scripts run on web pages and carry the page's URL, other extensions another id.
    const ownPage = sender.id === browser.runtime.id && sender.url?.startsWith(browser.runtime.getURL('/'));
    if (!ownPage) return undefined;
    const parsed = requestSchema.safeParse(message);
    if (!parsed.success) return undefined;
    // The map's type ties each handler to its own request; looked up by a request's type, it is that one.
    const handle = handlers[parsed.data.type] as ((request: typeof parsed.data) => Promise<unknown>) | undefined;
    return handle?.(parsed.data);
  };
}
