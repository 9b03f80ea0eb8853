import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { startDevServer, type RunningDevServer } from '../../temporal-servers/dev-server';
import { freePort } from '../env/free-port';

let dir: string;
let server: RunningDevServer | undefined;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'dev-server-'));
});

afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function withClient<T>(address: string, work: (client: Client) => Promise<T>): Promise<T> {
  const connection = await Connection.connect({ address });
  try {
    return await work(new Client({ connection }));
  } finally {
    await connection.close();
  }
}

test('a workflow started on the npm start dev server is still there after the server restarts', async () => {
  const dbFile = path.join(dir, 'state.sqlite');
  const options = { port: await freePort(), uiPort: await freePort(), dbFile };
  server = await startDevServer(options);
  expect((await fetch(server.uiUrl)).status).toBe(200);

  await withClient(server.address, (client) =>
    client.workflow.start('noWorkerNeeded', { taskQueue: 'nobody-polls', workflowId: 'survives-restart', args: [] }),
  );
  await server.stop();

  server = await startDevServer(options);
  const description = await withClient(server.address, (client) =>
    client.workflow.getHandle('survives-restart').describe(),
  );
  expect(description.status.name).toBe('RUNNING');
  expect(description.type).toBe('noWorkerNeeded');
});

test('a dev server that cannot start says why', async () => {
  const busy = net.createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  const port = (busy.address() as net.AddressInfo).port;
  try {
    const options = { port, uiPort: await freePort(), dbFile: path.join(dir, 'busy.sqlite') };
    await expect(startDevServer(options)).rejects.toThrow(/the dev server exited with code \d+: .*\S/);
  } finally {
    busy.close();
  }
});
