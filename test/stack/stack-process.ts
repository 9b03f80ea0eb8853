// Runs `npm start`'s entry as a child process on free ports with its own SQLite file, as a user would.
import path from 'node:path';
import { cliEnv, startCli, type CliProcess } from '../cli/run-cli';
import { freePort } from '../env/free-port';

export const ROOT = path.resolve(__dirname, '../..');
const START = [path.join(ROOT, 'node_modules/.bin/tsx'), path.join(ROOT, 'scripts/start.ts')];

/** Ports and state for one stack; the SQLite file lives in `dir`. */
export async function stackEnv(dir: string): Promise<NodeJS.ProcessEnv> {
  return cliEnv({
    TEMPORAL_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
    TEMPORAL_DB_FILE: path.join(dir, 'dev-server.sqlite'),
    SANDBOX_PORT: String(await freePort()),
    WEBHOOK_PORT: String(await freePort()),
    METRICS_PORT: 'off',
  });
}

export async function startStack(env: NodeJS.ProcessEnv): Promise<CliProcess> {
  const running = startCli([], env, undefined, START);
  await running.waitForLine(/\[start\] ready/, 120_000);
  return running;
}

/** Ctrl-C, as a terminal sends it; resolves with the exit code. */
export async function stopStack(running: CliProcess): Promise<number | null> {
  running.child.kill('SIGINT');
  return (await running.done).code;
}
