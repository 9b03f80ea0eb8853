// Dispatches a Lumen API request: route, then token, then customer, then the endpoint itself.
import type { IncomingHttpHeaders } from 'node:http';
import type { ApiContext, ApiRoute } from './api-route';
import { checkBearer, checkCustomer } from './auth';
import { gatewayError, type SandboxResponse } from './responses';
import { accountRoutes } from './routes/account';
import { inventoryRoutes } from './routes/inventory';
import { networkRoutes } from './routes/network';
import { oauthRoutes } from './routes/oauth';
import { orderingRoutes } from './routes/ordering';
import { productRoutes } from './routes/product';

export const API_ROUTES: readonly ApiRoute[] = [
  ...oauthRoutes,
  ...networkRoutes,
  ...productRoutes,
  ...accountRoutes,
  ...orderingRoutes,
  ...inventoryRoutes,
];

export interface IncomingApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: string;
}

export function serveApi(incoming: IncomingApiRequest, context: ApiContext): SandboxResponse {
  const routes = API_ROUTES.filter((route) => route.path === incoming.path);
  if (!routes.length) return gatewayError(404, `No resource at ${incoming.path}`);
  const route = routes.find((r) => r.method === incoming.method);
  if (!route) {
    const allowed = routes.map((r) => r.method).join(', ');
    const response = gatewayError(405, `${incoming.method} is not supported on ${incoming.path}`);
    return { ...response, headers: { ...response.headers, allow: allowed } };
  }
  if (route.access === 'public') return route.handle({ ...incoming, customerNumber: '' }, context);
  const unauthorized = checkBearer(context.store, incoming.headers);
  if (unauthorized) return unauthorized;
  const customer = checkCustomer(context.store, incoming.headers);
  if (typeof customer !== 'string') return customer;
  return route.handle({ ...incoming, customerNumber: customer }, context);
}
