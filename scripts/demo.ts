// `npm run demo`: places the example request against a running `npm start` stack and watches it to
// ACTIVE, through the same code path as `lumen-iod order --watch`.
import path from 'node:path';
import { processCliContext } from '../client/commands/process-context';
import { runCli } from '../client/commands/program';

async function main(): Promise<number> {
  // Unique per run, within the 20 characters Lumen allows for an externalId.
  const requestId = `DEMO-${Date.now().toString(36).toUpperCase()}`;
  const { ctx, close } = processCliContext();
  const file = path.join(__dirname, '..', 'examples', 'request.json');
  try {
    const code = await runCli(
      ['order', '--file', file, '--request-id', requestId, '--poll-interval', '30 seconds', '--watch'],
      ctx,
    );
    process.stdout.write(code === 0 ? 'ACTIVE\n' : `not active (exit code ${code})\n`);
    return code;
  } finally {
    await close();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
