// NOTIFY_WEBHOOK_URL, NOTIFY_WEBHOOK_SECRET and NOTIFY_FORMAT as the worker reads them: off when unset,
// bad values refused naming the variable, the secret and the URL's path never shown.
import { describeWorkerConfig, readWorkerConfig, WorkerConfigError } from '../../workers/config';
import { TEST_CODEC_ENV } from '../env/codec';

const BASE = {
  ...TEST_CODEC_ENV,
  LUMEN_BASE_URL: 'https://api-test.lumen.com',
  LUMEN_CONSUMER_KEY: 'key-123',
  LUMEN_CONSUMER_SECRET: 'hunter2-secret',
  TEMPORAL_CONFIG_FILE: '/nonexistent/temporal.toml',
};
const SLACK_URL = 'https://hooks.slack.com/services/T000/B000/XXXXSECRETPATH';

function refusal(env: NodeJS.ProcessEnv): string {
  try {
    readWorkerConfig(env);
  } catch (error) {
    if (error instanceof WorkerConfigError) return error.message;
    throw error;
  }
  throw new Error('the configuration was accepted');
}

test('unset (or empty), notifications are off and the configuration has no trace of them', () => {
  expect(readWorkerConfig(BASE).notifications).toBeUndefined();
  expect(readWorkerConfig({ ...BASE, NOTIFY_WEBHOOK_URL: '  ' }).notifications).toBeUndefined();
  expect(describeWorkerConfig(readWorkerConfig(BASE)).notifications).toBe('off');
});

test('an http(s) URL with a secret and the slack format', () => {
  const config = readWorkerConfig({
    ...BASE,
    NOTIFY_WEBHOOK_URL: SLACK_URL,
    NOTIFY_WEBHOOK_SECRET: 'notify-secret-value',
    NOTIFY_FORMAT: 'slack',
  });
  expect(config.notifications).toEqual({
    target: { kind: 'http', url: SLACK_URL },
    secret: 'notify-secret-value',
    format: 'slack',
  });
  // A Slack or Teams URL is a secret in itself: only its origin is logged.
  const described = JSON.stringify(describeWorkerConfig(config));
  expect(described).toContain('"target":"https://hooks.slack.com"');
  expect(described).not.toContain('SECRETPATH');
  expect(described).not.toContain('notify-secret-value');
});

test('"log" writes them to the worker\'s log, as JSON by default', () => {
  expect(readWorkerConfig({ ...BASE, NOTIFY_WEBHOOK_URL: 'log' }).notifications).toEqual({
    target: { kind: 'log' },
    format: 'json',
  });
});

test('bad values are refused, each naming its variable', () => {
  const message = refusal({ ...BASE, NOTIFY_WEBHOOK_URL: 'ftp://example.com/hook', NOTIFY_FORMAT: 'xml' });
  expect(message).toContain('NOTIFY_WEBHOOK_URL: must be an http(s) URL, or "log"');
  expect(message).toContain('NOTIFY_FORMAT: must be json or slack');
  expect(refusal({ ...BASE, NOTIFY_WEBHOOK_URL: 'not a url' })).toContain('NOTIFY_WEBHOOK_URL');
});

test('a secret without a URL is refused rather than silently unused, without echoing it', () => {
  const message = refusal({ ...BASE, NOTIFY_WEBHOOK_SECRET: 'notify-secret-value' });
  expect(message).toContain('NOTIFY_WEBHOOK_SECRET: is set but NOTIFY_WEBHOOK_URL is not');
  expect(message).not.toContain('notify-secret-value');
});
