// The workflow code bundled once per test file, as the worker bundles it for the tests' payload
// encryption, without the bundler's chatter.
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { PayloadCodecSettings } from '../../codec/settings';
import { provisioningBundleOptions } from '../../workers/worker';
import { TEST_PAYLOAD_CODEC } from '../env/codec';

/** `interceptorModules`: workflow interceptors a test adds to watch the workflow from inside. */
export function bundleProvisioningWorkflow(
  payloadCodec: PayloadCodecSettings = TEST_PAYLOAD_CODEC,
  interceptorModules: string[] = [],
): Promise<WorkflowBundleWithSourceMap> {
  const options = provisioningBundleOptions(payloadCodec);
  return bundleWorkflowCode({
    ...options,
    workflowInterceptorModules: [...(options.workflowInterceptorModules ?? []), ...interceptorModules],
    logger: quietBundlerLogger,
  });
}

const quietBundlerLogger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (message: string) => console.error(message),
  log: () => undefined,
};
