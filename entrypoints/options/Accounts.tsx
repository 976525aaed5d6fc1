import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { askBackground } from '@/lib/browser/ask-background-all';
import { hostOfPattern } from '@/lib/browser/site-access';

import { VENUE_STATUS_WORDS } from '@/components/SourceLine';
import { useNow } from '@/hooks/ticker';
import { useStoredValue } from '@/hooks/useStoredValue';
import { WatchForm } from '@/components/WatchForm';
import { WatchedList } from '@/components/WatchedList';
import { locale, t } from '@/lib/i18n';
import { formatAgo } from '@/lib/i18n/translate';
import { originPatternOf, type Account } from '@/lib/sources/ticket-system/account';
import type { WatchedOrder } from '@/lib/sources/ticket-system/watched';
import { accountsItem, ticketSnapshotsItem, watchedOrdersItem } from '@/lib/storage/items';
import { EMPTY_SNAPSHOT, type Snapshot } from '@/lib/snapshots/snapshot';
import { AccountForm } from './AccountForm';
import { Card } from './Card';
import { ConfirmRemove } from './ConfirmRemove';
import { askSiteAccess } from './site-access';
import { Status, type Message } from './Status';

// The settings page's ticket-system parts: the accounts, and the orders watched with them. Read from
// storage (accounts carry no keys); every change goes through the background.

interface Editing {
  id: string | null;
  focusTest: boolean;
  /** Changes on every open, so reopening gives a fresh form. */
  serial: number;
}

let serial = 0;

function AccountStatus({ account, snapshot }: { account: Account; snapshot: Snapshot }) {
  const now = useNow();
  const { status } = snapshot;
  const words = VENUE_STATUS_WORDS;
  const text =
    status === 'ok' && snapshot.checkedAt !== null
      ? t(words.ok, { ago: formatAgo(locale, now - snapshot.checkedAt) })
      : t(words[status === 'ok' ? 'unknown' : status]);
  const healthy = status === 'ok' || status === 'unknown';
  return (
    <div class={`account__status account__status--${healthy ? 'ok' : 'error'}`} data-status={status}>
      <span>{text}</span>
      {status === 'authFailed' && <p class="hint">{t('venueAuthFailedHint')}</p>}
      {status === 'noPermission' && (
        <p class="hint">{t('venueNoPermissionHint', { host: hostOfPattern(originPatternOf(account)) })}</p>
      )}
      {!healthy && snapshot.detail && <p class="account__detail">{snapshot.detail}</p>}
    </div>
  );
}

export function AccountsSection() {
  const accounts = useStoredValue(accountsItem);
  const snapshots = useStoredValue(ticketSnapshotsItem) ?? {};
  const watched = useStoredValue(watchedOrdersItem) ?? [];
  const [editing, setEditing] = useState<Editing | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  // A cancelled confirmation gives the focus back to the Remove button it replaced.
  const refocusRemove = useRef<string | null>(null);
  useLayoutEffect(() => {
    const id = refocusRemove.current;
    if (id === null) return;
    refocusRemove.current = null;
    document.querySelector<HTMLElement>(`[data-remove="${CSS.escape(id)}"]`)?.focus();
  });
  const cancelRemove = (id: string) => {
    refocusRemove.current = id;
    setConfirming(null);
  };

  if (accounts === undefined) return <section class="card" aria-busy="true" />;

  const watchedOf = (id: string) => watched.filter((entry) => entry.accountId === id);
  const open = (id: string | null, focusTest = false) => {
    setMessage(null);
    setConfirming(null);
    setEditing({ id, focusTest, serial: ++serial });
  };

  async function remove(account: Account) {
    const reply = await askBackground({ type: 'account.remove', id: account.id });
    setConfirming(null);
    if (!reply?.ok) {
      setMessage({ key: 'acctRemoveFailed', tone: 'error' });
      return;
    }
    if (editing?.id === account.id) setEditing(null);
    setMessage({ key: 'acctRemoved', params: { label: account.label }, tone: 'ok' });
  }

  async function allowAccess(account: Account) {
    const pattern = originPatternOf(account);
    const refused = await askSiteAccess(pattern, 'allow'); // first thing awaited: inside the click
    setMessage(refused ?? { key: 'acctAccessGranted', params: { host: hostOfPattern(pattern) }, tone: 'ok' });
  }

  const edited = editing?.id ? (accounts.find((account) => account.id === editing.id) ?? null) : null;

  return (
    <Card id="accounts" title={t('acctHeading')}>
      <p class="hint">{t('acctIntro')}</p>
      {accounts.length === 0 && <p class="note">{t('acctNone')}</p>}
      <ul class="accounts">
        {accounts.map((account) => (
          <li key={account.id} class="account" data-account-id={account.id}>
            <div class="account__head">
              <strong class="account__label">{account.label}</strong>
              <span class="account__flavour">{t(account.flavour === 'v5' ? 'acctFlavourV5' : 'acctFlavourV3')}</span>
            </div>
            <div class="account__meta">
              <span class="account__url">{account.baseUrl}</span>
              <span>{t('acctUser', { username: account.username })}</span>
              <span>{t('acctWatchedCount', { n: watchedOf(account.id).length })}</span>
            </div>
            <AccountStatus account={account} snapshot={snapshots[account.id] ?? EMPTY_SNAPSHOT} />
            {confirming === account.id ? (
              <ConfirmRemove
                label={account.label}
                watchedCount={watchedOf(account.id).length}
                onYes={() => void remove(account)}
                onCancel={() => cancelRemove(account.id)}
              />
            ) : (
              <div class="buttons">
                <button type="button" class="button button--quiet" onClick={() => open(account.id)}>
                  {t('acctEdit')}
                </button>
                <button type="button" class="button button--quiet" onClick={() => open(account.id, true)}>
                  {t('testHeading')}
                </button>
                {snapshots[account.id]?.status === 'noPermission' && (
                  <button type="button" class="button button--quiet" onClick={() => void allowAccess(account)}>
                    {t('acctGrantAccess')}
                  </button>
                )}
                <button
                  type="button"
                  class="button button--quiet"
                  data-remove={account.id}
                  onClick={() => setConfirming(account.id)}
                >
                  {t('acctRemove')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      <Status message={message} />
      {editing && (editing.id === null || edited) ? (
        <AccountForm
          key={editing.serial}
          account={edited}
          focusTest={editing.focusTest}
          onSaved={() => {}}
          onClose={() => setEditing(null)}
        />
      ) : (
        <div class="buttons">
          <button type="button" class="button" onClick={() => open(null)}>
            {t('acctAdd')}
          </button>
        </div>
      )}
    </Card>
  );
}

export function WatchedSection() {
  const accounts = useStoredValue(accountsItem);
  const watched = useStoredValue(watchedOrdersItem);
  if (!accounts || accounts.length === 0 || !watched) return null;
  const byAccount = new Map<string, WatchedOrder[]>();
  for (const entry of watched) byAccount.set(entry.accountId, [...(byAccount.get(entry.accountId) ?? []), entry]);
  return (
    <Card id="watched" title={t('watchHeading')}>
      <p class="hint">{t('watchIntro')}</p>
      <WatchForm accounts={accounts} />
      {accounts.map((account) => {
        const entries = byAccount.get(account.id) ?? [];
        if (entries.length === 0) return null;
        return (
          <div key={account.id} class="watched-account" data-account-id={account.id}>
            <h3>
              {account.label} <span class="hint">{t('acctWatchedCount', { n: entries.length })}</span>
            </h3>
            <WatchedList entries={entries} />
          </div>
        );
      })}
    </Card>
  );
}
