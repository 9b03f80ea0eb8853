// OAuth 2.0 client credentials: one cached bearer token, refreshed ahead of expiry, fetched once however
// many callers ask at the same moment.
import { DEFAULT_TOKEN_LIFETIME_S, TOKEN_REFRESH_MARGIN_MS } from './assumptions';
import type { Clock, CredentialsObserver, LumenLogger } from './config';
import { ENDPOINTS } from './documented-values';
import { errorFromResponse } from './error-response';
import { LumenCredentialsRejected } from './errors';
import type { SecretRedactor } from './redaction';
import { readJson } from './response-reading';
import { tokenRequestSchema, tokenResponseSchema } from './schemas/token';
import { endpointOf, type LumenTransport, type OutgoingRequest } from './transport';

export interface TokenSourceOptions {
  transport: LumenTransport;
  consumerKey: string;
  consumerSecret: string;
  clock: Clock;
  logger: LumenLogger;
  redactor: SecretRedactor;
  credentials?: CredentialsObserver;
}

const REFRESH_RETRY_MS = 5_000;

interface CachedToken {
  token: string;
  refreshAt: number;
  expiresAt: number;
}

export class TokenSource {
  private current?: CachedToken;
  private inFlight?: Promise<string>;
  private readonly request: OutgoingRequest;

  constructor(private readonly options: TokenSourceOptions) {
    const basic = Buffer.from(`${options.consumerKey}:${options.consumerSecret}`).toString('base64');
    options.redactor.add(options.consumerSecret);
    options.redactor.add(basic);
    const body = new URLSearchParams(tokenRequestSchema.parse({ grant_type: 'client_credentials' })).toString();
    this.request = {
      method: 'POST',
      path: ENDPOINTS.token,
      headers: {
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body,
      // Asking twice for a token does no harm.
      idempotent: true,
    };
  }

  /** A bearer token valid for at least the refresh margin (or the last valid one, if a refresh fails). */
  token(): Promise<string> {
    const current = this.current;
    if (current && this.options.clock.now() < current.refreshAt) return Promise.resolve(current.token);
    this.inFlight ??= this.refresh(current).finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** Lumen refused this token (401): forget it unless another caller has already replaced it. */
  invalidate(token: string): void {
    if (this.current?.token === token) this.current = undefined;
  }

  private async refresh(previous: CachedToken | undefined): Promise<string> {
    try {
      const fresh = await this.fetchToken();
      this.current = fresh;
      return fresh.token;
    } catch (error) {
      // Refreshing early failed but the old token still works: keep using it and try again next call.
      const now = this.options.clock.now();
      if (previous && previous === this.current && now < previous.expiresAt) {
        // Try again soon, not on every call, while the old token lasts.
        previous.refreshAt = now + Math.min(REFRESH_RETRY_MS, (previous.expiresAt - now) / 2);
        this.options.logger.warn({ endpoint: endpointOf(this.request) }, 'token refresh failed; old token still valid');
        return previous.token;
      }
      throw error;
    }
  }

  private async fetchToken(): Promise<CachedToken> {
    const endpoint = endpointOf(this.request);
    const requestedAt = this.options.clock.now();
    const response = await this.options.transport.send(this.request);
    if (response.status < 200 || response.status >= 300) {
      const error = errorFromResponse(response, {
        endpoint,
        idempotent: true,
        isOrder: false,
        now: this.options.clock.now(),
        redact: (text) => this.options.redactor.redact(text),
      });
      if (response.status !== 401 && response.status !== 403) throw error;
      this.options.credentials?.rejected(response.status);
      throw new LumenCredentialsRejected(endpoint, response.status, error.lumenMessage);
    }
    const body = readJson(response.text, tokenResponseSchema, { endpoint, status: response.status, idempotent: true });
    this.options.redactor.add(body.access_token);
    this.options.credentials?.accepted();
    // Lifetime counts from when we asked, so clock skew and transit time only make us refresh earlier.
    const lifetimeMs = (body.expires_in ?? DEFAULT_TOKEN_LIFETIME_S) * 1000;
    const expiresAt = requestedAt + lifetimeMs;
    const refreshAt = expiresAt - Math.min(TOKEN_REFRESH_MARGIN_MS, lifetimeMs / 2);
    this.options.logger.debug({ endpoint, expiresInS: lifetimeMs / 1000 }, 'lumen token issued');
    return { token: body.access_token, refreshAt, expiresAt };
  }
}
