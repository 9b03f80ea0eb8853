// Waits for a provisioning's status query to show what a test expects.
import type { WorkflowHandle } from '@temporalio/client';
import type { ProvisioningStatus } from '../../domain/status';
import { statusQuery } from '../../workflows/messages';

export async function statusWhen(
  handle: WorkflowHandle,
  expected: (status: ProvisioningStatus) => boolean,
  timeoutMs = 20_000,
): Promise<ProvisioningStatus> {
  const deadline = Date.now() + timeoutMs;
  let last: ProvisioningStatus | undefined;
  while (Date.now() < deadline) {
    last = await handle.query(statusQuery);
    if (expected(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the status never matched; last: ${JSON.stringify(last)}`);
}
