import { t, locale } from '@/lib/i18n';
import type { MessageKey } from '@/lib/i18n/messages';
import { formatAgo } from '@/lib/i18n/translate';
import { isStale, type Snapshot, type SourceStatus } from '@/lib/watch/snapshot';
import { useNow } from './ticker';

const STATUS_TEXT: Record<Exclude<SourceStatus, 'ok'>, MessageKey> = {
  unknown: 'statusUnknown',
  loggedOut: 'statusLoggedOut',
  busy: 'statusBusy',
  rejected: 'statusRejected',
  timeout: 'statusTimeout',
  offline: 'statusOffline',
  unexpected: 'statusUnexpected',
  authFailed: 'statusAuthFailed',
  noPermission: 'statusNoPermission',
};

interface Props {
  name: string;
  snapshot: Snapshot;
  onLogIn: () => void;
}

/** One line per source: is it logged in, when was it checked, what went wrong. */
export function SourceLine({ name, snapshot, onLogIn }: Props) {
  const now = useNow();
  const { status } = snapshot;
  const healthy = status === 'ok' || status === 'unknown';
  return (
    <section class={`source source--${status}`} data-status={status} data-checked-at={snapshot.checkedAt ?? ''}>
      <div class="source__line">
        <span class="source__name">{name}</span>
        <span class="source__status">
          {status === 'ok' && snapshot.checkedAt !== null
            ? t('statusOk', { ago: formatAgo(locale, now - snapshot.checkedAt) })
            : t(STATUS_TEXT[status === 'ok' ? 'unknown' : status])}
        </span>
        {status === 'loggedOut' && (
          <button type="button" class="link" onClick={onLogIn}>
            {t('logIn')}
          </button>
        )}
      </div>
      {!healthy && snapshot.detail && status !== 'loggedOut' && <div class="source__detail">{snapshot.detail}</div>}
      {isStale(snapshot) && snapshot.orders.length > 0 && snapshot.goodAt !== null && (
        <div class="source__stale">{t('staleData', { ago: formatAgo(locale, now - snapshot.goodAt) })}</div>
      )}
    </section>
  );
}
