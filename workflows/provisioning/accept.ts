// The request, accepted once: other clients (the Temporal CLI, other SDKs) start these workflows too, so
// the workflow validates before anything else and records the normal form with the worker's settings.
import { ApplicationFailure, workflowInfo } from '@temporalio/workflow';
import type { AcceptedRequest } from '../../activities';
import { recordedLocally } from '../shared/activity-proxies';
import type { Progress } from './progress';

type Accepted = Extract<AcceptedRequest, { ok: true }>;

/**
 * Fails with InvalidRequest naming every bad field, or the workflow id that is not `idFor(requestId)`;
 * `onInvalid` is told first, with the worker's settings (a provisioning notifies people of it).
 */
export async function acceptRequest(
  progress: Progress,
  input: unknown,
  idFor: (requestId: string) => string,
  idForm: string,
  onInvalid?: (settings: AcceptedRequest['settings'], message: string) => Promise<void>,
): Promise<Pick<Accepted, 'request' | 'settings'>> {
  const accepted = await recordedLocally.acceptRequest(input);
  const problems = accepted.ok ? [] : [...accepted.problems];
  const requestId = accepted.ok ? accepted.request.requestId : requestIdFrom(input);
  const { workflowId } = workflowInfo();
  if (requestId !== undefined && workflowId !== idFor(requestId)) {
    // Lumen's events are routed by request id: under another id the workflow would never hear them.
    problems.push(`workflowId: is "${workflowId}" but must be "${idFor(requestId)}" (${idForm})`);
  }
  if (accepted.ok && problems.length === 0) return accepted;
  const message = `Invalid provisioning request: ${problems.join('; ')}`;
  progress.fail(message);
  await onInvalid?.(accepted.settings, message);
  throw ApplicationFailure.create({ type: 'InvalidRequest', message, nonRetryable: true, details: [{ problems }] });
}

function requestIdFrom(input: unknown): string | undefined {
  const id = (input as { requestId?: unknown } | null)?.requestId;
  return typeof id === 'string' ? id : undefined;
}
