import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { EMAIL, parseProvisioningRequest } from '../../domain/request';

const example = JSON.parse(readFileSync(path.join(__dirname, '../../examples/request.json'), 'utf8')) as Record<
  string,
  unknown
>;

test('the example request is valid, and defaults and normal forms are applied', () => {
  const { site: _site, activationTimeout: _a, pollInterval: _p, ...minimal } = example;
  const parsed = parseProvisioningRequest({
    ...minimal,
    contact: { ...(example.contact as object), phone: '(615) 769-1234' },
  });
  expect(parsed.ok).toBe(true);
  if (!parsed.ok) return;
  expect(parsed.request.activationTimeout).toBe(72 * 3_600_000);
  expect(parsed.request.pollInterval).toBe(5 * 60_000);
  expect(parsed.request.contact.phone).toBe('+16157691234');
  expect(parsed.request.contact.role).toBe('Order Contact');
  expect(parsed.request.site).toBeUndefined();
});

test('every bad field is named, with what is wrong with it', () => {
  const parsed = parseProvisioningRequest({
    ...example,
    requestId: 'THIS-ID-IS-FAR-TOO-LONG-FOR-LUMEN',
    partner: '',
    site: {},
    speed: 'as fast as possible',
    ipv4BlockSize: '/27',
    contact: { name: 'Cher', email: 'not-an-email', phone: '+44 20 7946 0958', organization: 'Org' },
    maxMonthlyPriceUsd: -5,
    activationTimeout: 'forever',
  });
  expect(parsed.ok).toBe(false);
  if (parsed.ok) return;
  const fields = parsed.problems.map((problem) => problem.split(':')[0]);
  expect(fields).toEqual([
    'requestId',
    'partner',
    'site',
    'speed',
    'ipv4BlockSize',
    'contact.name',
    'contact.email',
    'contact.phone',
    'maxMonthlyPriceUsd',
    'activationTimeout',
  ]);
  expect(parsed.message).toMatch(/^Invalid provisioning request: requestId: must be 1–20/);
  expect(parsed.problems).toContain('ipv4BlockSize: must be one of /28, /29, /30');
});

test('missing required fields and a request that is not an object are refused', () => {
  const missing = parseProvisioningRequest({ requestId: 'R1' });
  expect(missing.ok).toBe(false);
  if (!missing.ok) {
    for (const field of ['customerNumber', 'partner', 'speed', 'ipv4BlockSize', 'customerServiceName', 'contact']) {
      expect(missing.problems.some((problem) => problem.startsWith(`${field}:`))).toBe(true);
    }
  }
  expect(parseProvisioningRequest('{"requestId":"R1"}').ok).toBe(false);
  expect(parseProvisioningRequest(null).ok).toBe(false);
});

test("contact emails are checked with zod's own email pattern, held by the domain rather than zod", () => {
  expect(EMAIL.source).toBe(z.regexes.email.source);
  expect(EMAIL.flags).toBe(z.regexes.email.flags);
  expect(EMAIL).not.toBe(z.regexes.email);
});
