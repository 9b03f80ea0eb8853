// The Temporal server this project builds, and the one configuration docker-compose.yml and every
// cluster node start it with: rendered by the server itself for both, and its dynamic config
// checked against the keys the server knows.
import path from 'node:path';
import { environmentOf, loadCompose } from '../compose/compose-file';
import { findPostgres } from '../../local-cluster/postgres-binaries';
import { nodePortsFrom } from '../../local-cluster/ports';
import { DYNAMIC_CONFIG_FILE, nodeEnvironment, SERVER_CONFIG_FILE } from '../../local-cluster/server-node';
import { TEMPORAL_SERVER_VERSION } from '../../temporal-servers/paths';
import { runCommand } from '../../temporal-servers/run-command';
import { resolveTemporalServer } from '../../temporal-servers/server-binary';

async function render(server: string, env: NodeJS.ProcessEnv): Promise<string> {
  const configDir = path.dirname(SERVER_CONFIG_FILE);
  const name = path.basename(SERVER_CONFIG_FILE, '.yaml');
  const result = await runCommand(server, ['--config', configDir, '--env', name, 'render-config'], { env });
  expect({ code: result.code, stderr: result.stderr.includes('rror') ? result.stderr : '' }).toEqual({
    code: 0,
    stderr: '',
  });
  return result.stdout;
}

test('the provisioned server and SQL tool are found again at the pinned version, without a build', async () => {
  const lines: string[] = [];
  const kit = await resolveTemporalServer({ log: (line) => lines.push(line) });
  expect(lines.filter((line) => line.includes('building'))).toEqual([]);
  for (const binary of [kit.server, kit.sqlTool]) {
    const { stdout } = await runCommand(binary, ['--version']);
    expect(stdout).toContain(`version ${TEMPORAL_SERVER_VERSION}`);
  }
});

test('the server renders the shared configuration from the environment docker-compose.yml gives it', async () => {
  const { server } = await resolveTemporalServer();
  const temporal = loadCompose().compose.services.temporal;
  const composeEnv = { ...environmentOf(temporal), POSTGRES_PWD: 'compose-password' };
  const rendered = await render(server, composeEnv);
  expect(rendered).toContain('connectAddr: postgresql:5432');
  expect(rendered).toContain('pluginName: postgres12');
  expect(rendered).toContain('bindOnIP: 0.0.0.0');
  expect(rendered).toContain('grpcPort: 7233');
  expect(rendered).toContain('filepath: /deploy/dynamic-config.yaml');
  expect(rendered).toContain('numHistoryShards: 4');
});

test("and from the environment each cluster node gives it, with that node's ports", async () => {
  const { server } = await resolveTemporalServer();
  const [, second] = nodePortsFrom(21_000, 2);
  const env = nodeEnvironment({
    number: 2,
    serverBinary: server,
    ports: second,
    database: { host: '127.0.0.1', port: 5433, user: 'temporal', password: 'cluster-password' },
    clusterAddress: { rpc: '127.0.0.1:21000', http: '127.0.0.1:21017' },
    logDir: '/tmp',
  });
  const rendered = await render(server, env);
  expect(rendered).toContain('connectAddr: 127.0.0.1:5433');
  expect(rendered).toContain(`grpcPort: ${second.frontend}`);
  expect(rendered).toContain(`membershipPort: ${second.historyMembership}`);
  expect(rendered).toContain('rpcAddress: 127.0.0.1:21000');
  expect(rendered).toContain(`filepath: ${DYNAMIC_CONFIG_FILE}`);
  expect(rendered).toContain('numHistoryShards: 16');
});

test('the dynamic config has only keys and values this server version knows', async () => {
  const { server } = await resolveTemporalServer();
  const result = await runCommand(server, ['validate-dynamic-config', DYNAMIC_CONFIG_FILE]);
  expect(result.code).toBe(0);
  expect(result.stdout).not.toMatch(/error|warning/);
});

test('PostgreSQL is found on this machine, and a POSTGRES_BIN_DIR without it is a clear error', async () => {
  const found = await findPostgres();
  expect(Number(found.version.split('.')[0])).toBeGreaterThanOrEqual(12);
  await expect(findPostgres({ ...process.env, POSTGRES_BIN_DIR: '/nonexistent' })).rejects.toThrow(
    'POSTGRES_BIN_DIR=/nonexistent: /nonexistent has no initdb and postgres',
  );
});
