// The worker's latch on a refused Lumen key: one report per outage however many attempts meet it, and a
// new report for a new outage once a token was issued in between.
import { CredentialsAlarm } from '../../workers/credentials-alarm';
import type { Notification } from '../../notifications/events';

function alarmWith(now: { t: number }) {
  const delivered: Notification[] = [];
  const errors: string[] = [];
  const alarm = new CredentialsAlarm({
    deliver: async (notification) => delivered.push(notification),
    logger: { error: (_fields, message) => errors.push(message), info: () => undefined },
    lumenBaseUrl: 'https://api-test.lumen.com/some/prefix',
    identity: '4242@worker-host',
    now: () => now.t,
  });
  return { alarm, delivered, errors };
}

test('many refused attempts in one outage make one notification and one error line', () => {
  const now = { t: Date.parse('2026-11-26T12:00:00Z') };
  const { alarm, delivered, errors } = alarmWith(now);
  for (let i = 0; i < 25; i += 1) {
    alarm.rejected(401);
    now.t += 1_000;
  }
  expect(delivered).toEqual([
    {
      id: `iod-notify-worker-4242@worker-host-lumen.credentialsRejected-${Date.parse('2026-11-26T12:00:00Z')}`,
      type: 'lumen.credentialsRejected',
      at: '2026-11-26T12:00:00.000Z',
      summary: expect.stringContaining(
        'Lumen refused the API credentials (401 from the token endpoint); nothing will move until they are fixed',
      ),
      details: expect.objectContaining({
        status: 401,
        lumen: 'https://api-test.lumen.com',
        worker: '4242@worker-host',
      }),
    },
  ]);
  expect(delivered[0]).not.toHaveProperty('customerNumber');
  expect(errors).toHaveLength(1);
});

test('a token issued again ends the outage: the next refusal is a new one, reported again', () => {
  const now = { t: 1_000_000 };
  const { alarm, delivered } = alarmWith(now);
  alarm.rejected(401);
  alarm.accepted();
  expect(alarm.inOutage).toBe(false);
  now.t += 60_000;
  alarm.rejected(403);
  alarm.rejected(403);
  expect(delivered.map((n) => n.id)).toEqual([
    'iod-notify-worker-4242@worker-host-lumen.credentialsRejected-1000000',
    'iod-notify-worker-4242@worker-host-lumen.credentialsRejected-1060000',
  ]);
});

test('with notifications off the outage is still logged', () => {
  const errors: string[] = [];
  const alarm = new CredentialsAlarm({
    logger: { error: (_fields, message) => errors.push(message), info: () => undefined },
    lumenBaseUrl: 'https://api.lumen.com',
  });
  alarm.rejected(401);
  alarm.rejected(401);
  expect(errors).toEqual([
    'Lumen refused the API credentials (401 from the token endpoint); nothing will move until they are fixed',
  ]);
});
