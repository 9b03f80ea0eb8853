// Past the provisioning, the service stays managed by its own workflow (iod-service-<serviceId>),
// started through an activity so it is no child of the provisioning and outlives it on its own.
// A service another client adopted already keeps its workflow.
import { isCancellation, patched } from '@temporalio/workflow';
import type { ServiceInput } from '../../domain/service';
import type { ServiceHandOver } from '../../activities/handover';
import { localHandOver, temporalCalls } from '../activity-proxies';
import type { Provisioning } from './state';

/** Marks runs whose hand-over goes first as a local activity; runs without it schedule the activity. */
export const LOCAL_HAND_OVER = 'hand-over-local-first';

/**
 * Whether this run hands over through a local activity first. Asked in the run's first activation, as
 * decideLocalReads is: asked at the hand-over, right after a local read, a replay could meet the question
 * one workflow task before its marker.
 */
export function decideLocalHandOver(): boolean {
  return patched(LOCAL_HAND_OVER);
}

async function startServiceManagement(p: Provisioning, input: ServiceInput): Promise<ServiceHandOver> {
  if (p.localHandOver) {
    try {
      return await localHandOver.startServiceManagement(input);
    } catch (error) {
      if (isCancellation(error)) throw error;
      // Starting a workflow twice is answered the same, so the regular activity may simply go on.
    }
  }
  return temporalCalls.startServiceManagement(input);
}

/** Starts the service's workflow; returns its id. `pendingOrder`: activation has not finished yet. */
export async function handOver(
  p: Provisioning,
  serviceId: string,
  pendingOrder?: ServiceInput['pendingOrder'],
): Promise<string> {
  const { request } = p;
  const { workflowId, started } = await startServiceManagement(p, {
    serviceId,
    customerNumber: request.customerNumber,
    requestId: request.requestId,
    pollInterval: request.pollInterval,
    ...(pendingOrder ? { pendingOrder } : {}),
  });
  p.progress.record(
    started
      ? `Service ${serviceId} is managed from now on by ${workflowId}`
      : `Service ${serviceId} was already managed by ${workflowId}`,
  );
  p.progress.serviceManagedBy(workflowId);
  return workflowId;
}
