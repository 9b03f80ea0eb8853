// What each CLI test file starts with: the client tests' world (dev server, sandbox, real worker) on its
// own task queue, the sandbox customers it names, and the CLI's environment pointed at that world.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startClientWorld, type ClientWorld } from '../client/world';
import { cliEnv } from './run-cli';

export interface CliWorld {
  world: ClientWorld;
  env: TestWorkflowEnvironment;
  cli: NodeJS.ProcessEnv;
}

export async function startCliWorld(taskQueue: string, customers: string[] = []): Promise<CliWorld> {
  const world = await startClientWorld(taskQueue);
  for (const customer of customers) await world.customer(customer);
  const cli = cliEnv({ TEMPORAL_ADDRESS: world.env.address, TEMPORAL_TASK_QUEUE: taskQueue });
  return { world, env: world.env, cli };
}
