// The service workflow's argument: what a provisioning hands over is checked like the rest, each problem
// naming its field, and a service cannot be handed over both active and still pending.
import { serviceInputSchema } from '../../domain/service-schemas';

const handedOver = {
  bandwidthMbps: 100,
  masterSiteId: 'PL0001247634',
  partnerId: '43558',
  billingAccount: { id: '5-RHQBGCGK', name: 'Org US' },
  inventoryLagMs: 0,
};

function problems(input: unknown): string[] {
  const parsed = serviceInputSchema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

test('a service handed over active keeps what the provisioning knew', () => {
  const parsed = serviceInputSchema.parse({ serviceId: '77133831778', customerNumber: '1-ABC', handedOver });
  expect(parsed.handedOver).toEqual(handedOver);
  expect(parsed.pendingOrder).toBeUndefined();
});

test('bad handed-over facts are refused, naming each field', () => {
  expect(
    problems({
      serviceId: '77133831778',
      customerNumber: '1-ABC',
      handedOver: { ...handedOver, bandwidthMbps: -5, masterSiteId: '', inventoryLagMs: -1 },
    }),
  ).toEqual([
    'handedOver.bandwidthMbps: must be a positive whole number of Mbps',
    'handedOver.masterSiteId: must not be empty',
    'handedOver.inventoryLagMs: must not be negative',
  ]);
});

test('a service is handed over either active or with its order still pending, not both', () => {
  expect(
    problems({
      serviceId: '77133831778',
      customerNumber: '1-ABC',
      handedOver,
      pendingOrder: { externalId: 'EXT-1' },
    }),
  ).toEqual([
    'handedOver: a service still pending activation cannot be handed over as active: give pendingOrder or handedOver, not both',
  ]);
});
