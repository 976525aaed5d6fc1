import { useEffect, useRef, useState } from 'preact/hooks';
import { askBackground } from '@/lib/browser/ask-background-all';
import { TestResultView } from '@/components/TestResultView';
import type { AccountTestPlan } from './useAccountDraft';
import { t } from '@/lib/i18n';
import { type TestResult } from '@/lib/messaging/pages';
import { askSiteAccess } from './site-access';
import { Status, type Message } from './Status';
import { TextInput } from './TextField';

interface Props {
  /** The order number field's id. */
  id: string;
  /** Put the cursor in the order number field (the list's "test connection"). */
  focus: boolean;
  /** What the account form would test for this order number; called during the click. */
  plan: (orderId: string) => AccountTestPlan;
}

/** The account form's connection test: one real query, signed with the form's account, for an order. */
export function ConnectionTest({ id, focus, plan }: Props) {
  const [testOrderId, setTestOrderId] = useState('');
  const [testing, setTesting] = useState(false);
  const [testResult, setTestResult] = useState<TestResult | null>(null);
  const [testMessage, setTestMessage] = useState<Message | null>(null);
  const testInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (focus) testInput.current?.focus();
  }, [focus]);

  // The permission prompt is only allowed during the click, so nothing is awaited before the access.
  function onTest() {
    setTestMessage(null);
    const planned = plan(testOrderId.trim());
    if ('result' in planned) setTestResult(planned.result);
    else void test(planned);
  }

  async function test({ pattern, request }: Extract<AccountTestPlan, { pattern: string }>) {
    setTesting(true);
    setTestResult(null);
    try {
      const refused = await askSiteAccess(pattern, 'test');
      if (refused) {
        setTestMessage(refused);
        return;
      }
      const result = await askBackground(request);
      if (result) setTestResult(result);
      else setTestMessage({ key: 'acctNoReply', tone: 'error' });
    } finally {
      setTesting(false);
    }
  }

  return (
    <fieldset class="test">
      <legend class="field__label">{t('testHeading')}</legend>
      <div class="field__row">
        <label class="visually-hidden" for={id}>
          {t('testOrderId')}
        </label>
        <TextInput
          id={id}
          inputRef={testInput}
          value={testOrderId}
          placeholder={t('testOrderId')}
          onValue={setTestOrderId}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              onTest();
            }
          }}
        />
        <button type="button" class="button button--quiet" onClick={onTest} disabled={testing} aria-busy={testing}>
          {testing ? t('testRunning') : t('testRun')}
        </button>
      </div>
      {testMessage && <Status message={testMessage} />}
      {testResult && <TestResultView result={testResult} />}
    </fieldset>
  );
}
