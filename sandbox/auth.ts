// OAuth 2.0 client credentials, bearer tokens and the x-customer-number header.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { gatewayError, json, type SandboxResponse } from './responses';
import type { SandboxStore } from './store';

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function basicCredentials(header: string | undefined): { key: string; secret: string } | undefined {
  const match = /^Basic\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { key: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/** POST /oauth/v2/token: Basic credentials and grant_type=client_credentials in a form body. */
export function issueToken(store: SandboxStore, headers: IncomingHttpHeaders, rawBody: string): SandboxResponse {
  const credentials = basicCredentials(headers.authorization);
  const { consumerKey, consumerSecret, tokenTtlSeconds } = store.settings;
  if (!credentials) return gatewayError(401, 'Basic authentication with the consumer key and secret is required');
  if (!sameText(credentials.key, consumerKey) || !sameText(credentials.secret, consumerSecret)) {
    return gatewayError(401, 'Invalid client credentials');
  }
  const grantType = new URLSearchParams(rawBody).get('grant_type');
  if (grantType !== 'client_credentials') {
    return gatewayError(
      400,
      `grant_type must be client_credentials, got ${grantType === null ? 'none' : `"${grantType}"`}`,
    );
  }
  const issuedAt = store.clock.now();
  const token = randomBytes(21).toString('base64url');
  store.tokens.set(token, { token, issuedAt, expiresAt: issuedAt + tokenTtlSeconds * 1000 });
  store.tokensIssued += 1;
  // Lumen sends issued_at and expires_in as strings.
  return json(200, {
    access_token: token,
    token_type: 'Bearer',
    issued_at: String(issuedAt),
    expires_in: String(tokenTtlSeconds),
    scope: '',
    status: 'approved',
  });
}

/** undefined when the request carries a live bearer token; otherwise the 401 to answer. */
export function checkBearer(store: SandboxStore, headers: IncomingHttpHeaders): SandboxResponse | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
  if (!match) return gatewayError(401, 'Missing bearer token in the Authorization header');
  const record = store.tokens.get(match[1]);
  if (!record) return gatewayError(401, 'Invalid access token');
  if (record.expiresAt <= store.clock.now()) return gatewayError(401, 'Access token expired');
  return undefined;
}

/** The customer number of a known customer, or the error to answer. */
export function checkCustomer(store: SandboxStore, headers: IncomingHttpHeaders): string | SandboxResponse {
  const header = headers['x-customer-number'];
  const customerNumber = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!customerNumber) return gatewayError(400, 'The x-customer-number header is required');
  if (!store.customers.has(customerNumber)) {
    return gatewayError(403, `Customer number ${customerNumber} is not entitled to this API`);
  }
  return customerNumber;
}
