// Services for the client and CLI tests: ids no other test used, adopted into the stand-in workflow.
import type { Client } from '@temporalio/client';
import { adoptService } from '../../client';

let counter = 0;

/** A service id unused in this process: a disconnected service's workflow id cannot be used again. */
export function uniqueServiceId(prefix = 'S'): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}

/** Adopts a fresh service (ACTIVE at 100 Mbps in the stand-in) and returns its id. */
export async function managedService(
  client: Client,
  taskQueue: string,
  serviceId: string,
  customerNumber = '1-SVC',
): Promise<string> {
  await adoptService(client, { serviceId, customerNumber }, { taskQueue });
  return serviceId;
}
