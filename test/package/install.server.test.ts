// The client library as a backend installs it: the tarball from `npm pack`, installed into a project outside
// the checkout, type-checked against, and used to provision to ACTIVE on a dev server with the real worker
// and the Lumen sandbox. Then: nothing of the worker is in the tarball or reachable through the package.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { TEST_CODEC_ENV } from '../env/codec';
import {
  MONROE,
  SANDBOX_CUSTOMER,
  sandboxRequest,
  startIntegrationStack,
  type IntegrationStack,
} from '../workflow/integration-stack';
import {
  createUserProject,
  packPackage,
  PACKAGE_NAME,
  ROOT,
  TSC,
  type PackedPackage,
  type UserProject,
} from './user-project';

let scratch: string;
let stack: IntegrationStack;
let packed: PackedPackage;
let project: UserProject;

const node = (args: string[], env?: Record<string, string>) => project.run(process.execPath, args, env);

beforeAll(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), 'lumen-iod-package-'));
  const install = async () => {
    packed = await packPackage(scratch);
    project = await createUserProject(path.join(scratch, 'billing-backend'), packed.tarball);
  };
  [stack] = await Promise.all([startIntegrationStack(), install()]);
}, 300_000);

afterAll(async () => {
  await stack?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

test('a backend installs the tarball, type-checks against it and provisions to ACTIVE through it', async () => {
  // Under both module resolutions a backend may use: package "exports" (node16) and the older node10.
  const compiled = await node([TSC, '-p', '.']);
  expect(compiled).toMatchObject({ code: 0, stdout: '' });
  const node10 = await node([TSC, '-p', '.', '--module', 'commonjs', '--moduleResolution', 'node10', '--noEmit']);
  expect(node10).toMatchObject({ code: 0, stdout: '' });

  // One copy of the SDK's client: the backend's own, which the package uses as its peer.
  expect(existsSync(path.join(project.packageDir, 'node_modules'))).toBe(false);
  const sdk = JSON.parse(readFileSync(path.join(project.dir, 'node_modules/@temporalio/client/package.json'), 'utf8'));
  expect(sdk.version).toBe('1.24.0');

  const request = sandboxRequest();
  writeFileSync(path.join(project.dir, 'request.json'), JSON.stringify(request));
  const address = stack.env.address;
  const { provisioned, bin } = await stack.withWorker(async (taskQueue) => {
    // With the worker's payload keys, as a backend is given them.
    const provisioned = await node(['out/provision.js', address, taskQueue, 'request.json'], TEST_CODEC_ENV);
    // The bin from the installed package: built JavaScript, in a project that has no tsx.
    const bin = await project.run(
      path.join(project.dir, 'node_modules/.bin/lumen-iod'),
      ['status', request.requestId, '--json'],
      { TEMPORAL_ADDRESS: address, ...TEST_CODEC_ENV },
    );
    return { provisioned, bin };
  });
  expect(provisioned.stderr).toBe('');
  expect(provisioned.code).toBe(0);
  const output = JSON.parse(provisioned.stdout);
  const workflowId = `iod-${request.requestId}`;
  expect(output).toMatchObject({
    workflowType: 'provisionInternetOnDemand',
    first: { workflowId, alreadyStarted: false },
    retried: { workflowId, runId: output.first.runId, alreadyStarted: true },
    conflict: 'ProvisioningRequestConflictError',
    result: { requestId: request.requestId, status: 'ACTIVE', masterSiteId: MONROE, speed: '100 Mbps' },
    resultMatchesSchema: true,
  });

  // The JSON Schema the package ships describes the result the real workflow returned.
  const resultSchema = JSON.parse(
    readFileSync(path.join(project.packageDir, 'schema/provisioning-result.schema.json'), 'utf8'),
  );
  const validate = addFormats(new Ajv({ allErrors: true })).compile(resultSchema);
  expect({ valid: validate(output.result), errors: validate.errors }).toEqual({ valid: true, errors: null });

  expect(bin.stderr).toBe('');
  expect(bin.code).toBe(0);
  expect(JSON.parse(bin.stdout)).toMatchObject({
    summary: { status: 'Completed' },
    outcome: { status: 'ACTIVE', result: { serviceId: output.result.serviceId } },
  });
  expect(existsSync(path.join(project.dir, 'node_modules/tsx'))).toBe(false);

  // An ES module backend imports the same names, the service's and the calendars' too.
  const esm = await node([
    '--input-type=module',
    '-e',
    `import { startProvisioning, changeBandwidth, addBandwidthSchedule, WORKFLOW_TYPE } from '${PACKAGE_NAME}';
     import { provisioningRequestSchema, SERVICE_WORKFLOW_TYPE } from '${PACKAGE_NAME}/domain';
     console.log(typeof startProvisioning, WORKFLOW_TYPE, typeof provisioningRequestSchema.parse);
     console.log(typeof changeBandwidth, typeof addBandwidthSchedule, SERVICE_WORKFLOW_TYPE);`,
  ]);
  expect(esm).toMatchObject({
    code: 0,
    stdout: 'function provisionInternetOnDemand function\nfunction function manageInternetOnDemandService\n',
  });
});

/** The ```ts block of a docs/ page that holds `marker`, exactly as the page shows it. */
function docsExample(page: string, marker: string): string {
  const text = readFileSync(path.join(ROOT, 'docs', page), 'utf8');
  const block = [...text.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]).find((code) => code.includes(marker));
  if (!block) throw new Error(`docs/${page} has no TypeScript example with ${marker}`);
  return block;
}

/** Runs the two docs examples one after the other, as a backend's own code would call them. */
const DOCS_DRIVER = `import { readFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { dataConverterFor, readPayloadCodecSettings } from 'lumen-iod-temporal';
import { provision } from './docs-provision';
import { manage } from './docs-service';

async function main(): Promise<void> {
  const [requestFile, serviceId, customerNumber] = process.argv.slice(2);
  const provisioned = await provision(JSON.parse(readFileSync(requestFile, 'utf8')));
  const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS ?? 'localhost:7233' });
  const client = new Client({ connection, dataConverter: dataConverterFor(readPayloadCodecSettings(process.env)) });
  const managed = await manage(client, serviceId, customerNumber);
  process.stdout.write(JSON.stringify({ provisioned, managed }) + '\\n');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
`;

test("the TypeScript examples of docs/ compile and run as written: a provisioning, then a service's operations", async () => {
  writeFileSync(
    path.join(project.dir, 'docs-provision.ts'),
    docsExample('operating.md', 'export async function provision'),
  );
  writeFileSync(path.join(project.dir, 'docs-service.ts'), docsExample('service.md', 'export async function manage'));
  writeFileSync(path.join(project.dir, 'run-docs-examples.ts'), DOCS_DRIVER);
  writeFileSync(
    path.join(project.dir, 'tsconfig.docs.json'),
    JSON.stringify({ extends: './tsconfig.json', files: ['run-docs-examples.ts'] }),
  );
  const compiled = await node([TSC, '-p', 'tsconfig.docs.json']);
  expect(compiled).toMatchObject({ code: 0, stdout: '' });

  const request = sandboxRequest();
  writeFileSync(path.join(project.dir, 'docs-request.json'), JSON.stringify(request));
  const [seeded] = await stack.sandbox.admin.seedServices({
    customerNumber: SANDBOX_CUSTOMER,
    masterSiteId: MONROE,
    speed: '100 Mbps',
  });
  const ran = await stack.withWorker((taskQueue) =>
    node(['out/run-docs-examples.js', 'docs-request.json', seeded.serviceId, SANDBOX_CUSTOMER], {
      TEMPORAL_ADDRESS: stack.env.address,
      TEMPORAL_TASK_QUEUE: taskQueue,
      ...TEST_CODEC_ENV,
    }),
  );
  expect(ran.stderr).toBe('');
  expect(ran.code).toBe(0);
  const { provisioned, managed } = JSON.parse(ran.stdout);
  expect(provisioned).toMatchObject({ requestId: request.requestId, status: 'ACTIVE', speed: '100 Mbps' });
  expect(managed).toMatchObject({
    burst: { status: 'ACTIVE', speed: '1 Gbps', previousSpeed: '100 Mbps' },
    queued: { changeId: 'night-1', status: 'ACCEPTED' },
    view: { serviceId: seeded.serviceId, customerNumber: SANDBOX_CUSTOMER },
    disconnected: { status: 'DISCONNECTED' },
  });
  const inventory = await stack.sandbox.admin.services();
  expect(inventory.find((service) => service.serviceId === seeded.serviceId)?.status).toBe('Inactive');
});

const WORKER_PARTS = [
  'workers',
  'workflows',
  'activities',
  'lumen',
  'sandbox',
  'webhooks',
  'local-stack',
  'local-cluster',
  'temporal-servers',
];

/** Every require() in the package's JavaScript, with the file that makes it. */
function requiresIn(dir: string): { file: string; specifier: string }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.js'))
    .flatMap((file) =>
      [...readFileSync(path.join(dir, file), 'utf8').matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((match) => ({
        file,
        specifier: match[1],
      })),
    );
}

const packageName = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

test('nothing of the worker is in the tarball, installed with it, or reachable through the package', async () => {
  const outside = packed.files.filter(
    (file) =>
      !/^(dist\/(client|codec|domain)\/.+\.(js|d\.ts)|schema\/[\w-]+\.schema\.json|client\/lumen-iod\.js|package\.json|README\.md)$/.test(
        file,
      ),
  );
  expect(outside).toEqual([]);
  expect(packed.files.filter((file) => WORKER_PARTS.some((part) => file.includes(`${part}/`)))).toEqual([]);

  const subpaths = [
    ...WORKER_PARTS.map((part) => `${PACKAGE_NAME}/${part}`),
    `${PACKAGE_NAME}/workers/worker`,
    `${PACKAGE_NAME}/dist/workers/worker`,
    `${PACKAGE_NAME}/dist/workflows`,
    `${PACKAGE_NAME}/dist/client/start`,
  ];
  const attempts = await node([
    '-e',
    `const codes = {};
     for (const subpath of ${JSON.stringify(subpaths)}) {
       try { require(subpath); codes[subpath] = 'loaded'; } catch (error) { codes[subpath] = error.code; }
     }
     console.log(JSON.stringify(codes));`,
  ]);
  expect(attempts.code).toBe(0);
  expect(JSON.parse(attempts.stdout)).toEqual(
    Object.fromEntries(subpaths.map((subpath) => [subpath, 'ERR_PACKAGE_PATH_NOT_EXPORTED'])),
  );

  // The worker's libraries are not installed with the package...
  for (const library of ['@temporalio/worker', '@temporalio/workflow', '@temporalio/activity', '@temporalio/testing']) {
    expect({ library, installed: existsSync(path.join(project.dir, 'node_modules', library)) }).toEqual({
      library,
      installed: false,
    });
  }
  // ...and every module the package's code loads is in the package or one of its declared dependencies.
  const manifest = JSON.parse(readFileSync(path.join(project.packageDir, 'package.json'), 'utf8'));
  const declared = new Set([...Object.keys(manifest.dependencies), ...Object.keys(manifest.peerDependencies)]);
  const unresolved = requiresIn(project.packageDir).filter(({ file, specifier }) => {
    if (specifier.startsWith('.')) {
      const target = path.resolve(project.packageDir, path.dirname(file), specifier);
      return (
        !target.startsWith(project.packageDir) || !['', '.js', '/index.js'].some((ext) => existsSync(target + ext))
      );
    }
    return !(
      specifier.startsWith('node:') ||
      builtinModules.includes(specifier) ||
      declared.has(packageName(specifier))
    );
  });
  expect(unresolved).toEqual([]);
});
