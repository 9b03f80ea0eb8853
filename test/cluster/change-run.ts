// A bandwidth change on each of N services through the public client library, sent one after another,
// with a fault in the middle; then what a user would check: the sandbox's modify orders, the services'
// speeds and the changes' results. A call that fails on the degraded cluster is sent again with the same
// changeId, as a backend would, so a change that did reach its workflow must not be ordered twice.
import type { Client } from '@temporalio/client';
import { changeBandwidth, ServiceChangeFailedError, ServiceOperationRejectedError } from '../../client';
import type { ChangeResult } from '../../domain/service';
import { speedToMbps } from '../../domain/speed';
import type { OrderRecord } from '../../sandbox/admin-client';
import type { Sandbox } from '../../sandbox/server';
import { persistently } from './persistently';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ChangePlan {
  serviceIds: string[];
  speed: string;
  /** Time between two changes sent. */
  sendEveryMs: number;
  /** The fault starts once this many changes were sent. */
  faultAfterSends: number;
  fault: () => Promise<void>;
  /** Changes go through this client (on a node the fault leaves alone). */
  client: Client;
  sandbox: Sandbox;
}

export interface ChangeReport {
  results: ChangeResult[];
  /** The modify orders placed on the run's services. */
  orders: OrderRecord[];
  /** Modify orders beyond the first on a service. */
  duplicates: number;
  /** Services with no modify order at all. */
  lost: string[];
  /** Services Active at the new speed in Lumen's inventory. */
  changedServices: number;
  /** How many calls were sent again after the degraded cluster failed them. */
  resent: number;
  recoverySeconds: number;
  notDoneAtFault: number;
  ordersBeforeFault: number;
}

export async function runChangesWithFault(plan: ChangePlan): Promise<ChangeReport> {
  const tag = Date.now().toString(36).slice(-4);
  const ids = new Set(plan.serviceIds);
  const doneAt = new Map<string, number>();
  let sent = 0;
  let resent = 0;
  const modifyOrders = async () =>
    (await plan.sandbox.admin.orders()).filter((o) => o.action === 'modify' && ids.has(o.serviceId));

  const changes = plan.serviceIds.map(async (serviceId, index) => {
    await sleep(index * plan.sendEveryMs);
    const changeId = `chaos-${tag}-${index + 1}`;
    sent += 1;
    let calls = 0;
    const result = await persistently(
      `change ${changeId} on ${serviceId}`,
      () => {
        calls += 1;
        return changeBandwidth(plan.client, serviceId, { changeId, speed: plan.speed });
      },
      (error) => error instanceof ServiceChangeFailedError || error instanceof ServiceOperationRejectedError,
    );
    resent += calls - 1;
    doneAt.set(serviceId, Date.now());
    return result;
  });
  const all = Promise.all(changes);
  all.catch(() => undefined);

  while (sent < plan.faultAfterSends) await sleep(100);
  const faultAt = Date.now();
  const inFlight = plan.serviceIds.filter((id) => !doneAt.has(id));
  const ordersBeforeFault = (await modifyOrders()).length;
  await plan.fault();
  const results = await all;
  const recoveredAt = Math.max(faultAt, ...inFlight.map((id) => doneAt.get(id) ?? Infinity));

  const orders = await modifyOrders();
  const ordered = new Set(orders.map((order) => order.serviceId));
  const wanted = speedToMbps(plan.speed);
  const services = (await plan.sandbox.admin.services()).filter((s) => ids.has(s.serviceId));
  return {
    results,
    orders,
    duplicates: orders.length - ordered.size,
    lost: plan.serviceIds.filter((id) => !ordered.has(id)),
    changedServices: services.filter((s) => s.status === 'Active' && s.mbps === wanted).length,
    resent,
    recoverySeconds: (recoveredAt - faultAt) / 1000,
    notDoneAtFault: inFlight.length,
    ordersBeforeFault,
  };
}
