// The workflow bundle `npm run build` makes ahead of time: the worker takes it only while it is current
// (same SDK, same settings, every file it was built from unchanged) and otherwise bundles at start,
// saying why.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { chooseWorkflowBundle, writePrebuiltBundles, type Manifest } from '../../workers/workflow-bundle';

const logger = pino({ level: 'silent' });
const PLAIN = { encodedFailures: false, tracing: false };
let dir: string;
let manifest: Manifest;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'workflow-bundle-'));
  manifest = await writePrebuiltBundles(dir, logger, [PLAIN]);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('the bundle is recorded with every file webpack read for it, the workflows and the SDK among them', () => {
  const inputs = Object.keys(manifest.bundles[0].inputs);
  expect(inputs).toEqual(
    expect.arrayContaining([
      'workflows/index.ts',
      'workflows/provisioning/activation.ts',
      'domain/request.ts',
      'node_modules/@temporalio/workflow/package.json',
    ]),
  );
  expect(inputs.every((file) => !path.isAbsolute(file))).toBe(true);
  expect(inputs).not.toContain('codec/failure-converter.ts');
});

test('a current prebuilt bundle is used as it is', async () => {
  const choice = await chooseWorkflowBundle(PLAIN, dir, logger);
  expect(choice).toMatchObject({ source: 'prebuilt', file: path.join(dir, 'provisioning.js') });
  expect(choice.bundle).toEqual({ codePath: path.join(dir, 'provisioning.js') });
});

test('settings with no prebuilt bundle, a changed source file, or no bundle at all mean bundling at start', async () => {
  const encrypted = await chooseWorkflowBundle({ encodedFailures: true, tracing: false }, dir, logger);
  expect(encrypted).toMatchObject({
    source: 'bundled',
    reason: 'no prebuilt bundle for encrypted failures, tracing off',
  });
  expect('code' in encrypted.bundle && encrypted.bundle.code).toContain('failureConverter');

  // A source edited after the build is what a digest that no longer matches stands for.
  const edited: Manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
  edited.bundles[0].inputs['workflows/provisioning/activation.ts'] = '0'.repeat(64);
  const staleDir = await mkdtemp(path.join(os.tmpdir(), 'workflow-bundle-stale-'));
  try {
    await writeFile(path.join(staleDir, 'manifest.json'), JSON.stringify(edited));
    await writeFile(path.join(staleDir, 'provisioning.js'), await readFile(path.join(dir, 'provisioning.js')));
    expect(await chooseWorkflowBundle(PLAIN, staleDir, logger)).toMatchObject({
      source: 'bundled',
      reason: 'workflows/provisioning/activation.ts changed since the bundle was built',
    });
  } finally {
    await rm(staleDir, { recursive: true, force: true });
  }

  const empty = await mkdtemp(path.join(os.tmpdir(), 'workflow-bundle-none-'));
  try {
    const none = await chooseWorkflowBundle(PLAIN, empty, logger);
    expect(none.source).toBe('bundled');
    expect(none.source === 'bundled' && none.reason).toMatch(/^no prebuilt bundle in .* \(npm run build writes it\)$/);
  } finally {
    await rm(empty, { recursive: true, force: true });
  }
});

test('zod is shared among workflows and source maps carry no sources; a bundle made otherwise is not current', async () => {
  expect(manifest.settings?.preloaded).toEqual(['workflows/shared/shared-libraries.ts']);
  const code = await readFile(path.join(dir, 'provisioning.js'), 'utf8');
  expect(code).toMatch(
    /preloadModules\(\) \{\s*__webpack_require__\([^)]*"\.\/workflows\/shared\/shared-libraries\.ts"\)/,
  );
  const map = JSON.parse(
    Buffer.from(/sourceMappingURL=data:application\/json;[^,]*base64,(\S+)/.exec(code)![1], 'base64').toString('utf8'),
  ) as { sources: string[]; sourcesContent?: unknown[] };
  expect(map.sources).toEqual(
    expect.arrayContaining([expect.stringContaining('workflows/provisioning/provisioning.ts')]),
  );
  expect(map.sourcesContent).toBeUndefined();

  const unshared: Manifest = { ...manifest, settings: { ...manifest.settings!, preloaded: [] } };
  const staleDir = await mkdtemp(path.join(os.tmpdir(), 'workflow-bundle-unshared-'));
  try {
    await writeFile(path.join(staleDir, 'manifest.json'), JSON.stringify(unshared));
    await writeFile(path.join(staleDir, 'provisioning.js'), code);
    expect(await chooseWorkflowBundle(PLAIN, staleDir, logger)).toMatchObject({
      source: 'bundled',
      reason: 'the prebuilt bundle was made with other bundler settings than this worker uses',
    });
  } finally {
    await rm(staleDir, { recursive: true, force: true });
  }
});
