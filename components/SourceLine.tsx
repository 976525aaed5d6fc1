import { locale } from '@/lib/i18n/locale';
import { tPopup as t, type PopupMessageKey } from '@/lib/i18n/popup';
import { formatAgo } from '@/lib/i18n/ago';
import { isStale, type Snapshot, type SourceStatus } from '@/lib/snapshots/snapshot';
import { useNow } from '@/hooks/ticker';

/** A source's words for each status; `ok` takes `{ago}`. */
export type StatusWords = Record<SourceStatus, PopupMessageKey>;

/** 12306's words (the default). */
export const TRAIN_STATUS_WORDS: StatusWords = {
  ok: 'statusOk',
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

/** A ticket-system venue's words: it has no login, and "12306" would be wrong. */
export const VENUE_STATUS_WORDS: StatusWords = {
  ok: 'venueOk',
  unknown: 'venueUnknown',
  loggedOut: 'venueLoggedOut',
  busy: 'venueBusy',
  rejected: 'venueRejected',
  timeout: 'venueTimeout',
  offline: 'venueOffline',
  unexpected: 'venueUnexpected',
  authFailed: 'venueAuthFailed',
  noPermission: 'venueNoPermission',
};

interface Props {
  name: string;
  snapshot: Snapshot;
  onLogIn: () => void;
  words?: StatusWords;
  /** Offered when only the settings page can end the status (a refused key, no site access). */
  onFix?: () => void;
}

/** One line per source: is it logged in, when was it checked, what went wrong. */
export function SourceLine({ name, snapshot, onLogIn, words = TRAIN_STATUS_WORDS, onFix }: Props) {
  const now = useNow();
  const { status } = snapshot;
  const healthy = status === 'ok' || status === 'unknown';
  const fixable = status === 'authFailed' || status === 'noPermission';
  return (
    <section class={`source source--${status}`} data-status={status} data-checked-at={snapshot.checkedAt ?? ''}>
      <div class="source__line">
        <span class="source__name">{name}</span>
        <span class="source__status">
          {status === 'ok' && snapshot.checkedAt !== null
            ? t(words.ok, { ago: formatAgo(locale, now - snapshot.checkedAt) })
            : t(words[status === 'ok' ? 'unknown' : status])}
        </span>
        {status === 'loggedOut' && (
          <button type="button" class="link" onClick={onLogIn}>
            {t('logIn')}
          </button>
        )}
        {fixable && onFix && (
          <button type="button" class="link" onClick={onFix}>
            {t('venueFix')}
          </button>
        )}
      </div>
      {!healthy && snapshot.detail && status !== 'loggedOut' && <div class="source__detail">{snapshot.detail}</div>}
      {snapshot.askedFrom === 'tab' && <div class="source__via">{t('askedFromTab')}</div>}
      {isStale(snapshot) && snapshot.orders.length > 0 && snapshot.goodAt !== null && (
        <div class="source__stale">{t('staleData', { ago: formatAgo(locale, now - snapshot.goodAt) })}</div>
      )}
    </section>
  );
}
