// No Docker engine runs here, so docker-compose.yml and the Dockerfile are checked statically: the
// services and their order, pinned images, files the commands name, ports and variable names as
// the public configuration names them, and the search attributes as domain/names.ts defines them.
// The Temporal server's files are the ones `npm run cluster` runs for real (test/cluster).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { nodePortsFrom } from '../../local-cluster/ports';
import {
  DYNAMIC_CONFIG_FILE,
  nodeEnvironment,
  SERVER_CONFIG_FILE,
  START_SERVER_SCRIPT,
} from '../../local-cluster/server-node';
import { SEARCH_ATTRIBUTES } from '../../domain/names';
import { TEMPORAL_SERVER_VERSION } from '../../temporal-servers/paths';
import {
  argv,
  environmentOf,
  hostPathOf,
  loadCompose,
  publishedPorts,
  readRepoFile,
  REPO_ROOT,
  type ComposeService,
} from './compose-file';

const { compose, errors } = loadCompose();
const services = compose.services ?? {};
const appServices = Object.entries(services).filter(([, service]) => service.build !== undefined);

/** The public configuration: every variable the process tables name. */
const INTERFACE_VARIABLES = new Set([
  'TEMPORAL_ADDRESS',
  'TEMPORAL_NAMESPACE',
  'TEMPORAL_API_KEY',
  'TEMPORAL_TASK_QUEUE',
  'TEMPORAL_CLI_PATH',
  'LUMEN_BASE_URL',
  'LUMEN_CONSUMER_KEY',
  'LUMEN_CONSUMER_SECRET',
  'LUMEN_QUOTE_VALIDITY',
  'WEBHOOK_PORT',
  'WEBHOOK_SECRET',
  'SANDBOX_PORT',
  'PAYLOAD_CODEC_KEYS',
  'PAYLOAD_CODEC',
]);
/** Read by one program only and set here on purpose; each says why in docker-compose.yml. */
const PROGRAM_SPECIFIC_VARIABLES: Record<string, string[]> = {
  sandbox: ['SANDBOX_HOST', 'HEALTHCHECK_URL'],
  webhooks: ['HEALTHCHECK_URL'],
  // MALLOC_ARENA_MAX is read by glibc, not by the worker.
  worker: ['MALLOC_ARENA_MAX', 'WORKER_DEPLOYMENT_NAME', 'HEALTHCHECK_URL'],
};

/** Compose runs the server `npm run cluster` builds (temporal-servers/paths.ts), and its admin-tools. */
const TEMPORAL_SERVER_LINE = TEMPORAL_SERVER_VERSION;

function service(name: string): ComposeService {
  const found = services[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
}

test('docker-compose.yml is valid YAML', () => {
  expect(errors).toEqual([]);
  expect(Object.keys(services).length).toBeGreaterThan(0);
});

test('it has the database, schema setup, server, namespace one-shot, UI and the three app services', () => {
  expect(Object.keys(services)).toEqual(
    expect.arrayContaining([
      'postgresql',
      'temporal-schema',
      'temporal',
      'temporal-namespace',
      'temporal-ui',
      'worker',
      'webhooks',
      'sandbox',
    ]),
  );
  expect(appServices.map(([name]) => name).sort()).toEqual(['sandbox', 'sandbox-webhook', 'webhooks', 'worker']);
});

test('every image is pinned to an exact version, and Temporal to the version the cluster runs', () => {
  for (const [name, { image }] of Object.entries(services)) {
    if (image === undefined) continue;
    const tag = image.split(':')[1] ?? '';
    expect({ name, tag }).toEqual({ name, tag: expect.stringMatching(/^\d+\.\d+(\.\d+)?/) });
  }
  expect(service('temporal').image).toBe(`temporalio/server:${TEMPORAL_SERVER_LINE}`);
  for (const name of ['temporal-schema', 'temporal-namespace']) {
    expect(service(name).image).toBe(`temporalio/admin-tools:${TEMPORAL_SERVER_LINE}`);
  }
  // The Web UI `npm start` serves (temporal-servers/devserver/go.mod) is the one compose runs.
  const devUi = /github\.com\/temporalio\/ui-server\/v2 v(\d+\.\d+\.\d+)/.exec(
    readRepoFile('temporal-servers/devserver/go.mod'),
  );
  expect(service('temporal-ui').image).toBe(`temporalio/ui:${devUi?.[1]}`);
  expect(service('postgresql').image).toMatch(/^postgres:\d+\.\d+/);
  expect(Object.values(services).some((s) => s.image?.includes('auto-setup'))).toBe(false);
});

/** The entry points `tsc -p tsconfig.app.json` compiles (with what they import) to dist/. */
const APP_ENTRY_POINTS = (
  JSON.parse(readRepoFile('tsconfig.app.json').replace(/^\s*\/\/.*$/gm, '')) as { files: string[] }
).files;

test('the app services are built from this repository and run with node the JavaScript the build emits', () => {
  const ignored = readRepoFile('.dockerignore')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  for (const [name, app] of appServices) {
    expect({ name, build: app.build }).toEqual({ name, build: '.' });
    const command = argv(app.command);
    expect({ name, runner: command[0] }).toEqual({ name, runner: 'node' });
    const files = command.filter((arg) => /\.(ts|mjs|js)$/.test(arg));
    expect({ name, files: files.length }).toEqual({ name, files: 1 });
    for (const file of files) {
      // dist/<folder>/main.js comes from <folder>/main.ts of a compiled folder; anything else is shipped as is.
      const compiled = /^dist\/([^/]+)\/(.+)\.js$/.exec(file);
      const source = compiled ? `${compiled[1]}/${compiled[2]}.ts` : file;
      expect({ name, source, exists: existsSync(path.join(REPO_ROOT, source)) }).toEqual({
        name,
        source,
        exists: true,
      });
      expect({ name, source, ignored: ignored.includes(source.split('/')[0]) }).toEqual({
        name,
        source,
        ignored: false,
      });
      if (compiled) expect(APP_ENTRY_POINTS).toContain(source);
    }
  }
  expect(argv(service('worker').command)).toEqual(['node', 'dist/workers/main.js']);
  expect(argv(service('webhooks').command)).toEqual(['node', 'dist/webhooks/main.js']);
  expect(argv(service('sandbox').command)).toEqual(['node', 'dist/sandbox/main.js']);
});

test('every long-running app service has the image health check, told what its process serves', () => {
  const served: Record<string, string> = {
    worker: 'http://127.0.0.1:9464/metrics',
    webhooks: 'http://127.0.0.1:8088/healthz',
    sandbox: 'tcp://127.0.0.1:8089',
  };
  for (const [name, url] of Object.entries(served)) {
    expect({ name, test: service(name).healthcheck?.test }).toEqual({
      name,
      test: ['CMD', 'node', 'deploy/image/healthcheck.cjs'],
    });
    expect({ name, url: environmentOf(service(name)).HEALTHCHECK_URL }).toEqual({ name, url });
  }
  expect(existsSync(path.join(REPO_ROOT, 'deploy/image/healthcheck.cjs'))).toBe(true);
  expect(service('sandbox-webhook').healthcheck).toEqual({ disable: true });
});

test('the worker joins a Worker Deployment, so a new build is made current by the runbook', () => {
  expect(environmentOf(service('worker')).WORKER_DEPLOYMENT_NAME).toBe('${WORKER_DEPLOYMENT_NAME:-lumen-iod}');
});

test('the admin-tools one-shots run scripts that exist, through their bind mounts', () => {
  for (const name of ['temporal-schema', 'temporal-namespace']) {
    const oneShot = service(name);
    const script = argv(oneShot.command).find((arg) => arg.endsWith('.sh'));
    const hostPath = script && hostPathOf(oneShot, script);
    expect({ name, hostPath }).toEqual({ name, hostPath: expect.any(String) });
    expect(existsSync(path.join(REPO_ROOT, hostPath as string))).toBe(true);
  }
});

test('the server starts with the script, configuration and dynamic config every npm run cluster node uses', () => {
  const server = service('temporal');
  const repoPath = (file: string) => path.relative(REPO_ROOT, file);
  const script = argv(server.entrypoint).find((arg) => arg.endsWith('.sh'));
  expect(script && hostPathOf(server, script)).toBe(repoPath(START_SERVER_SCRIPT));
  const dynamicConfig = environmentOf(server).DYNAMIC_CONFIG_FILE_PATH;
  expect(hostPathOf(server, dynamicConfig)).toBe(repoPath(DYNAMIC_CONFIG_FILE));
  expect(readRepoFile(repoPath(START_SERVER_SCRIPT))).toContain('--config config --env postgresql start');
  expect(path.dirname(path.dirname(SERVER_CONFIG_FILE))).toBe(path.dirname(START_SERVER_SCRIPT));
  expect(path.basename(SERVER_CONFIG_FILE)).toBe('postgresql.yaml');
});

test('every variable compose and the cluster nodes give the server is one its configuration reads', () => {
  const read = new Set(
    [...readRepoFile('deploy/temporal/config/postgresql.yaml').matchAll(/env "([A-Z0-9_]+)"/g)].map((m) => m[1]),
  );
  // Read by start-server.sh, or by the server binary itself.
  for (const name of ['TEMPORAL_SERVER', 'TEMPORAL_ALLOW_NO_AUTH', 'PATH']) read.add(name);
  const composeUnread = Object.keys(environmentOf(service('temporal'))).filter((name) => !read.has(name));
  expect(composeUnread).toEqual([]);
  const node = nodeEnvironment({
    number: 1,
    serverBinary: '/bin/true',
    ports: nodePortsFrom(7233, 1)[0],
    database: { host: '127.0.0.1', port: 5432, user: 'temporal', password: 'x' },
    clusterAddress: { rpc: '127.0.0.1:7233', http: '127.0.0.1:7243' },
    logDir: '/tmp',
  });
  expect(Object.keys(node).filter((name) => !read.has(name))).toEqual([]);
});

test('the schema one-shot creates and migrates both databases with temporal-sql-tool', () => {
  const oneShot = service('temporal-schema');
  const script = readRepoFile(hostPathOf(oneShot, argv(oneShot.command)[0]) as string);
  for (const word of ['temporal-sql-tool', 'create', 'setup-schema', 'update-schema', 'temporal_visibility']) {
    expect(script).toContain(word);
  }
  expect(script).toContain('--plugin postgres12');
  expect(environmentOf(service('temporal')).DB).toBe('postgres12');
});

test('published ports are the public ones', () => {
  const published = Object.fromEntries(
    Object.entries(services)
      .filter(([, s]) => s.ports)
      .map(([name, s]) => [name, publishedPorts(s)]),
  );
  expect(published).toEqual({
    temporal: [{ host: 7233, container: 7233 }],
    'temporal-ui': [{ host: 8233, container: 8080 }],
    webhooks: [{ host: 8088, container: 8088 }],
    sandbox: [{ host: 8089, container: 8089 }],
  });
  expect(environmentOf(service('webhooks')).WEBHOOK_PORT).toBe('8088');
  expect(environmentOf(service('sandbox')).SANDBOX_PORT).toBe('8089');
});

test('the app services use only the public variable names', () => {
  for (const [name, app] of appServices) {
    const allowed = new Set([...INTERFACE_VARIABLES, ...(PROGRAM_SPECIFIC_VARIABLES[name] ?? [])]);
    const unknown = Object.keys(environmentOf(app)).filter(
      (variable) => !allowed.has(variable) && !variable.startsWith('TEMPORAL_TLS_'),
    );
    expect({ name, unknown }).toEqual({ name, unknown: [] });
  }
  const worker = environmentOf(service('worker'));
  expect(Object.keys(worker)).toEqual(
    expect.arrayContaining(['TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'TEMPORAL_TASK_QUEUE', 'LUMEN_BASE_URL']),
  );
  expect(worker.TEMPORAL_ADDRESS).toBe('temporal:7233');
  // The malloc arenas `npm run worker` sets, unless the deployment sets its own.
  expect(worker.MALLOC_ARENA_MAX).toBe('${MALLOC_ARENA_MAX:-2}');
  expect(environmentOf(service('webhooks')).WEBHOOK_SECRET).toMatch(/^\$\{WEBHOOK_SECRET:\?/);
  // Everything that talks to Temporal encrypts payloads, with keys the deployment must be given.
  for (const name of ['worker', 'webhooks']) {
    expect(environmentOf(service(name)).PAYLOAD_CODEC_KEYS).toMatch(/^\$\{PAYLOAD_CODEC_KEYS:\?/);
  }
});

test('the namespace one-shot creates exactly the search attributes domain/names.ts defines, as Keyword', () => {
  const oneShot = service('temporal-namespace');
  const names = environmentOf(oneShot).SEARCH_ATTRIBUTES.split(/\s+/).filter(Boolean);
  expect(names).toEqual([...SEARCH_ATTRIBUTES]);
  const script = readRepoFile(hostPathOf(oneShot, argv(oneShot.command)[0]) as string);
  expect(script).toMatch(/for name in \$SEARCH_ATTRIBUTES/);
  expect(script).toMatch(/search-attribute create [^\n]*--type Keyword/);
  expect(script).toContain('temporal operator namespace create');
});

test('start-up order is expressed with conditions, and healthy-conditions have health checks', () => {
  for (const [name, s] of Object.entries(services)) {
    const dependsOn = s.depends_on ?? {};
    expect({ name, list: Array.isArray(dependsOn) }).toEqual({ name, list: false });
    for (const [dependency, { condition }] of Object.entries(dependsOn)) {
      expect(services[dependency]).toBeDefined();
      expect(['service_healthy', 'service_completed_successfully']).toContain(condition);
      if (condition === 'service_healthy')
        expect({ dependency, healthcheck: !!services[dependency].healthcheck }).toEqual({
          dependency,
          healthcheck: true,
        });
      if (condition === 'service_completed_successfully') expect(services[dependency].restart).toMatch(/^on-failure/);
    }
  }
  expect(Object.keys(service('temporal').depends_on ?? {})).toEqual(['temporal-schema']);
  expect(Object.keys(service('worker').depends_on ?? {})).toContain('temporal-namespace');
  expect(Object.keys(service('webhooks').depends_on ?? {})).toContain('temporal-namespace');
});

test('the Dockerfile builds with every dependency, then runs on the locked production dependencies alone', () => {
  const dockerfile = readRepoFile('Dockerfile');
  const [build, run] = dockerfile.split(/^(?=FROM )/m).filter((stage) => stage.startsWith('FROM '));
  expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
  expect(build).toMatch(/^FROM node:20\.\d+\.\d+-bookworm-slim AS build$/m);
  expect(build).toMatch(/^COPY package\.json package-lock\.json/m);
  expect(build).toMatch(/^RUN npm ci --ignore-scripts$/m);
  expect(build).toMatch(/^RUN npm run build:app && npm run build:workflows/m);
  expect(run).toMatch(/^FROM node:20\.\d+\.\d+-bookworm-slim$/m);
  expect(run).toMatch(/^COPY deploy\/image\/package\.json deploy\/image\/package-lock\.json \.\/$/m);
  expect(run).toMatch(/^RUN npm ci --omit=dev --ignore-scripts\b/m);
  expect(run).toMatch(/^COPY --from=build \/src\/dist \.\/dist$/m);
  // Non-root, checked for health, and started by node itself.
  expect(run).toMatch(/^USER node$/m);
  expect(run).toMatch(/^HEALTHCHECK .*CMD \["node", "deploy\/image\/healthcheck\.cjs"\]$/m);
  expect(run).toMatch(/^CMD \["node", "dist\/webhooks\/main\.js"\]$/m);
  expect(run).not.toMatch(/tsx|--include=dev/);
  const ignored = readRepoFile('.dockerignore').split('\n');
  expect(ignored).toEqual(expect.arrayContaining(['node_modules', '.temporal', '.git', 'dist']));
});

test('the docs name every variable and published port the compose file uses', () => {
  const readme = ['README.md', 'docs/configuration.md', 'docs/cluster-and-deploy.md'].map(readRepoFile).join('\n');
  const undocumented = appServices
    .flatMap(([, app]) => Object.keys(environmentOf(app)))
    .map((variable) => (variable.startsWith('TEMPORAL_TLS_') ? 'TEMPORAL_TLS_*' : variable))
    .filter((variable) => !readme.includes(`\`${variable}\``));
  expect(undocumented).toEqual([]);
  const ports = Object.values(services).flatMap((s) => (s.ports ? publishedPorts(s).map((p) => p.host) : []));
  expect(ports.filter((port) => !readme.includes(String(port)))).toEqual([]);
  expect(readme).toContain('docker compose up --build');
});

test('npm run worker gives glibc two malloc arenas unless told otherwise, as the compose worker does', () => {
  const scripts = (JSON.parse(readRepoFile('package.json')) as { scripts: Record<string, string> }).scripts;
  expect(scripts.worker).toBe('MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} node --import tsx workers/main.ts');
});
