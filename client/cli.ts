#!/usr/bin/env node
// lumen-iod: the operator's command line. This is the edge: it reads the process's environment and
// streams, connects to Temporal on first use, and turns the result into an exit code.
import { processCliContext } from './commands/process-context';
import { runCli } from './commands/program';

async function main(): Promise<number> {
  const { ctx, close } = processCliContext();
  try {
    return await runCli(process.argv.slice(2), ctx);
  } finally {
    await close();
  }
}

// `lumen-iod list | head` closes the pipe early; that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 70;
  },
);
