import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { connectTemporal, taskQueueFrom, TemporalUnavailableError } from '../../client';
import { TEST_CODEC_ENV } from '../env/codec';
import { startDevEnvironment } from '../env/temporal';

// No config file from the machine running the tests: only what each test sets, and the tests' key.
const isolated = { HOME: '/nonexistent', XDG_CONFIG_HOME: '/nonexistent', ...TEST_CODEC_ENV };

describe('connectTemporal', () => {
  let env: TestWorkflowEnvironment;

  beforeAll(async () => {
    env = await startDevEnvironment();
  });

  afterAll(async () => {
    await env?.teardown();
  });

  test('reads TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE and TEMPORAL_TASK_QUEUE', async () => {
    const temporal = await connectTemporal({
      ...isolated,
      TEMPORAL_ADDRESS: env.address,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: 'elsewhere',
    });
    try {
      expect(temporal).toMatchObject({ address: env.address, namespace: 'default', taskQueue: 'elsewhere' });
      const info = await temporal.client.workflowService.getSystemInfo({});
      expect(info.capabilities).toBeDefined();
    } finally {
      await temporal.close();
    }
  });

  test('reads a profile from the Temporal CLI config file', async () => {
    const file = path.join(tmpdir(), `lumen-iod-${process.pid}.toml`);
    writeFileSync(file, `[profile.default]\naddress = "${env.address}"\nnamespace = "default"\n`);
    const temporal = await connectTemporal({ ...isolated, TEMPORAL_CONFIG_FILE: file });
    try {
      expect(temporal.address).toBe(env.address);
    } finally {
      await temporal.close();
    }
  });

  test('an unreachable address is a typed error within the connect timeout', async () => {
    const started = Date.now();
    const error = await connectTemporal(
      { ...isolated, TEMPORAL_ADDRESS: '127.0.0.1:1' },
      { connectTimeoutMs: 1_000 },
    ).catch((e) => e);
    expect(error).toBeInstanceOf(TemporalUnavailableError);
    expect(error.message).toMatch(/^cannot reach Temporal at 127\.0\.0\.1:1: /);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

test('the task queue defaults to lumen-iod', () => {
  expect(taskQueueFrom({})).toBe('lumen-iod');
  expect(taskQueueFrom({ TEMPORAL_TASK_QUEUE: ' ' })).toBe('lumen-iod');
  expect(taskQueueFrom({ TEMPORAL_TASK_QUEUE: 'q2' })).toBe('q2');
});
