// A digest of a request in its normal form (the zod-parsed request: defaults applied, text trimmed, keys in
// a stable order), so a retried start can tell the same request sent again from another one under its id.
import { createHash } from 'node:crypto';
import type { ProvisioningRequest } from '../domain/request';

/** The memo field a start records the digest under; read back through the client's data converter. */
export const REQUEST_DIGEST_MEMO = 'requestDigest';

function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).filter(([, field]) => field !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([key, field]) => [key, sortedKeys(field)]));
}

/** "sha256:<hex>" of the normalised request as JSON with sorted keys. */
export function requestDigest(request: ProvisioningRequest): string {
  return `sha256:${createHash('sha256')
    .update(JSON.stringify(sortedKeys(request)))
    .digest('hex')}`;
}
