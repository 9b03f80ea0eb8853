// Resetting a workflow (Temporal's reset, to any workflow task) replays it from an earlier point and
// forgets what it did after that point, orders sent included. A run knows it was reset, but that fact
// must never change its commands directly: the part of its history copied from before the reset was
// made without it. It only goes into activity inputs, whose answers are then recorded.
import { workflowInfo } from '@temporalio/workflow';

export function runWasReset(): boolean {
  const info = workflowInfo();
  return info.runId !== info.originalExecutionRunId;
}
