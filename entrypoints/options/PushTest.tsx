import { useState } from 'preact/hooks';
import { askBackground } from '@/lib/browser/ask-background-all';
import { t } from '@/lib/i18n';
import type { PushTestResult } from '@/lib/messaging/push';
import { askPushAccess } from './push-access';
import { PushTestResultView } from './PushResultView';
import { Status, type Message } from './Status';
import type { PushTestPlan } from './usePushDraft';

/**
 * "Send test": one real message through the channel (the form's values, or a saved channel as it
 * is), and exactly what the service answered. `plan` is called during the click: the permission
 * prompt only shows then.
 */
export function PushTest({ plan }: { plan: () => PushTestPlan }) {
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<PushTestResult | null>(null);
  const [message, setMessage] = useState<Message | null>(null);

  function onTest() {
    setMessage(null);
    const planned = plan();
    if ('result' in planned) setResult(planned.result);
    else void test(planned);
  }

  async function test({ patterns, request }: Extract<PushTestPlan, { patterns: string[] }>) {
    setTesting(true);
    setResult(null);
    try {
      const refused = await askPushAccess(patterns, 'test');
      if (refused) return setMessage(refused);
      const answer = await askBackground(request);
      if (answer) setResult(answer);
      else setMessage({ key: 'pushNoReply', tone: 'error' });
    } finally {
      setTesting(false);
    }
  }

  return (
    <div class="push-test">
      <button
        type="button"
        class="button button--quiet"
        data-testid="push-test"
        onClick={onTest}
        disabled={testing}
        aria-busy={testing}
      >
        {testing ? t('pushTesting') : t('pushTest')}
      </button>
      {message && <Status message={message} />}
      {result && <PushTestResultView result={result} />}
    </div>
  );
}
