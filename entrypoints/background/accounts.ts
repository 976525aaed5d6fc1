import type {
  SaveAccountReply,
  SaveAccountRequest,
  TestAccountRequest,
  TestResult,
  WatchAddReply,
} from '@/lib/messaging/pages';
import {
  checkDraft,
  originOf,
  originPatternOf,
  parseOrderIds,
  type Account,
} from '@/lib/sources/ticket-system/account';
import { queryTicketOrder, type TicketQueryOptions } from '@/lib/sources/ticket-system/client';
import { withoutOrder } from '@/lib/sources/ticket-system/fold';
import { deriveHawkKey } from '@/lib/sources/ticket-system/key';
import { newWatchedOrder } from '@/lib/sources/ticket-system/watched';
import {
  accountKeysItem,
  accountsItem,
  pushChannelsItem,
  ticketSnapshotsItem,
  watchedOrdersItem,
} from '@/lib/storage/items';
import { setTogether, write } from '@/lib/storage/validated-item';
import { LOCAL_CLOCK } from '@/lib/time/clock';
import { EMPTY_SNAPSHOT } from '@/lib/snapshots/snapshot';
import { ticketSourceKey } from './ticket-system';

// The background's answers to the options page and the popup about ticket-system accounts and the
// orders they watch. The KEY and password arrive here once, are turned into the Hawk key, and are
// forgotten; the Hawk key is written to `accountKeysItem` and never sent back, logged or shown.

export interface AccountHandlerDeps {
  serial: <T>(task: () => Promise<T>) => Promise<T>;
  now: () => number;
  hasPermission: (originPattern: string) => Promise<boolean>;
  /** Gives back access to a venue's site once no account uses it (`permissions.remove`). */
  releasePermission?: (originPattern: string) => Promise<void>;
  newId: () => string;
  query?: TicketQueryOptions;
  /** After a change: check this account's source now (a key), or re-plan alerts and badge (null). */
  afterChange: (sourceKey: string | null) => Promise<void>;
}

/** Most orders one user may watch in all: far above an agent's day, far below a flood. */
export const MAX_WATCHED_ORDERS = 2000;

/** The site access an account had, if no account left needs it any more (to be given back). */
async function unneededAccess(account: Account, left: readonly Account[]): Promise<string | null> {
  const pattern = originPatternOf(account);
  if (left.some((other) => originPatternOf(other) === pattern)) return null;
  // A push channel may send to the same host (a self-hosted ntfy beside the venue's site).
  const channels = await pushChannelsItem.get();
  return channels.some((channel) => channel.originPatterns.includes(pattern)) ? null : pattern;
}

export function createAccountHandlers(deps: AccountHandlerDeps) {
  const { serial } = deps;

  async function save(request: SaveAccountRequest): Promise<SaveAccountReply> {
    let released: string | null = null;
    const reply = await serial(async (): Promise<SaveAccountReply> => {
      const accounts = await accountsItem.get();
      const existing = request.id === null ? undefined : accounts.find((account) => account.id === request.id);
      if (request.id !== null && !existing) return { ok: false, error: 'unknown', problems: [] };
      if (!existing && request.secret === null) return { ok: false, error: 'needSecret', problems: [] };
      const checked = checkDraft(request.draft, existing?.id ?? deps.newId());
      if ('problems' in checked) return { ok: false, error: 'draft', problems: checked.problems };
      const { account } = checked;
      // A key is the venue's: signing for another site with it would hand that site a valid signature.
      if (existing && request.secret === null && originOf(existing) !== originOf(account))
        return { ok: false, error: 'needSecret', problems: [] };

      // A changed account is checked again at once, every order of it: a new key, path or address may
      // answer differently, and a state only the user could end (a refused key) ends now. A new
      // address means another server with a clock of its own.
      const snapshots = await ticketSnapshotsItem.get();
      const previous = snapshots[account.id] ?? EMPTY_SNAPSHOT;
      const moved = existing?.baseUrl !== account.baseUrl;
      const keys =
        request.secret === null
          ? []
          : [
              write(accountKeysItem, {
                ...(await accountKeysItem.get()),
                [account.id]: deriveHawkKey(request.secret.key, request.secret.password),
              }),
            ];
      await setTogether([
        ...keys,
        write(
          accountsItem,
          existing ? accounts.map((a) => (a.id === account.id ? account : a)) : [...accounts, account],
        ),
        write(ticketSnapshotsItem, {
          ...snapshots,
          [account.id]: {
            ...previous,
            // 'unknown' makes the next round ask about every watched order, with the new settings.
            status: 'unknown',
            detail: null,
            failures: 0,
            clock: moved ? LOCAL_CLOCK : previous.clock,
          },
        }),
      ]);
      released = existing
        ? await unneededAccess(existing, [...accounts.filter((a) => a.id !== account.id), account])
        : null;
      return { ok: true, id: account.id };
    });
    // The old site's access goes back once no account needs it, as on removal.
    if (released) await deps.releasePermission?.(released).catch(() => undefined);
    // Not awaited: the page gets its answer now, the round (maybe hundreds of orders) runs on.
    if (reply.ok) void deps.afterChange(ticketSourceKey(reply.id));
    return reply;
  }

  async function remove(id: string): Promise<void> {
    const released = await serial(async () => {
      const accounts = await accountsItem.get();
      const removed = accounts.find((account) => account.id === id);
      const left = accounts.filter((account) => account.id !== id);
      const { [id]: _key, ...keys } = await accountKeysItem.get();
      const { [id]: _snapshot, ...snapshots } = await ticketSnapshotsItem.get();
      const watched = (await watchedOrdersItem.get()).filter((entry) => entry.accountId !== id);
      await setTogether([
        write(accountsItem, left),
        write(accountKeysItem, keys),
        write(watchedOrdersItem, watched),
        write(ticketSnapshotsItem, snapshots),
      ]);
      return removed ? await unneededAccess(removed, left) : null;
    });
    // The extension keeps access to no site it no longer needs.
    if (released) await deps.releasePermission?.(released).catch(() => undefined);
    await deps.afterChange(null);
  }

  async function test(request: TestAccountRequest): Promise<TestResult> {
    const checked = checkDraft(request.draft, request.id ?? 'connection-test');
    if ('problems' in checked) return { kind: 'draft', problems: checked.problems };
    const [orderId] = parseOrderIds(request.orderId).ids;
    if (orderId === undefined) return { kind: 'needOrderId' };
    const saved = request.id !== null ? (await accountsItem.get()).find((a) => a.id === request.id) : undefined;
    // The saved key signs for its own site only (as in `save`).
    const key = request.secret
      ? deriveHawkKey(request.secret.key, request.secret.password)
      : saved && originOf(saved) === originOf(checked.account)
        ? (await accountKeysItem.get())[saved.id]
        : undefined;
    if (!key) return { kind: 'needSecret' };
    if (!(await deps.hasPermission(checked.url.originPattern)))
      return { kind: 'noPermission', origin: checked.url.originPattern };

    const snapshot = request.id !== null ? (await ticketSnapshotsItem.get())[request.id] : undefined;
    const sameVenue =
      snapshot !== undefined &&
      (await accountsItem.get()).some((a) => a.id === request.id && a.baseUrl === checked.account.baseUrl);
    const { outcome } = await queryTicketOrder(
      checked.account,
      key,
      orderId,
      sameVenue ? snapshot.clock : LOCAL_CLOCK,
      deps.query,
    );
    switch (outcome.kind) {
      case 'order':
        return {
          kind: 'ok',
          statusZh: outcome.status.zh,
          statusEn: outcome.status.en,
          title: outcome.order?.title ?? null,
          deadline: outcome.order?.deadline ?? null,
        };
      case 'badCredentials':
        return { kind: 'badCredentials', detail: outcome.detail };
      case 'clockSkew':
        return { kind: 'clockSkew' };
      case 'notFound':
        return { kind: 'notFound', detail: outcome.detail };
      case 'noRoute':
        return { kind: 'noRoute', detail: outcome.detail };
      case 'unsafePath':
        return { kind: 'draft', problems: [{ field: 'pathTemplate', problem: 'leavesBase' }] };
      case 'venueError':
        return { kind: 'venueError', status: outcome.status, message: outcome.message };
      case 'httpError':
        return { kind: 'httpError', status: outcome.status, detail: outcome.detail };
      case 'timeout':
        return { kind: 'timeout' };
      case 'offline':
        return { kind: 'offline', detail: outcome.detail };
      case 'unexpected':
        return { kind: 'unexpected', detail: outcome.detail };
    }
  }

  async function watchAdd(accountId: string, orderIds: readonly string[]): Promise<WatchAddReply> {
    const reply = await serial(async (): Promise<WatchAddReply> => {
      if (!(await accountsItem.get()).some((account) => account.id === accountId))
        return { ok: false, added: 0, already: 0 };
      const watched = await watchedOrdersItem.get();
      const known = new Set(watched.filter((entry) => entry.accountId === accountId).map((entry) => entry.orderId));
      const fresh = [...new Set(orderIds)].filter((id) => !known.has(id));
      if (watched.length + fresh.length > MAX_WATCHED_ORDERS)
        return { ok: false, added: 0, already: orderIds.length - fresh.length };
      const now = deps.now();
      await watchedOrdersItem.set([...watched, ...fresh.map((id) => newWatchedOrder(accountId, id, now))]);
      return { ok: true, added: fresh.length, already: orderIds.length - fresh.length };
    });
    if (reply.added > 0) void deps.afterChange(ticketSourceKey(accountId));
    return reply;
  }

  async function watchRemove(accountId: string, orderId: string): Promise<void> {
    await serial(async () => {
      await watchedOrdersItem.set(
        (await watchedOrdersItem.get()).filter((entry) => entry.accountId !== accountId || entry.orderId !== orderId),
      );
      const snapshots = await ticketSnapshotsItem.get();
      const snapshot = snapshots[accountId];
      if (snapshot)
        await ticketSnapshotsItem.set({ ...snapshots, [accountId]: withoutOrder(snapshot, accountId, orderId) });
    });
    await deps.afterChange(null);
  }

  return { save, remove, test, watchAdd, watchRemove };
}
