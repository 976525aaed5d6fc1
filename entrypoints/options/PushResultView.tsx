import { useNow } from '@/hooks/ticker';
import { locale, t } from '@/lib/i18n';
import { formatAgo } from '@/lib/i18n/translate';
import type { PushTestResult } from '@/lib/messaging/push';
import type { ChannelStatus, PushResult, PushServiceId } from '@/lib/push/channel';
import { failingText, httpText, outcomeText, problemText, SERVICE_NAMES, testOutcomeText } from './push-words';

// What a push service answered, on the settings page: a test's answer, and each channel's health and
// last result. The service's words are text nodes, never markup.

/** The HTTP status and the service's own words, each on a line. */
function Answer({ result }: { result: PushResult }) {
  return (
    <>
      <p class="test-result__line">{httpText(result.httpStatus)}</p>
      {result.detail.trim() && <p class="test-result__detail">{result.detail}</p>}
    </>
  );
}

function TestBody({ result }: { result: PushTestResult }) {
  switch (result.kind) {
    case 'answered': {
      const sent = result.result.outcome === 'sent';
      return (
        <>
          <p class="test-result__line">
            {sent ? t('pushTestSent') : t('pushTestNotSent', { outcome: testOutcomeText(result.result.outcome) })}
          </p>
          <Answer result={result.result} />
        </>
      );
    }
    case 'draft':
      return (
        <>
          <p class="test-result__line">{t('pushTestDraft')}</p>
          <ul class="test-result__problems">
            {result.problems.map((problem) => (
              <li key={`${problem.field}.${problem.problem}`}>{problemText(problem)}</li>
            ))}
          </ul>
        </>
      );
    case 'needSecret':
      return <p class="test-result__line">{t('pushTestNeedSecret')}</p>;
    case 'noPermission':
      return <p class="test-result__line">{t('pushTestNoPermission', { origin: result.origin })}</p>;
    case 'limited':
      return <p class="test-result__line">{t('pushTestLimited', { seconds: result.waitSeconds })}</p>;
  }
}

/** A "Send test" result. */
export function PushTestResultView({ result }: { result: PushTestResult }) {
  const ok = result.kind === 'answered' && result.result.outcome === 'sent';
  return (
    <div
      class={`test-result test-result--${ok ? 'ok' : 'error'}`}
      role="status"
      data-testid="push-test-result"
      data-kind={result.kind}
      data-outcome={result.kind === 'answered' ? result.result.outcome : undefined}
    >
      <TestBody result={result} />
    </div>
  );
}

/** A saved channel's health and what its service last answered. A refused key stands out. */
export function PushStatusView({ status, service }: { status: ChannelStatus; service: PushServiceId }) {
  const now = useNow();
  const { health, last } = status;
  return (
    <div
      class={`account__status push-status push-status--${health}`}
      data-testid="push-status"
      data-health={health}
      data-outcome={last?.outcome}
    >
      {health === 'refused' && (
        <p class="push-status__alarm">{t('pushHealthRefused', { service: SERVICE_NAMES[service] })}</p>
      )}
      {health === 'failing' && <p class="push-status__alarm">{failingText(last?.outcome)}</p>}
      <p class="push-status__last">
        {last
          ? `${t('pushStatusLast', { ago: formatAgo(locale, now - last.at), outcome: outcomeText(last.outcome) })} · ${httpText(last.httpStatus)}`
          : t('pushStatusNone')}
      </p>
      {last && last.detail.trim() && <p class="account__detail">{last.detail}</p>}
    </div>
  );
}
