import { t } from '@/lib/i18n';
import type { TestResult } from '@/lib/messaging/pages';
import { formatBeijingClock, formatBeijingShort } from '@/lib/time/beijing';
import { draftProblemText } from './draft-words';
import { statusName } from './ticket-words';

/** `03-24 14:57:09`: a deadline with its Beijing day, for a test that may read an old order. */
const beijingDateTime = (instant: number) =>
  `${formatBeijingShort(instant).slice(0, 5)} ${formatBeijingClock(instant)}`;

/** A connection test's result, in words. Every value from the venue is a text node. */
export function TestResultView({ result }: { result: TestResult }) {
  const ok = result.kind === 'ok';
  return (
    <div class={`test-result test-result--${ok ? 'ok' : 'error'}`} role="status" data-kind={result.kind}>
      <TestResultBody result={result} />
    </div>
  );
}

function TestResultBody({ result }: { result: TestResult }) {
  switch (result.kind) {
    case 'ok':
      return (
        <>
          <p class="test-result__line">
            {t('testOk', { status: statusName({ zh: result.statusZh, en: result.statusEn }) })}
          </p>
          {result.title && <p class="test-result__line">{result.title}</p>}
          {result.deadline !== null && (
            <p class="test-result__line">{t('testOkDeadline', { time: beijingDateTime(result.deadline) })}</p>
          )}
        </>
      );
    case 'draft':
      return (
        <>
          <p class="test-result__line">{t('testDraft')}</p>
          <ul class="test-result__problems">
            {result.problems.map((problem) => (
              <li key={`${problem.field}.${problem.problem}`}>{draftProblemText(problem)}</li>
            ))}
          </ul>
        </>
      );
    case 'needSecret':
      return <p class="test-result__line">{t('testNeedSecret')}</p>;
    case 'needOrderId':
      return <p class="test-result__line">{t('testNeedOrderId')}</p>;
    case 'noPermission':
      return <p class="test-result__line">{t('testNoPermission', { origin: result.origin })}</p>;
    case 'offline':
      return <p class="test-result__line">{t('testOffline', { detail: result.detail }).trim()}</p>;
    case 'timeout':
      return <p class="test-result__line">{t('testTimeout')}</p>;
    case 'badCredentials':
      return <Lines first={t('testBadCredentials')} detail={result.detail} />;
    case 'clockSkew':
      return <p class="test-result__line">{t('testClockSkew')}</p>;
    case 'notFound':
      return <Lines first={t('testNotFound')} detail={result.detail} />;
    case 'noRoute':
      return <Lines first={t('testNoRoute')} detail={result.detail} />;
    case 'venueError':
      return <Lines first={t('testVenueError', { status: result.status })} detail={result.message} />;
    case 'httpError':
      return <Lines first={t('testHttpError', { status: result.status })} detail={result.detail} />;
    case 'unexpected':
      return <Lines first={t('testUnexpected')} detail={result.detail} />;
  }
}

/** Our words, then the venue's own (or an excerpt of its reply) on a line of their own. */
function Lines({ first, detail }: { first: string; detail: string }) {
  return (
    <>
      <p class="test-result__line">{first}</p>
      {detail.trim() && <p class="test-result__detail">{detail}</p>}
    </>
  );
}
