// Starts the Temporal dev server for `npm start`: gRPC, Web UI and a SQLite file that keeps every
// provisioning across restarts.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { SEARCH_ATTRIBUTES } from '../domain/names';
import { explainNoBinary, type ResolveOptions } from './cli-binary';
import { resolveDevServer } from './dev-server-binary';
import { searchAttributeKeys } from './search-attributes';

export interface DevServerOptions extends ResolveOptions {
  port: number;
  uiPort: number;
  dbFile: string;
  namespace?: string;
  /** The codec server the Web UI calls from the browser to show decrypted payloads. */
  uiCodecEndpoint?: string;
  /** Where the server's own output goes; it is quiet (warnings only) by default. */
  output?: NodeJS.WritableStream;
}

export interface RunningDevServer {
  address: string;
  uiUrl: string;
  namespace: string;
  source: string;
  stop(): Promise<void>;
}

function devServerArgs(options: DevServerOptions, namespace: string): string[] {
  return [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--ui-port',
    String(options.uiPort),
    '--db-filename',
    options.dbFile,
    '--namespace',
    namespace,
    '--log-level',
    'warn',
    ...SEARCH_ATTRIBUTES.flatMap((name) => ['--search-attribute', `${name}=Keyword`]),
    ...extraArgs(options),
  ];
}

function extraArgs(options: DevServerOptions): string[] {
  return [
    '--dynamic-config-value',
    'frontend.enableExecuteMultiOperation=true',
    ...(options.uiCodecEndpoint ? ['--ui-codec-endpoint', options.uiCodecEndpoint] : []),
  ];
}

/** Waits until the frontend answers and the namespace exists, or the process dies. */
async function waitUntilServing(
  address: string,
  namespace: string,
  child: ChildProcess,
  lastOutput: () => string,
  timeoutMs = 60_000,
) {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`the dev server exited with code ${child.exitCode}: ${lastOutput() || 'no output'}`);
    }
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      try {
        // A deadline per call: whatever else listens on a busy port may accept and never answer.
        await connection.withDeadline(Date.now() + 2_000, () =>
          connection.workflowService.describeNamespace({ namespace }),
        );
        return;
      } finally {
        await connection.close();
      }
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`the dev server did not answer on ${address} within ${timeoutMs} ms: ${String(lastError)}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startDevServer(options: DevServerOptions): Promise<RunningDevServer> {
  const namespace = options.namespace ?? 'default';
  const address = `127.0.0.1:${options.port}`;
  const uiUrl = `http://localhost:${options.uiPort}`;
  await mkdir(path.dirname(options.dbFile), { recursive: true });
  const cli = await resolveDevServer(options);

  if (cli.executable.type === 'cached-download') {
    try {
      const env = await TestWorkflowEnvironment.createLocal({
        server: {
          executable: cli.executable,
          ip: '127.0.0.1',
          port: options.port,
          uiPort: options.uiPort,
          dbFilename: options.dbFile,
          namespace,
          searchAttributes: searchAttributeKeys(),
          extraArgs: extraArgs(options),
        },
      });
      return { address, uiUrl, namespace, source: cli.source, stop: () => env.teardown() };
    } catch (error) {
      throw new Error(explainNoBinary('Temporal dev server', cli.tried, error));
    }
  }

  const child = spawn(cli.executable.path, devServerArgs(options, namespace), { stdio: ['ignore', 'pipe', 'pipe'] });
  if (options.output) {
    child.stdout?.pipe(options.output, { end: false });
    child.stderr?.pipe(options.output, { end: false });
  }
  // Kept so a start that fails (a port in use, a locked SQLite file) can say why.
  let recent = '';
  const remember = (chunk: Buffer) => (recent = (recent + chunk.toString()).slice(-2_000));
  child.stdout?.on('data', remember);
  child.stderr?.on('data', remember);
  try {
    await waitUntilServing(address, namespace, child, () => recent.trim().split('\n').slice(-3).join(' | '));
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return { address, uiUrl, namespace, source: cli.source, stop: () => stopChild(child) };
}
