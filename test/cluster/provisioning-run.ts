// N provisionings through the public client library, started one after another, with a fault in
// the middle; then what a user would check: the sandbox's orders and the workflows' results.
import type { Client } from '@temporalio/client';
import { getResult, ProvisioningAlreadyExistsError, ProvisioningFailedError, startProvisioning } from '../../client';
import type { ProvisioningResult } from '../../domain/status';
import type { OrderRecord } from '../../sandbox/admin-client';
import type { Sandbox } from '../../sandbox/server';
import { sandboxRequest } from '../workflow/integration-stack';
import { TASK_QUEUE } from './chaos-stack';
import { persistently } from './persistently';

export const SANDBOX_CUSTOMER = '1-SANDBOX';

export interface RunPlan {
  /** Short: request ids are `<prefix>-<n>` and at most 20 characters. */
  prefix: string;
  count: number;
  /** Time between two starts. */
  startEveryMs: number;
  /** The fault starts once this many provisionings were started and `ready()` says so. */
  faultAfterStarts: number;
  ready?: () => Promise<boolean>;
  fault: () => Promise<void>;
  /** Starts, results and checks go through this client (on a node the fault leaves alone). */
  client: Client;
  sandbox: Sandbox;
}

export interface RunReport {
  requestIds: string[];
  results: ProvisioningResult[];
  orders: OrderRecord[];
  /** Orders with one of the run's request ids as externalId, and how many of those are not the first. */
  duplicates: number;
  /** Request ids with no order at all. */
  lost: string[];
  activeServices: number;
  /** From the fault until every provisioning not yet ACTIVE when it struck was ACTIVE. */
  recoverySeconds: number;
  /** Provisionings not yet ACTIVE when the fault struck, and orders already placed then. */
  notActiveAtFault: number;
  ordersBeforeFault: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Webhooks and polling both on: inventory is polled every 2 s while the webhooks arrive.
const request = (requestId: string) =>
  sandboxRequest({ requestId, pollInterval: '2 seconds', activationTimeout: '20 minutes' });

export async function runWithFault(plan: RunPlan): Promise<RunReport> {
  const tag = Date.now().toString(36).slice(-4);
  const requestIds = Array.from({ length: plan.count }, (_, i) => `${plan.prefix}-${tag}-${i + 1}`);
  const activeAt = new Map<string, number>();
  let started = 0;

  const provisionings = requestIds.map(async (requestId, index) => {
    await sleep(index * plan.startEveryMs);
    await persistently(
      `starting ${requestId}`,
      // A start that reached the server before its answer was lost is already there: that is success.
      () =>
        startProvisioning(plan.client, request(requestId), { taskQueue: TASK_QUEUE }).catch((error: unknown) => {
          if (error instanceof ProvisioningAlreadyExistsError) return undefined;
          throw error;
        }),
      () => false,
    );
    started += 1;
    const result = await persistently(
      `the result of ${requestId}`,
      () => getResult(plan.client, requestId),
      (error) => error instanceof ProvisioningFailedError,
    );
    activeAt.set(requestId, Date.now());
    return result;
  });
  const all = Promise.all(provisionings);
  all.catch(() => undefined);

  const runIds = new Set(requestIds);
  const ordersOfRun = async () => (await plan.sandbox.admin.orders()).filter((o) => runIds.has(o.externalId));
  // The fault comes in the middle: half started and at least one order placed (a cold stack's first
  // orders can take longer than half the starts).
  while (started < plan.faultAfterStarts || (await ordersOfRun()).length === 0 || !((await plan.ready?.()) ?? true)) {
    await sleep(100);
  }
  const faultAt = Date.now();
  const inFlight = requestIds.filter((id) => !activeAt.has(id));
  const ordersBeforeFault = (await ordersOfRun()).length;
  await plan.fault();
  const results = await all;
  const recoveredAt = Math.max(faultAt, ...inFlight.map((id) => activeAt.get(id) ?? Infinity));

  const orders = (await plan.sandbox.admin.orders()).filter((order) => runIds.has(order.externalId));
  const ordered = new Set(orders.map((order) => order.externalId));
  const services = await plan.sandbox.admin.services();
  const activeServices = services.filter((s) => runIds.has(s.externalId) && s.status === 'Active').length;
  return {
    requestIds,
    results,
    orders,
    duplicates: orders.length - ordered.size,
    lost: requestIds.filter((id) => !ordered.has(id)),
    activeServices,
    recoverySeconds: (recoveredAt - faultAt) / 1000,
    notActiveAtFault: inFlight.length,
    ordersBeforeFault,
  };
}
