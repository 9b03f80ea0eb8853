// adopt --all: every active or changing Internet service in a customer's inventory that no workflow
// manages yet gets its manageInternetOnDemandService workflow. Run on the worker, where Lumen's
// credentials are. Running service workflows are left alone, and so is a service whose order's
// externalId is a provisioning still running here (it hands the service over itself).
import { Context } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { WORKFLOW_TYPE, workflowIdFor } from '../domain/names';
import {
  SERVICE_WORKFLOW_TYPE,
  serviceIdOf,
  serviceWorkflowIdFor,
  type AdoptAllInput,
  type AdoptAllResult,
  type ServiceInput,
} from '../domain/service';
import { formatMbps } from '../domain/speed';
import type { LumenApi } from '../lumen/api';
import { LumenApiError } from '../lumen/errors';
import { phaseOf } from '../lumen/service-phase';
import { unavailable } from './failures';

const keyword = (name: string) => defineSearchAttributeKey(name, SearchAttributeType.KEYWORD);

const SKIPPED_PHASE: Record<string, string> = {
  disconnected: 'Inactive: nothing to manage',
  disconnecting: 'being disconnected',
  pending: 'not active yet',
  activationFailed: 'its activation failed',
};

export function adoptAllServicesActivity({
  lumen,
  temporalClient,
}: {
  lumen: LumenApi;
  temporalClient: () => Promise<Client>;
}) {
  return async function adoptAllServices({ customerNumber }: AdoptAllInput): Promise<AdoptAllResult> {
    const client = await temporalClient();
    const { taskQueue } = Context.current().info;
    const rows = await lumen.listInventory(customerNumber, { serviceType: 'Internet' }).catch((error: unknown) => {
      throw error instanceof LumenApiError ? unavailable(error) : error;
    });
    const customer = `LumenCustomerNumber = '${customerNumber.replace(/'/g, "\\'")}' AND ExecutionStatus = 'Running'`;
    const managed = new Set<string>();
    for await (const info of client.workflow.list({
      query: `WorkflowType = '${SERVICE_WORKFLOW_TYPE}' AND ${customer}`,
    })) {
      const serviceId = serviceIdOf(info.workflowId);
      if (serviceId) managed.add(serviceId);
    }
    const provisionings = new Set<string>();
    for await (const info of client.workflow.list({ query: `WorkflowType = '${WORKFLOW_TYPE}' AND ${customer}` })) {
      provisionings.add(info.workflowId);
    }

    const result: AdoptAllResult = { customerNumber, adopted: [], skipped: [] };
    for (const row of rows) {
      Context.current().heartbeat(row.serviceId);
      const skip = (reason: string) =>
        result.skipped.push({ serviceId: row.serviceId, lumenStatus: row.status, reason });
      const workflowId = serviceWorkflowIdFor(row.serviceId);
      const phase = phaseOf(row.status);
      if (managed.has(row.serviceId)) {
        skip(`already managed by ${workflowId}`);
      } else if (row.externalId && provisionings.has(workflowIdFor(row.externalId))) {
        skip(`provisioning ${workflowIdFor(row.externalId)} is still running here and hands it over`);
      } else if (phase !== 'active' && phase !== 'changing') {
        skip(SKIPPED_PHASE[phase] ?? `Lumen shows it "${row.status}"`);
      } else {
        const input: ServiceInput = { serviceId: row.serviceId, customerNumber };
        try {
          await client.workflow.start(SERVICE_WORKFLOW_TYPE, {
            workflowId,
            taskQueue,
            args: [input],
            // A service whose workflow ended disconnected stays so; adopt it by itself if it came back.
            workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
            typedSearchAttributes: [
              { key: keyword('LumenCustomerNumber'), value: customerNumber },
              { key: keyword('LumenServiceId'), value: row.serviceId },
            ],
            staticSummary: `service ${row.serviceId} for ${customerNumber}`,
          });
          result.adopted.push({
            serviceId: row.serviceId,
            workflowId,
            lumenStatus: row.status,
            speed: row.bandwidthMbps === undefined ? null : formatMbps(row.bandwidthMbps),
          });
        } catch (error) {
          if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
          skip(`its workflow ${workflowId} exists already (started meanwhile, or ended with the service disconnected)`);
        }
      }
    }
    return result;
  };
}
