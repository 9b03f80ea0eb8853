// examples/python/provision.py, run as its docstring says, against the real worker with encryption on:
// it starts a provisioning with the project's payload codec in Python and reads the decrypted result.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { TEST_PAYLOAD_CODEC_KEYS } from '../env/codec';
import { pythonWithExamplePackages } from '../env/python';
import { sandboxRequest, startIntegrationStack, type IntegrationStack } from '../workflow/integration-stack';

const run = promisify(execFile);
const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'python', 'provision.py');

let stack: IntegrationStack;
let python: string;
let scratch: string;

beforeAll(async () => {
  [stack, python, scratch] = await Promise.all([
    startIntegrationStack(),
    pythonWithExamplePackages(),
    mkdtemp(path.join(tmpdir(), 'python-example-')),
  ]);
}, 400_000);

afterAll(async () => {
  await stack?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

test('the Python example provisions through the encrypted worker and prints the decrypted result', async () => {
  const request = sandboxRequest();
  const file = path.join(scratch, 'request.json');
  await writeFile(file, JSON.stringify(request));
  const { stdout } = await stack.withWorker((taskQueue) =>
    run(python, [EXAMPLE, file], {
      env: {
        PATH: process.env.PATH,
        TEMPORAL_ADDRESS: stack.env.address,
        TEMPORAL_TASK_QUEUE: taskQueue,
        PAYLOAD_CODEC_KEYS: TEST_PAYLOAD_CODEC_KEYS,
      },
      timeout: 60_000,
    }),
  );
  const result = JSON.parse(stdout) as Record<string, unknown>;
  expect(result).toMatchObject({ requestId: request.requestId, status: 'ACTIVE', monthlyPriceUsd: '331.20' });
  const orders = await stack.sandbox.admin.orders({ externalId: request.requestId });
  expect(orders).toHaveLength(1);
  expect(result.orderId).toBe(orders[0].id);
});
