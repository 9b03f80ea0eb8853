// SandboxAdmin: a typed client for the sandbox's /_sandbox control surface, for tests and scripts.
import type { CatalogInput } from './catalog';
import type { Fault, FaultSpec } from './faults';
import type {
  LumenEvent,
  OrderRecord,
  Outcome,
  QuoteRecord,
  RequestLogEntry,
  ServiceRecord,
  ServiceStatus,
} from './records';
import type { ServiceSeed } from './service-seed';
import type { SettingsPatch, SettingsView } from './settings';
import type { DeliveryFilter, DeliveryRecord, DeliverySummary, WebhookConfig } from './webhook-sender';

export type { CatalogInput, DeliveryRecord, Fault, FaultSpec, LumenEvent, OrderRecord, Outcome, QuoteRecord };
export type { RequestLogEntry, ServiceRecord, ServiceSeed, ServiceStatus, SettingsPatch, SettingsView, WebhookConfig };
export type { DeliveryFilter, DeliverySummary };

export class SandboxAdminError extends Error {
  constructor(
    readonly status: number,
    readonly endpoint: string,
    message: string,
  ) {
    super(`${endpoint} failed (HTTP ${status}): ${message}`);
    this.name = 'SandboxAdminError';
  }
}

export class SandboxAdmin {
  private readonly baseUrl: string;

  /** @param baseUrl the sandbox's base URL, e.g. "http://127.0.0.1:8089" */
  constructor(baseUrl: string) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  /** Back to the seed: forgets orders, quotes, services, tokens, faults, outcomes, the webhook and the logs. */
  async reset(): Promise<void> {
    await this.call('POST', '/reset');
  }

  /** Adds or replaces partners, locations, customers and billing accounts. */
  async seed(catalog: CatalogInput): Promise<void> {
    await this.call('POST', '/seed', catalog);
  }

  async settings(): Promise<SettingsView> {
    return this.call('GET', '/settings');
  }

  /** Changes quote validity, token lifetime, the settle delay or the daily order and change limits from now on. */
  async updateSettings(patch: SettingsPatch): Promise<SettingsView> {
    return this.call('PATCH', '/settings', patch);
  }

  /** How long new orders stay pending before they settle (activation, change, disconnection). */
  async setActivationDelay(ms: number): Promise<void> {
    await this.updateSettings({ activationDelayMs: ms });
  }

  /** Registers where order events are POSTed, signed with `secret`: one `url`, or `urls` tried in turn (failover). */
  async setWebhook(config: WebhookConfig): Promise<void> {
    await this.call('PUT', '/webhook', config);
  }

  async clearWebhook(): Promise<void> {
    await this.call('DELETE', '/webhook');
  }

  /** Each delivery of each event: attempts, per-attempt results and outcome. */
  async webhookDeliveries(): Promise<DeliveryRecord[]> {
    return this.call('GET', '/webhook/deliveries');
  }

  /** Counts of the deliveries that match: cheap to poll while thousands are under way. */
  async webhookDeliverySummary(filter: DeliveryFilter = {}): Promise<DeliverySummary> {
    const query = new URLSearchParams();
    if (filter.externalIdPrefix !== undefined) query.set('externalIdPrefix', filter.externalIdPrefix);
    if (filter.state !== undefined) query.set('state', filter.state);
    return this.call('GET', `/webhook/deliveries/summary${query.size ? `?${query}` : ''}`);
  }

  /** Every order event the sandbox emitted, whether or not a webhook was registered. */
  async events(): Promise<LumenEvent[]> {
    return this.call('GET', '/events');
  }

  /** How the order with this externalId ends: active (default), failed with a reason, or never. */
  async setOutcome(externalId: string, outcome: Outcome): Promise<void> {
    await this.call('PUT', `/outcomes/${encodeURIComponent(externalId)}`, outcome);
  }

  async clearOutcomes(): Promise<void> {
    await this.call('DELETE', '/outcomes');
  }

  /** Arms a fault on one endpoint (method + path) for the next `times` requests (default 1). */
  async injectFault(fault: FaultSpec): Promise<Fault> {
    return this.call('POST', '/faults', fault);
  }

  /** Armed and spent faults, with how many hits each has left. */
  async faults(): Promise<Fault[]> {
    return this.call('GET', '/faults');
  }

  async clearFaults(): Promise<void> {
    await this.call('DELETE', '/faults');
  }

  /** Orders received, optionally only those with this externalId. */
  async orders(filter: { externalId?: string } = {}): Promise<OrderRecord[]> {
    const query = filter.externalId ? `?externalId=${encodeURIComponent(filter.externalId)}` : '';
    return this.call('GET', `/orders${query}`);
  }

  /** Settles every order in progress now (each as its outcome says), with its events; returns how many. */
  async settleOrders(): Promise<number> {
    return (await this.call<{ settled: number }>('POST', '/orders/settle')).settled;
  }

  async quotes(): Promise<QuoteRecord[]> {
    return this.call('GET', '/quotes');
  }

  /** Makes a quote expired now, so ordering it fails as an old quote would. */
  async expireQuote(quoteId: string): Promise<QuoteRecord> {
    return this.call('POST', `/quotes/${encodeURIComponent(quoteId)}/expire`);
  }

  /** How many access tokens were issued since the last reset. */
  async tokensIssued(): Promise<number> {
    const { issued } = await this.call<{ issued: number }>('GET', '/tokens');
    return issued;
  }

  /** Expires every issued token, so the next API call gets 401. */
  async expireTokens(): Promise<void> {
    await this.call('POST', '/tokens/expire');
  }

  /** Lumen API requests received (method, path, query, status; never the Authorization header). */
  async requests(): Promise<RequestLogEntry[]> {
    return this.call('GET', '/requests');
  }

  async clearRequests(): Promise<void> {
    await this.call('DELETE', '/requests');
  }

  async services(): Promise<ServiceRecord[]> {
    return this.call('GET', '/services');
  }

  /** Adds `count` Active services at a site for a customer, as if ordered long ago (no events); returns them. */
  async seedServices(seed: ServiceSeed): Promise<ServiceRecord[]> {
    return this.call('POST', '/services', seed);
  }

  /** Sets a service's inventory status by hand; a pending order on it settles without an event. */
  async forceServiceStatus(serviceId: string, status: ServiceStatus): Promise<ServiceRecord> {
    return this.call('PUT', `/services/${encodeURIComponent(serviceId)}/status`, { status });
  }

  /**
   * Changes a service's bandwidth as Lumen's portal would: an order this project did not place, through
   * Change Pending, announced by events unless `event` is false. Returns the order.
   */
  async changeServiceOutside(
    serviceId: string,
    change: { speed: string; event?: boolean; delayMs?: number },
  ): Promise<OrderRecord> {
    return this.call('POST', `/services/${encodeURIComponent(serviceId)}/change`, change);
  }

  /** Disconnects a service as Lumen's portal (or Lumen itself) would: through Disconnect Pending to Inactive. */
  async disconnectServiceOutside(
    serviceId: string,
    options: { event?: boolean; delayMs?: number } = {},
  ): Promise<OrderRecord> {
    return this.call('POST', `/services/${encodeURIComponent(serviceId)}/disconnect`, options);
  }

  /** Drops a service from inventory altogether, as Lumen does a while after it became Inactive. */
  async removeService(serviceId: string): Promise<void> {
    await this.call('DELETE', `/services/${encodeURIComponent(serviceId)}`);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const endpoint = `${method} /_sandbox${path}`;
    const response = await fetch(`${this.baseUrl}/_sandbox${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok) {
      const message = (parsed as { error?: string } | undefined)?.error ?? text;
      throw new SandboxAdminError(response.status, endpoint, message);
    }
    return parsed as T;
  }
}
