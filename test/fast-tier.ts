// The fast tier's guard (jest.unit.config.js): a test here that starts a Temporal server or a process
// fails at once, saying to name it *.server.test.ts, instead of quietly making the tier slow.

function refuse(what: string): never {
  throw new Error(
    `${what}: a fast-tier test starts no Temporal server and no process; name the test file *.server.test.ts`,
  );
}

/** The module with every export replaced by a function that refuses. */
function refusing(what: string): Record<string, unknown> {
  return new Proxy(
    { __esModule: true },
    { get: (target, name) => (name === '__esModule' ? true : () => refuse(what)) },
  );
}

jest.mock('../temporal-servers/cli-binary', () => refusing('the Temporal CLI'));
jest.mock('../temporal-servers/test-server-binary', () => refusing('the Temporal test server'));
jest.mock('../temporal-servers/server-binary', () => refusing('the Temporal server'));

jest.mock('@temporalio/testing', () => {
  const actual = jest.requireActual<typeof import('@temporalio/testing')>('@temporalio/testing');
  class TestWorkflowEnvironment extends actual.TestWorkflowEnvironment {
    static override createTimeSkipping(): never {
      return refuse('TestWorkflowEnvironment.createTimeSkipping');
    }
    static override createLocal(): never {
      return refuse('TestWorkflowEnvironment.createLocal');
    }
  }
  return { ...actual, TestWorkflowEnvironment };
});

jest.mock('node:child_process', () => {
  const actual = jest.requireActual<typeof import('node:child_process')>('node:child_process');
  const starts = ['spawn', 'spawnSync', 'fork', 'exec', 'execSync', 'execFile', 'execFileSync'] as const;
  return { ...actual, ...Object.fromEntries(starts.map((name) => [name, () => refuse(`child_process.${name}`)])) };
});
