// `npm run test:unit`: the fast tier — no Temporal server, no process (jest.unit.config.js).
import { runJestAndExit } from './jest-run';

runJestAndExit('jest-unit', ['--config', 'jest.unit.config.js', ...process.argv.slice(2)], Date.now()).catch(
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
