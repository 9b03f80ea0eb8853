// The one thing the receiver asks of Temporal: deliver an event to a running provisioning as a
// lumenNotification signal. A port so tests and the npm start supervisor can pass a Client or a fake.
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { SIGNAL_LUMEN_NOTIFICATION } from '../domain/names';
import type { LumenNotification } from '../domain/notification';
import { SignalGate } from './signal-gate';

/** 'no-workflow': no running execution has that id (finished, or never started). */
export type SignalOutcome = 'signalled' | 'no-workflow';

export interface WorkflowSignaller {
  /** Resolves once Temporal has durably accepted the signal; rejects when it could not say. */
  signal(workflowId: string, event: LumenNotification): Promise<SignalOutcome>;
}

/**
 * Signals through a Temporal client, at most `gate.maxInFlight` at once. The deadline, waiting for a
 * turn included, keeps a slow or unreachable server from holding the sender's request past its own
 * timeout; the sender then retries on our 503 instead.
 */
export function temporalSignaller(client: Client, timeoutMs: number, gate: SignalGate): WorkflowSignaller {
  return {
    async signal(workflowId, event) {
      const deadline = Date.now() + timeoutMs;
      try {
        await gate.run(deadline, () =>
          client.connection.withDeadline(deadline, () =>
            client.workflow.getHandle(workflowId).signal(SIGNAL_LUMEN_NOTIFICATION, event),
          ),
        );
        return 'signalled';
      } catch (error) {
        // Closed and unknown executions both answer NOT_FOUND; a signal never starts a workflow.
        if (error instanceof WorkflowNotFoundError) return 'no-workflow';
        throw error;
      }
    },
  };
}
