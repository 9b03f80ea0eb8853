import { appendFile, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CACHED_CLI_PATH, cliVersion, explainNoBinary, resolveTemporalCli } from '../../temporal-servers/cli-binary';
import { withFileLock } from '../../temporal-servers/file-lock';
import {
  cachedDevServerPath,
  DEV_SERVER_SOURCES,
  devServerDigest,
  resolveDevServer,
} from '../../temporal-servers/dev-server-binary';
import { TEMPORAL_CLI_VERSION, TEMPORAL_SERVER_VERSION } from '../../temporal-servers/paths';
import { runCommand } from '../../temporal-servers/run-command';
import { resolveTemporalServer } from '../../temporal-servers/server-binary';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'binaries-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('callers asking at once (the lock is a directory, so other processes too) build one at a time', async () => {
  const lock = path.join(dir, 'build.lock');
  let inside = 0;
  let most = 0;
  const build = () =>
    withFileLock(lock, async () => {
      inside += 1;
      most = Math.max(most, inside);
      await new Promise((resolve) => setTimeout(resolve, 200));
      inside -= 1;
    });
  const first = build();
  while (inside === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  const waits: string[] = [];
  await Promise.all([
    first,
    withFileLock(
      lock,
      async () => undefined,
      () => waits.push('waited'),
    ),
    build(),
  ]);
  expect(most).toBe(1);
  expect(waits).toEqual(['waited']);
});

test('a lock left by a process that died is taken over', async () => {
  const lock = path.join(dir, 'stale.lock');
  await mkdir(lock);
  await writeFile(path.join(lock, 'pid'), '999999999');
  await expect(withFileLock(lock, async () => 'built')).resolves.toBe('built');
});

test('TEMPORAL_CLI_PATH that is not a binary is a clear error, not a silent fallback', async () => {
  await expect(resolveTemporalCli({ env: { TEMPORAL_CLI_PATH: path.join(dir, 'nope') } })).rejects.toThrow(
    /TEMPORAL_CLI_PATH=.*nope is not an executable file/,
  );
});

test('TEMPORAL_SERVER_PATH or TEMPORAL_SQL_TOOL_PATH that is not a binary is a clear error, before any build', async () => {
  for (const variable of ['TEMPORAL_SERVER_PATH', 'TEMPORAL_SQL_TOOL_PATH']) {
    await expect(resolveTemporalServer({ env: { [variable]: path.join(dir, 'nope') } })).rejects.toThrow(
      new RegExp(`${variable}=.*nope is not an executable file`),
    );
  }
});

test('the provisioned CLI is found again without a rebuild, at the pinned version', async () => {
  const found = await resolveTemporalCli({ env: {}, log: () => undefined });
  expect(found.executable).toEqual({ type: 'existing-path', path: CACHED_CLI_PATH });
  expect(await cliVersion(CACHED_CLI_PATH)).toBe(TEMPORAL_CLI_VERSION);
});

test('when every route fails, the error names each route and why', () => {
  const message = explainNoBinary(
    'Temporal CLI',
    ['TEMPORAL_CLI_PATH: not set', 'go install: Go is not installed (spawn go ENOENT)'],
    new Error('download failed: getaddrinfo ENOTFOUND'),
  );
  expect(message).toContain('TEMPORAL_CLI_PATH: not set');
  expect(message).toContain('go install: Go is not installed');
  expect(message).toContain("the SDK's download: download failed");
});

test('the provisioned dev server is the build of the sources in front of you, on the pinned server', async () => {
  const found = await resolveDevServer({ env: {}, log: () => undefined });
  expect(found.executable).toEqual({ type: 'existing-path', path: cachedDevServerPath() });
  const { stdout } = await runCommand(cachedDevServerPath(), ['--version']);
  expect(stdout).toMatch(
    new RegExp(
      `^temporal-dev-server ${devServerDigest()} \\(Server ${TEMPORAL_SERVER_VERSION.replace(/\./g, '\\.')}, UI \\d+\\.\\d+\\.\\d+\\)`,
    ),
  );
});

test('TEMPORAL_DEV_SERVER_PATH that is not a binary is a clear error, and a changed source is another build', async () => {
  await expect(resolveDevServer({ env: { TEMPORAL_DEV_SERVER_PATH: path.join(dir, 'nope') } })).rejects.toThrow(
    /TEMPORAL_DEV_SERVER_PATH=.*nope is not an executable file/,
  );
  const copy = path.join(dir, 'devserver');
  await cp(DEV_SERVER_SOURCES, copy, { recursive: true });
  expect(devServerDigest(copy)).toBe(devServerDigest());
  await appendFile(path.join(copy, 'main.go'), '\n// changed\n');
  expect(devServerDigest(copy)).not.toBe(devServerDigest());
});

test('a CLI named by TEMPORAL_CLI_PATH runs its own dev server, as before', async () => {
  const found = await resolveDevServer({ env: { TEMPORAL_CLI_PATH: CACHED_CLI_PATH }, log: () => undefined });
  expect(found.executable).toEqual({ type: 'existing-path', path: CACHED_CLI_PATH });
});
