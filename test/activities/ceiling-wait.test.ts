// An order activity waiting for its turn under the request ceiling: it heartbeats through the wait (the
// inventory check before the order included), and a request the ceiling held back fails as not sent, so
// the workflow sends again after the wait instead of reconciling an unknown outcome.
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { createActivities, type PlaceOrderInput } from '../../activities';
import type { InventoryService, LumenApi, PlacedOrder } from '../../lumen/api';
import { RequestWaitTooLong } from '../../lumen/rate-limiter';
import { transportFailure } from '../../lumen/transport-failure';

const ORDER_ENDPOINT = 'POST /Customer/v3/Ordering/orderRequest';

const input: PlaceOrderInput = {
  customerNumber: '1-SANDBOX',
  description: '100 Mbps at site PL0001247634',
  order: {
    externalId: 'REQ-CEILING-1',
    orderItemId: 'line-1',
    quoteId: 'NaaS-1466',
    billingAccount: { id: '5-RHQBGCGK', name: 'Company' },
    customerServiceName: 'Ceiling',
    ipv4BlockSize: '/29',
    contact: {
      name: 'First Last',
      email: 'first.last@example.com',
      phone: '+16157691234',
      organization: 'Org',
      role: 'Order Contact',
    },
  },
};

function activitiesWith(lumen: Partial<LumenApi>) {
  return createActivities({
    lumen: lumen as LumenApi,
    clock: { now: () => Date.now() },
    quoteValidityMs: 900_000,
    inventoryLagMs: 600_000,
    logger: { info: () => undefined, warn: () => undefined },
  });
}

// The activity's own failure is what the test reads: the SDK's line about it is noise here.
const quietly = () => new MockActivityEnvironment(undefined, { logger: new DefaultLogger('ERROR') });

/** What the activity rejected with (undefined if it resolved). */
const failureOf = (run: Promise<unknown>) =>
  run.then(
    () => undefined,
    (error: unknown) => error,
  );

afterEach(() => jest.useRealTimers());

it('heartbeats while the inventory check before an order waits for its turn', async () => {
  jest.useFakeTimers();
  let letThrough!: (services: InventoryService[]) => void;
  const { placeOrder } = activitiesWith({
    listInventory: () => new Promise((resolve) => (letThrough = resolve)),
    placeOrder: (): Promise<PlacedOrder> => Promise.resolve({ id: 'order-1', externalId: input.order.externalId }),
  });
  const env = quietly();
  let heartbeats = 0;
  env.on('heartbeat', () => heartbeats++);
  const result = env.run(placeOrder, input);
  await jest.advanceTimersByTimeAsync(6_500);
  expect(heartbeats).toBe(3);
  letThrough([]);
  await expect(result).resolves.toEqual({ orderId: 'order-1', adopted: false, evidence: 'accepted' });
});

it('fails an order the ceiling held back as Lumen unavailable, not sent, retried after the wait', async () => {
  const heldBack = transportFailure(new RequestWaitTooLong(34_000, 20_000, 10, 'LUMEN_MAX_REQUESTS_PER_SECOND'), {
    endpoint: ORDER_ENDPOINT,
    idempotent: false,
    sent: false,
    redact: (text) => text,
  });
  const { placeOrder } = activitiesWith({
    listInventory: () => Promise.resolve([]),
    placeOrder: () => Promise.reject(heldBack),
  });
  const failure = await failureOf(quietly().run(placeOrder, input));
  expect(failure).toBeInstanceOf(ApplicationFailure);
  expect(failure).toMatchObject({
    type: 'LumenUnavailable',
    nonRetryable: false,
    nextRetryDelay: 34_000,
    details: [{ retryAfterMs: 34_000 }],
  });
  expect((failure as Error).message).toContain('before the request was sent');
  expect((failure as Error).message).toContain('LUMEN_MAX_REQUESTS_PER_SECOND=10');
});

describe('inventory polls under the ceiling', () => {
  const ceilingRefusal = () =>
    transportFailure(new RequestWaitTooLong(2_400, 2_000, 10, 'LUMEN_MAX_REQUESTS_PER_SECOND'), {
      endpoint: 'GET /ProductInventory/v1/inventory',
      idempotent: true,
      sent: false,
      redact: (text) => text,
    });

  /** Activities over a Lumen whose inventory reads the ceiling always refuses; `asked` holds their options. */
  function refusedReads() {
    const asked: unknown[] = [];
    const activities = activitiesWith({
      listInventory: (_customer, _query, options) => {
        asked.push(options);
        return Promise.reject(ceilingRefusal());
      },
    });
    return { asked, ...activities };
  }

  it('read in the background, and one the ceiling skipped waits for its next interval as still pending', async () => {
    const { asked, checkOrderSettled } = refusedReads();
    const failure = await failureOf(
      quietly().run(checkOrderSettled, {
        customerNumber: '1-SANDBOX',
        externalId: 'REQ-POLL-1',
        until: 'active' as const,
      }),
    );
    expect(asked).toEqual([{ background: true }]);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    // No retry delay of its own: the activity's retry policy brings the poll back at its interval.
    expect(failure).toMatchObject({ type: 'OrderPending', nonRetryable: false, nextRetryDelay: undefined });
    expect((failure as Error).message).toMatch(/^Inventory poll 1 skipped: .*LUMEN_MAX_REQUESTS_PER_SECOND=10/);
  });

  it('leave the check before an order in the foreground, where a refusal is Lumen unavailable', async () => {
    const { asked, findOrderedService } = refusedReads();
    const failure = await failureOf(
      quietly().run(findOrderedService, { customerNumber: '1-SANDBOX', externalId: 'REQ-POLL-2' }),
    );
    expect(asked).toEqual([{ background: undefined }]);
    expect(failure).toMatchObject({ type: 'LumenUnavailable', nextRetryDelay: 2_400 });
  });
});
