import { readWebhookConfig, WebhookConfigError } from '../../webhooks/config';

test('WEBHOOK_SECRET is required, with an error that says so', () => {
  expect(() => readWebhookConfig({})).toThrow(WebhookConfigError);
  expect(() => readWebhookConfig({ WEBHOOK_SECRET: '' })).toThrow(/WEBHOOK_SECRET is required/);
});

test('the port defaults to 8088, the receiver listens on every interface and sends 32 signals at once', () => {
  expect(readWebhookConfig({ WEBHOOK_SECRET: 's3cret' })).toEqual({
    port: 8088,
    host: '0.0.0.0',
    secret: 's3cret',
    maxSignalsInFlight: 32,
  });
});

test('WEBHOOK_MAX_SIGNALS_IN_FLIGHT is a whole number of signals, refused by name otherwise', () => {
  const read = (value: string) => readWebhookConfig({ WEBHOOK_SECRET: 's3cret', WEBHOOK_MAX_SIGNALS_IN_FLIGHT: value });
  expect(read('100').maxSignalsInFlight).toBe(100);
  for (const bad of ['0', 'many', '2.5', '20000']) {
    expect(() => read(bad)).toThrow('WEBHOOK_MAX_SIGNALS_IN_FLIGHT must be a whole number of signals from 1 to 10000');
  }
});

test('WEBHOOK_PORT is read as a port number', () => {
  expect(readWebhookConfig({ WEBHOOK_SECRET: 's3cret', WEBHOOK_PORT: '9000' }).port).toBe(9000);
  expect(() => readWebhookConfig({ WEBHOOK_SECRET: 's3cret', WEBHOOK_PORT: 'eighty' })).toThrow(/WEBHOOK_PORT/);
  expect(() => readWebhookConfig({ WEBHOOK_SECRET: 's3cret', WEBHOOK_PORT: '70000' })).toThrow(/WEBHOOK_PORT/);
});

test('a configuration error never echoes the secret', () => {
  const secret = 'do-not-print-me';
  try {
    readWebhookConfig({ WEBHOOK_SECRET: secret, WEBHOOK_PORT: 'x' });
    throw new Error('expected a configuration error');
  } catch (error) {
    expect(String(error)).not.toContain(secret);
  }
});
