// Services that already exist, made in one call (POST /_sandbox/services): many Active services for
// tests and benchmarks that need them without ordering each one. Each has its completed add order, as
// if it had been ordered long ago; no event is sent.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { speedToMbps } from '../domain/speed';
import type { OrderRecord, ServiceRecord } from './records';
import { uniServiceId } from './routes/ordering';
import type { SandboxStore } from './store';

export const MAX_SEEDED_SERVICES = 10_000;

export const serviceSeedSchema = z
  .object({
    customerNumber: z.string().min(1),
    masterSiteId: z.string().min(1),
    speed: z.string().refine((speed) => speedToMbps(speed) !== undefined, 'must be a speed such as "100 Mbps"'),
    count: z.number().int().min(1).max(MAX_SEEDED_SERVICES).default(1),
    customerServiceName: z.string().min(1).default('Seeded service'),
    ipv4BlockSize: z.enum(['/28', '/29', '/30']).default('/29'),
    /** The one service's id, instead of a new one (with count 1). */
    serviceId: z
      .string()
      .regex(/^\d{11}$/, 'must be 11 digits')
      .optional(),
  })
  .refine((seed) => seed.serviceId === undefined || seed.count === 1, {
    message: 'a serviceId names one service: count must be 1',
    path: ['serviceId'],
  });

export type ServiceSeed = z.input<typeof serviceSeedSchema>;

export class ServiceSeedError extends Error {}

/** Adds `count` Active services at the site, billed to the customer's first US account; returns them. */
export function seedServices(store: SandboxStore, input: unknown): ServiceRecord[] {
  const seed = serviceSeedSchema.parse(input);
  const site = store.sites.get(seed.masterSiteId);
  if (!site) throw new ServiceSeedError(`masterSiteId: no site ${seed.masterSiteId} in the catalog`);
  const account = store.customers
    .get(seed.customerNumber)
    ?.billingAccounts.find((candidate) => candidate.hqCountry === 'US');
  if (!account) {
    throw new ServiceSeedError(`customerNumber: ${seed.customerNumber} has no US billing account in the catalog`);
  }
  const now = new Date(store.clock.now()).toISOString();
  const mbps = speedToMbps(seed.speed) as number;
  const services: ServiceRecord[] = [];
  for (let i = 0; i < seed.count; i++) {
    const serviceId = seed.serviceId ?? store.newServiceId();
    if (store.services.has(serviceId)) throw new ServiceSeedError(`serviceId: ${serviceId} already exists`);
    const order: OrderRecord = {
      id: randomUUID(),
      externalId: `SEED-${serviceId}`,
      customerNumber: seed.customerNumber,
      action: 'add',
      state: 'completed',
      serviceId,
      billingAccountId: account.id,
      createdAt: now,
      request: { seeded: true },
    };
    const service: ServiceRecord = {
      serviceId,
      customerNumber: seed.customerNumber,
      status: 'Active',
      externalId: order.externalId,
      orderId: order.id,
      orderIds: [order.id],
      mbps,
      uniServiceId: uniServiceId(serviceId),
      customerServiceName: `${seed.customerServiceName} ${i + 1}`,
      ipv4BlockSize: seed.ipv4BlockSize,
      billingAccount: { id: account.id, name: account.name },
      masterSiteId: site.masterSiteId,
      partnerId: site.partnerId,
      createdAt: now,
    };
    store.orders.set(order.id, order);
    store.services.set(serviceId, service);
    services.push(service);
  }
  return services;
}
