// What the typed client costs over plain undici: requests per second of LumenClient.listSpeedOffers
// against raw `request` calls with the same token and headers, same endpoint, same concurrency, one run.
import { Agent, request } from 'undici';
import { LumenClient } from '../lumen/client';
import { createSandbox, DEFAULT_CONSUMER_KEY, DEFAULT_CONSUMER_SECRET } from '../sandbox/server';
import { median } from './statistics';
import { MONROE_SITE, SANDBOX_CUSTOMER } from '../sandbox/seed';

const IN_FLIGHT = 16;
const WARM_UP = 500;
const PER_ROUND = 2_000;
const ROUNDS = 5;
/** Stop early rather than run away on a slow machine. */
const TIME_BUDGET_MS = 60_000;

type Call = () => Promise<unknown>;

/** Runs `total` calls with `IN_FLIGHT` at a time; returns calls per second. */
async function rate(call: Call, total: number): Promise<number> {
  let started = 0;
  const begin = performance.now();
  const worker = async () => {
    while (started < total) {
      started += 1;
      await call();
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return total / ((performance.now() - begin) / 1000);
}

async function rawToken(origin: string, dispatcher: Agent): Promise<string> {
  const response = await request(`${origin}/oauth/v2/token`, {
    method: 'POST',
    dispatcher,
    headers: {
      authorization: `Basic ${Buffer.from(`${DEFAULT_CONSUMER_KEY}:${DEFAULT_CONSUMER_SECRET}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  const body = (await response.body.json()) as { access_token: string };
  return body.access_token;
}

export async function run(): Promise<void> {
  const sandbox = await createSandbox({ port: 0, host: '127.0.0.1' });
  const client = new LumenClient({
    baseUrl: sandbox.url,
    consumerKey: DEFAULT_CONSUMER_KEY,
    consumerSecret: DEFAULT_CONSUMER_SECRET,
    connections: IN_FLIGHT,
  });
  const dispatcher = new Agent({ connections: IN_FLIGHT });
  try {
    const token = await rawToken(sandbox.url, dispatcher);
    const url = `${sandbox.url}/Product/v1/price?masterSiteId=${MONROE_SITE}&productCode=718`;
    const headers = {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      'x-customer-number': SANDBOX_CUSTOMER,
    };
    const raw: Call = async () => {
      const response = await request(url, { dispatcher, headers });
      const body = (await response.body.json()) as { pricePerSpeed: unknown[] };
      if (response.statusCode !== 200 || body.pricePerSpeed.length === 0) throw new Error('raw call failed');
    };
    const typed: Call = () => client.listSpeedOffers(SANDBOX_CUSTOMER, MONROE_SITE);

    await rate(raw, WARM_UP);
    await rate(typed, WARM_UP);
    const rawRates: number[] = [];
    const clientRates: number[] = [];
    const deadline = Date.now() + TIME_BUDGET_MS;
    // Alternate the two so drift in machine load hits both alike.
    for (let round = 0; round < ROUNDS && Date.now() < deadline; round++) {
      rawRates.push(await rate(raw, PER_ROUND));
      clientRates.push(await rate(typed, PER_ROUND));
      await sandbox.admin.clearRequests(); // the sandbox logs every request; keep its memory flat
    }
    const rawRate = median(rawRates);
    const clientRate = median(clientRates);
    const lines = [
      `GET /Product/v1/price on a local sandbox, ${IN_FLIGHT} in flight, ${rawRates.length} rounds of ${PER_ROUND} (median)`,
      `  raw undici request:            ${rawRate.toFixed(0)} req/s`,
      `  LumenClient.listSpeedOffers:   ${clientRate.toFixed(0)} req/s`,
      `  ratio client/raw:              ${(clientRate / rawRate).toFixed(2)} (goal >= 0.90)`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await client.close();
    await dispatcher.close();
    await sandbox.close();
  }
}
