// `npm run demo`: places the example request against a running `npm start` stack and watches it to
// ACTIVE, through the same code path as `lumen-iod order --watch`.
import path from 'node:path';
import type { CliContext } from '../client/commands/context';
import { runCli } from '../client/commands/program';
import { connectTemporal, type TemporalConnection } from '../client/connection';

async function main(): Promise<number> {
  // Unique per run, within the 20 characters Lumen allows for an externalId.
  const requestId = `DEMO-${Date.now().toString(36).toUpperCase()}`;
  let connecting: Promise<TemporalConnection> | undefined;
  const ctx: CliContext = {
    env: process.env,
    out: process.stdout,
    err: process.stderr,
    temporal: () => (connecting ??= connectTemporal(process.env)),
    now: () => new Date(),
  };
  const file = path.join(__dirname, '..', 'examples', 'request.json');
  try {
    const code = await runCli(
      ['order', '--file', file, '--request-id', requestId, '--poll-interval', '30 seconds', '--watch'],
      ctx,
    );
    process.stdout.write(code === 0 ? 'ACTIVE\n' : `not active (exit code ${code})\n`);
    return code;
  } finally {
    await (await connecting?.catch(() => undefined))?.close();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
