import { describe, expect, it } from 'vitest';
import { sendPush, withoutSecrets } from '@/lib/push/send';
import { bark } from '@/lib/push/services/bark';
import { ntfy } from '@/lib/push/services/ntfy';
import { reminder } from './helpers/messages';

// A service's answer is kept and shown in the settings page; what it echoes of the request must not
// bring a secret with it.

const answering = (status: number, body: string): typeof fetch =>
  (() => Promise.resolve(new Response(body, { status }))) as typeof fetch;

const TOPIC = 'payclock_x7Qm2a9Lk';

describe('sendPush keeps no secret in its result', () => {
  it('ntfy: the stored message comes back with the topic; only its id is kept', async () => {
    const echo = JSON.stringify({ id: 'sPs71M8A2T', time: 1, event: 'message', topic: TOPIC, message: 'x' });
    const { result } = await sendPush(
      ntfy,
      reminder(),
      { baseUrl: 'https://ntfy.sh' },
      { topic: TOPIC },
      {
        fetch: answering(200, echo),
        now: () => 5,
      },
    );
    expect(result).toEqual({ at: 5, outcome: 'sent', httpStatus: 200, detail: 'id sPs71M8A2T' });
  });

  it('any service: a secret value the reply quotes is blotted out, whatever the outcome', async () => {
    const key = 'ynJ5Ft4atkMkWeo2PAvFhF';
    for (const [status, body] of [
      [200, `{"code":200,"message":"success for ${key}"}`],
      [400, `{"code":400,"message":"request bind failed: ${key}"}`],
      [502, `proxy error for /${key}/push`],
    ] as const) {
      const { result } = await sendPush(
        bark,
        reminder(),
        { baseUrl: 'https://api.day.app' },
        { deviceKey: key },
        {
          fetch: answering(status, body),
        },
      );
      expect(result.detail).not.toContain(key);
    }
  });

  it('blots every occurrence of every secret of 4 characters or more', () => {
    expect(withoutSecrets('a KEY1 b KEY1 c tk_x', { a: ' KEY1 ', b: 'tk_x', c: 'ab', d: '' })).toBe('a … b … c …');
  });
});
