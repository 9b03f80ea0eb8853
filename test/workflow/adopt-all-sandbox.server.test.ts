// `lumen-iod adopt --all` through the real worker, dev server and sandbox: every active or changing
// service of the customer not managed yet is adopted; running ones, Inactive ones and one a running
// provisioning will hand over are skipped with the reason; a second run adopts nothing.
import { adoptService, getService } from '../../client/service';
import { startProvisioning } from '../../client/start';
import { cliEnv, runCli } from '../cli/run-cli';
import { MONROE, SANDBOX_CUSTOMER, sandboxRequest, useIntegrationStack } from './integration-stack';
import { until } from '../env/until';

const stack = useIntegrationStack({ activationDelayMs: 200 });

test('adopts what no workflow manages, says why it skipped the rest, and adopts nothing the second time', async () => {
  const client = stack.env.client;
  const { admin } = stack.sandbox;
  const seed = { customerNumber: SANDBOX_CUSTOMER, masterSiteId: MONROE, speed: '100 Mbps' };
  const fresh = await admin.seedServices({ ...seed, count: 2 });
  const [managed] = await admin.seedServices(seed);
  const [inactive] = await admin.seedServices(seed);
  await admin.forceServiceStatus(inactive.serviceId, 'Inactive');
  const [changing] = await admin.seedServices(seed);
  await admin.updateSettings({ activationDelayMs: 60_000 }); // the outside change and the provisioning stay pending
  await admin.changeServiceOutside(changing.serviceId, { speed: '1 Gbps', event: false });

  const { first, second, views } = await stack.withWorker(async (taskQueue) => {
    await adoptService(client, { serviceId: managed.serviceId, customerNumber: SANDBOX_CUSTOMER }, { taskQueue });
    const request = sandboxRequest({ activationTimeout: '1 hour' });
    await startProvisioning(client, request, { taskQueue });
    await until(
      async () => ((await admin.orders({ externalId: request.requestId })).length ? true : undefined),
      'ordered',
    );
    const env = cliEnv({ TEMPORAL_ADDRESS: stack.env.address, TEMPORAL_TASK_QUEUE: taskQueue });
    // Visibility trails a start by a moment: let the adoption and the provisioning show first.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const first = await runCli(['adopt', '--all', '--customer', SANDBOX_CUSTOMER, '--json'], env);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const second = await runCli(['adopt', '--all', '--customer', SANDBOX_CUSTOMER], env);
    const views = await Promise.all(
      [...fresh, changing].map(({ serviceId }) =>
        until(async () => {
          const view = await getService(client, serviceId);
          return view.lumenStatus ? view : undefined;
        }, `${serviceId} adopted`),
      ),
    );
    return { first, second, views, provisioned: request.requestId };
  });

  expect(first).toMatchObject({ code: 0, stderr: '' });
  const result = JSON.parse(first.stdout) as {
    adopted: { serviceId: string }[];
    skipped: { serviceId: string; lumenStatus: string; reason: string }[];
  };
  expect(result.adopted.map((a) => a.serviceId).sort()).toEqual([...fresh, changing].map((s) => s.serviceId).sort());
  const skipped = Object.fromEntries(result.skipped.map((s) => [s.serviceId, s]));
  expect(skipped[managed.serviceId].reason).toBe(`already managed by iod-service-${managed.serviceId}`);
  expect(skipped[inactive.serviceId]).toMatchObject({ lumenStatus: 'Inactive', reason: 'Inactive: nothing to manage' });
  const byProvisioning = result.skipped.filter((s) => s.reason.includes('is still running here and hands it over'));
  expect(byProvisioning).toHaveLength(1);
  expect(result.skipped).toHaveLength(3);
  expect(views.map((v) => v.status).sort()).toEqual(['ACTIVE', 'ACTIVE', 'CHANGING']);

  expect(second).toMatchObject({ code: 0, stderr: '' });
  expect(second.stdout).toMatch(new RegExp(`^Customer ${SANDBOX_CUSTOMER}: 0 adopted, 6 skipped\\.\\n`));
  expect(second.stdout).toContain(
    `skipped  ${fresh[0].serviceId}  Active: already managed by iod-service-${fresh[0].serviceId}`,
  );
});

test('adopt --all refuses a serviceId beside it and an empty customer, exit 2, before connecting', async () => {
  const env = cliEnv({ TEMPORAL_ADDRESS: '127.0.0.1:1' });
  const both = await runCli(['adopt', '77133831778', '--all', '--customer', 'C'], env);
  const empty = await runCli(['adopt', '--all', '--customer', ' '], env);
  expect(both).toMatchObject({ code: 2, stderr: 'error: give a <serviceId> or --all, not both\n' });
  expect(empty.code).toBe(2);
  expect(empty.stderr).toContain('--customer');
});
