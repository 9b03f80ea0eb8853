// The OAuth 2.0 token endpoint, the one Lumen call without a bearer token.
import type { ApiRoute } from '../api-route';
import { issueToken } from '../auth';

export const oauthRoutes: ApiRoute[] = [
  {
    method: 'POST',
    path: '/oauth/v2/token',
    access: 'public',
    handle: (request, { store }) => issueToken(store, request.headers, request.rawBody),
  },
];
