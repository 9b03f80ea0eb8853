// What the client and CLI tests run against: the file's own dev server, the real worker (the project's
// workflows and activities, built by workers/createWorker) on the file's task queue, and the Lumen sandbox
// over HTTP, its order events relayed to the workflows. Lumen's behaviour is staged as the sandbox's
// admin surface allows: its catalog, its settings and how each order settles.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { adoptService, getService } from '../../client';
import { serviceOrderExternalId } from '../../domain/service-names';
import type { SandboxAdmin } from '../../sandbox/admin-client';
import type { OrderAction } from '../../sandbox/records';
import { provisioningRequest } from '../env/requests';
import { MONROE, startIntegrationStack } from '../workflow/integration-stack';
import { eventually } from './eventually';

/** Every request and service of these tests is at Monroe, where 100 Mbps is $0.46 an hour ($331.20 a month). */
const SITE = MONROE;

export interface RunningWorker {
  stop(): Promise<void>;
}

export interface ClientWorld {
  env: TestWorkflowEnvironment;
  /** The sandbox's admin surface: settings, outcomes, orders. */
  admin: SandboxAdmin;
  /** Makes `customerNumber` a Lumen customer with a US billing account; returns it. */
  customer(customerNumber: string): Promise<string>;
  /** A service Lumen has for the customer, Active at 100 Mbps at Monroe, not managed yet; returns its id. */
  lumenService(customerNumber?: string): Promise<string>;
  /** Such a service adopted on the file's task queue, once its workflow has read it ACTIVE; returns its id. */
  managedService(customerNumber?: string): Promise<string>;
  /** Lumen keeps every new order of these actions in progress until releaseOrders. */
  holdOrders(...actions: OrderAction[]): Promise<void>;
  /** Orders settle by themselves again, and those held settle now. */
  releaseOrders(): Promise<void>;
  /** Lumen fails the service's orders (changes and disconnects) numbered `seqs` when they settle. */
  failServiceOrders(serviceId: string, seqs: number[]): Promise<void>;
  /** A worker on the file's task queue (one runs from the start unless the world was made without). */
  startWorker(): Promise<RunningWorker>;
  stop(): Promise<void>;
}

/** How long Lumen takes to settle an order unless told otherwise. */
const SETTLE_MS = 300;

export async function startClientWorld(taskQueue: string, options: { worker?: boolean } = {}): Promise<ClientWorld> {
  const stack = await startIntegrationStack({ activationDelayMs: SETTLE_MS });
  const admin = stack.sandbox.admin;
  const worker = options.worker === false ? undefined : await stack.startWorker(taskQueue);
  const customers = new Set<string>();

  const customer = async (customerNumber: string) => {
    if (!customers.has(customerNumber)) {
      await admin.seed({
        customers: [
          {
            customerNumber,
            name: `Customer ${customerNumber}`,
            billingAccounts: [{ id: `5-${customers.size + 1}`, name: 'Operations', hqCountry: 'US' }],
          },
        ],
      });
      customers.add(customerNumber);
    }
    return customerNumber;
  };
  const lumenService = async (customerNumber = '1-SVC') => {
    const [service] = await admin.seedServices({
      customerNumber: await customer(customerNumber),
      masterSiteId: SITE,
      speed: '100 Mbps',
    });
    return service.serviceId;
  };

  await customer(provisioningRequest().customerNumber);

  return {
    env: stack.env,
    admin,
    customer,
    lumenService,
    async managedService(customerNumber = '1-SVC') {
      const serviceId = await lumenService(customerNumber);
      await adoptService(stack.env.client, { serviceId, customerNumber }, { taskQueue });
      await eventually(async () => {
        const view = await getService(stack.env.client, serviceId);
        if (view.status !== 'ACTIVE' || view.lastCheckedAt === null)
          throw new Error(`service ${serviceId} not read yet`);
      });
      return serviceId;
    },
    async holdOrders(...actions) {
      await admin.updateSettings({ settleDelayMs: Object.fromEntries(actions.map((action) => [action, null])) });
    },
    async releaseOrders() {
      await admin.updateSettings({ settleDelayMs: { add: SETTLE_MS, modify: SETTLE_MS, delete: SETTLE_MS } });
      await admin.settleOrders();
    },
    async failServiceOrders(serviceId, seqs) {
      for (const seq of seqs) await admin.setOutcome(serviceOrderExternalId(serviceId, seq), { outcome: 'failed' });
    },
    startWorker: () => stack.startWorker(taskQueue),
    async stop() {
      await worker?.stop();
      await stack.close();
    },
  };
}
