// Runs `npm start`'s entry as a child process on free ports with its own SQLite file, as a user would.
import path from 'node:path';
import { bareEnv, startCli, type CliProcess } from '../cli/run-cli';
import { freePorts } from '../env/free-port';

export const ROOT = path.resolve(__dirname, '../..');
const START = [path.join(ROOT, 'node_modules/.bin/tsx'), path.join(ROOT, 'scripts/start.ts')];

/**
 * Ports and state for one stack; the SQLite file lives in `dir`. No payload settings: the stack keeps
 * its own key under .temporal/, and the CLI run beside it with this environment finds it by itself.
 */
export async function stackEnv(dir: string): Promise<NodeJS.ProcessEnv> {
  const [temporal, ui, sandbox, webhooks, codec] = await freePorts(5);
  return bareEnv({
    TEMPORAL_PORT: String(temporal),
    TEMPORAL_UI_PORT: String(ui),
    TEMPORAL_DB_FILE: path.join(dir, 'dev-server.sqlite'),
    SANDBOX_PORT: String(sandbox),
    WEBHOOK_PORT: String(webhooks),
    CODEC_SERVER_PORT: String(codec),
    METRICS_PORT: 'off',
  });
}

/** How long a stack may take to say it is ready: it bundles the workflow code on a loaded machine. */
export const STACK_START_TIMEOUT_MS = 150_000;

export async function startStack(env: NodeJS.ProcessEnv): Promise<CliProcess> {
  const running = startCli([], env, undefined, START);
  // A stack that stops before it is ready fails the test at once, with what it printed.
  const exited = running.done.then(({ code, stdout, stderr }) => {
    throw new Error(`npm start exited with code ${code} before it was ready:\n${stdout}\n${stderr}`);
  });
  await Promise.race([running.waitForLine(/\[start\] ready/, STACK_START_TIMEOUT_MS), exited]);
  exited.catch(() => undefined);
  return running;
}

/** Ctrl-C, as a terminal sends it; resolves with the exit code. */
export async function stopStack(running: CliProcess): Promise<number | null> {
  running.child.kill('SIGINT');
  return (await running.done).code;
}
