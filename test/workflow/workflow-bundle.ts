// The workflow code bundled once per test file, without the bundler's chatter.
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';

export function bundleProvisioningWorkflow(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: quietBundlerLogger });
}

const quietBundlerLogger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (message: string) => console.error(message),
  log: () => undefined,
};
