import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { JSON_SCHEMA_FILES } from '../../domain/json-schema';
import { parseProvisioningRequest } from '../../domain/request';
import { provisioningResultSchema } from '../../domain/status';
import { provisioningRequest } from '../env/requests';

const ROOT = path.join(__dirname, '..', '..');
const committed = (file: string) => readFileSync(path.join(ROOT, 'schema', file), 'utf8');
const example = JSON.parse(readFileSync(path.join(ROOT, 'examples', 'request.json'), 'utf8')) as unknown;

// A draft-07 validator in strict mode, as another language's validator would read the files.
const ajv = addFormats(new Ajv({ strict: true, allowUnionTypes: true, allErrors: true }));
const validateRequest = ajv.compile(JSON.parse(committed('provisioning-request.schema.json')));
const validateResult = ajv.compile(JSON.parse(committed('provisioning-result.schema.json')));

const fieldsOf = (errors: typeof validateRequest.errors) =>
  (errors ?? []).map((error) =>
    error.keyword === 'required' ? `${error.instancePath}/${String(error.params.missingProperty)}` : error.instancePath,
  );

const result = {
  requestId: 'EXT-000027740',
  status: 'ACTIVE',
  orderId: 'ORD-1',
  serviceId: 'SVC-1',
  partnerId: 'P-1',
  masterSiteId: 'PL0001247634',
  speed: '100 Mbps',
  quoteId: 'Q-1',
  hourlyPriceUsd: '0.46',
  monthlyPriceUsd: '331.20',
  billingAccountId: '5-RHQBGCGK',
  activatedAt: '2030-01-01T00:00:01.123Z',
  quotesRequested: 1,
};

test.each(Object.entries(JSON_SCHEMA_FILES))(
  'schema/%s is what the zod schemas generate (npm run schemas)',
  (file, generate) => {
    expect(committed(file)).toBe(`${JSON.stringify(generate(), null, 2)}\n`);
  },
);

test('the request schema accepts the example request and a minimal one without the defaulted fields', () => {
  expect(validateRequest(example)).toBe(true);
  const { site: _s, activationTimeout: _a, pollInterval: _p, ...minimal } = example as Record<string, unknown>;
  expect(validateRequest(minimal)).toBe(true);
});

test('it never refuses a request the workflow accepts: durations as numbers, local phone forms, a site by city', () => {
  const accepted = [
    provisioningRequest({ activationTimeout: 3_600_000, pollInterval: '90s' }),
    provisioningRequest({ site: { city: 'Monroe' }, partner: 'equinix', speed: '1 gbps' }),
    provisioningRequest({ contact: { ...provisioningRequest().contact, phone: '(615) 769-1234', role: 'Buyer' } }),
  ];
  for (const request of accepted) {
    expect(parseProvisioningRequest(request).ok).toBe(true);
    expect({ request, valid: validateRequest(request), errors: validateRequest.errors }).toMatchObject({ valid: true });
  }
});

test('it refuses missing fields, an unknown block size, a bad email and an empty site, naming each', () => {
  const { contact: _c, ...noContact } = provisioningRequest();
  expect(validateRequest(noContact)).toBe(false);
  expect(fieldsOf(validateRequest.errors)).toEqual(['/contact']);

  const bad = provisioningRequest({
    ipv4BlockSize: '/27' as '/29',
    site: {},
    contact: { ...provisioningRequest().contact, email: 'not-an-email' },
    maxMonthlyPriceUsd: -5,
  });
  expect(validateRequest(bad)).toBe(false);
  expect(new Set(fieldsOf(validateRequest.errors))).toEqual(
    new Set(['/site', '/ipv4BlockSize', '/contact/email', '/maxMonthlyPriceUsd']),
  );
});

test('the result schema accepts a result and fields added later, and refuses a malformed price or status', () => {
  expect(provisioningResultSchema.parse(result)).toEqual(result);
  expect(validateResult(result)).toBe(true);
  expect(validateResult({ ...result, serviceWorkflowId: 'iod-service-SVC-1' })).toBe(true);
  expect(validateResult({ ...result, monthlyPriceUsd: '331.2', status: 'FAILED' })).toBe(false);
  expect(new Set(fieldsOf(validateResult.errors))).toEqual(new Set(['/monthlyPriceUsd', '/status']));
});
