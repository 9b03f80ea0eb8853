// `npm start`: the whole stack on one machine, supervised. Each embedded part is replaced by the real
// thing when its variable is set (TEMPORAL_ADDRESS, LUMEN_BASE_URL).
import path from 'node:path';
import { ShutdownList } from '../stack/shutdown';
import { startDevServer } from '../temporal/dev-server';
import { TEMPORAL_HOME } from '../temporal/paths';

const say = (line: string) => process.stdout.write(`[start] ${line}\n`);

async function main(): Promise<void> {
  const shutdown = new ShutdownList();
  shutdown.onSignals(say);

  if (!process.env.TEMPORAL_ADDRESS) {
    const dbFile = path.join(TEMPORAL_HOME, 'dev-server.sqlite');
    say('starting the Temporal dev server');
    const server = await startDevServer({ port: 7233, uiPort: 8233, dbFile });
    shutdown.add('Temporal dev server', server.stop);
    say(
      `Temporal dev server at ${server.address} (${server.source}), state in ${path.relative(process.cwd(), dbFile)}`,
    );
    say(`Temporal Web UI: ${server.uiUrl}`);
  }
  say('ready; Ctrl-C stops everything');
}

main().catch((error: unknown) => {
  process.stderr.write(`[start] ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
