// The reconciliation sweep: every managed service compared with Lumen's inventory in one pass per
// interval. The running service workflows on this task queue are listed from Temporal's visibility store
// (their memo says what each last learned of Lumen), grouped by customer; each customer's inventory is
// read page by page (100 services a call), and only the services whose row differs from their memo, or
// that inventory no longer lists, are signalled. A service that matches is not woken.
import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError, type Client, type WorkflowExecutionInfo } from '@temporalio/client';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import {
  INVENTORY_MEMO_KEY,
  SERVICE_WORKFLOW_TYPE,
  SIGNAL_RECONCILE,
  sameLumenStatus,
  serviceIdOf,
  type InventoryMemo,
  type InventoryNotice,
} from '../domain/service-names';
import type { InventoryService, LumenApi } from '../lumen/api';
import { phaseOf } from '../lumen/service-phase';
import type { ActivityLogger, Clock } from './deps';

const customerNumberKey = defineSearchAttributeKey('LumenCustomerNumber', SearchAttributeType.KEYWORD);
/** Signals sent at once; a first sweep after many hand-overs may signal thousands. */
const SIGNALS_IN_PARALLEL = 20;

/** A running service workflow as visibility lists it. */
export interface ManagedService {
  workflowId: string;
  serviceId: string;
  customerNumber: string;
  /** What it last published of Lumen's inventory; absent until it has learned anything. */
  memo?: InventoryMemo;
}

export interface SweepSummary {
  services: number;
  customers: number;
  /** Services whose row differed from their memo, or that inventory no longer lists. */
  signalled: number;
  /** Customers whose inventory could not be read this time: none of their services was judged. */
  unread: string[];
}

/** The notices one customer's inventory calls for: only the services whose row differs, or that vanished. */
export function noticesFor(
  services: ManagedService[],
  rows: InventoryService[],
  readAt: string,
): { workflowId: string; notice: InventoryNotice }[] {
  const byId = new Map(rows.map((row) => [row.serviceId, row]));
  const notices: { workflowId: string; notice: InventoryNotice }[] = [];
  for (const service of services) {
    const row = byId.get(service.serviceId);
    const memo = service.memo;
    if (!row) {
      // Never learned from inventory (pending activation, not listed yet): not gone.
      if (memo) notices.push({ workflowId: service.workflowId, notice: { readAt, row: null } });
      continue;
    }
    const mbps = row.bandwidthMbps ?? null;
    if (memo && sameLumenStatus(memo.status, row.status) && memo.mbps === mbps) continue;
    notices.push({
      workflowId: service.workflowId,
      notice: { readAt, row: { status: row.status, phase: phaseOf(row.status), mbps } },
    });
  }
  return notices;
}

export function sweepInventoryActivity(deps: {
  lumen: LumenApi;
  clock: Clock;
  logger: ActivityLogger;
  temporalClient: () => Promise<Client>;
}) {
  return async function sweepInventory(): Promise<SweepSummary> {
    const context = Context.current();
    const client = await deps.temporalClient();
    const managed = await listManagedServices(client, context.info.taskQueue);
    const byCustomer = new Map<string, ManagedService[]>();
    for (const service of managed) {
      byCustomer.set(service.customerNumber, [...(byCustomer.get(service.customerNumber) ?? []), service]);
    }
    const summary: SweepSummary = { services: managed.length, customers: byCustomer.size, signalled: 0, unread: [] };
    for (const [customerNumber, services] of byCustomer) {
      context.heartbeat({ customerNumber });
      // Taken before the read: a notice never claims to be newer than what it saw.
      const readAt = new Date(deps.clock.now()).toISOString();
      let rows: InventoryService[];
      try {
        rows = await deps.lumen.listInventory(customerNumber, { serviceType: 'Internet' });
      } catch (error) {
        // An unread inventory says nothing: no service of this customer is judged gone on it.
        summary.unread.push(customerNumber);
        deps.logger.warn(
          { customerNumber, err: error instanceof Error ? error.message : String(error) },
          "reconciliation: the customer's inventory could not be read; its services are compared next time",
        );
        continue;
      }
      const notices = noticesFor(services, rows, readAt);
      for (let i = 0; i < notices.length; i += SIGNALS_IN_PARALLEL) {
        await Promise.all(notices.slice(i, i + SIGNALS_IN_PARALLEL).map((n) => signal(client, n.workflowId, n.notice)));
        context.heartbeat({ customerNumber, signalled: i });
      }
      summary.signalled += notices.length;
    }
    deps.logger.info(summary, 'reconciliation sweep done');
    return summary;
  };
}

async function signal(client: Client, workflowId: string, notice: InventoryNotice): Promise<void> {
  try {
    await client.workflow.getHandle(workflowId).signal(SIGNAL_RECONCILE, notice);
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw error; // ended since it was listed
  }
}

/** The running service workflows on this task queue, with the customer they belong to and their memo. */
export async function listManagedServices(client: Client, taskQueue: string): Promise<ManagedService[]> {
  const query =
    `WorkflowType = '${SERVICE_WORKFLOW_TYPE}' AND ExecutionStatus = 'Running' ` +
    `AND TaskQueue = '${taskQueue.replace(/'/g, "\\'")}'`;
  const services: ManagedService[] = [];
  for await (const info of client.workflow.list({ query, pageSize: 1_000 })) {
    const service = managedServiceOf(info);
    if (service) services.push(service);
  }
  return services;
}

function managedServiceOf(info: WorkflowExecutionInfo): ManagedService | undefined {
  const serviceId = serviceIdOf(info.workflowId);
  const customerNumber = info.typedSearchAttributes.get(customerNumberKey);
  if (!serviceId || typeof customerNumber !== 'string') return undefined;
  const memo = info.memo?.[INVENTORY_MEMO_KEY] as InventoryMemo | undefined;
  return {
    workflowId: info.workflowId,
    serviceId,
    customerNumber,
    ...(memo && typeof memo.status === 'string' ? { memo } : {}),
  };
}
