// Steps 3 and 4: a site's price list (qualify) and single-use quotes (priceRequest).
import { z } from 'zod';
import { speedToMbps } from '../../domain/speed';
import { parseJsonBody, type ApiRoute } from '../api-route';
import type { Site } from '../catalog';
import { gatewayError, json, problem, type FieldError } from '../responses';
import type { SandboxStore } from '../store';
import { siteAddress } from './network';

export const PRODUCT_CODE = '718';
// Lumen's monthly price is hourly × 24 × 30, computed in floating point.
const monthlyFromHourly = (hourly: number) => hourly * 24 * 30;

/** Lumen's price text: "$0.46"; monthly keeps the float noise of its computation, "$331.20000000000005". */
const usd = (amount: number) => `$${amount}`;

/** Sites that sell Internet On-Demand at all; others answer an empty price list. */
function sells(site: Site): boolean {
  return site.naasEnabled && site.networkStatus === 'ON_NET';
}

function priceFor(site: Site, mbps: number) {
  return site.prices.find((price) => speedToMbps(price.speed) === mbps);
}

/** A list price as served: scaled by the admin's priceScale (1 unless a demo asks otherwise). */
const hourlyOf = (store: SandboxStore, price: { hourlyUsd: number }) => price.hourlyUsd * store.settings.priceScale;

const priceRequestSchema = z
  .looseObject({
    sourceSystem: z.string(),
    customerPriceRequestDescription: z.string().optional(),
    customerPurchaseOrderNumber: z.string().optional(),
    customerNumber: z.string().min(1),
    currencyCode: z.string().min(1),
    masterSiteId: z.string().min(1).optional(),
    productCode: z.union([z.string(), z.number()]),
    partnerId: z.union([z.string().min(1), z.number()]).optional(),
    productName: z.string().optional(),
    speed: z.string().min(1),
    /** Set when pricing a bandwidth change of an existing service. */
    serviceId: z.string().min(1).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.serviceId !== undefined) return;
    for (const field of ['masterSiteId', 'partnerId'] as const) {
      if (body[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `${field} is required` });
    }
  });
type PriceRequest = z.output<typeof priceRequestSchema>;

/** The site being priced, or the field errors that stop the quote. */
function sitePriced(store: SandboxStore, customerNumber: string, body: PriceRequest): Site | FieldError[] {
  if (body.serviceId !== undefined) {
    const service = store.services.get(body.serviceId);
    if (!service || service.customerNumber !== customerNumber) {
      return [{ detail: `service ${body.serviceId} not found for customer ${customerNumber}`, pointer: '/serviceId' }];
    }
    if (service.status !== 'Active') {
      return [{ detail: `service ${body.serviceId} is ${service.status}, not Active`, pointer: '/serviceId' }];
    }
    const site = store.sites.get(service.masterSiteId);
    if (!site) return [{ detail: `the site of service ${body.serviceId} is gone`, pointer: '/serviceId' }];
    return site;
  }
  const site = store.sites.get(body.masterSiteId ?? '');
  if (!site) return [{ detail: `masterSiteId ${body.masterSiteId} not found`, pointer: '/masterSiteId' }];
  const errors: FieldError[] = [];
  if (site.partnerId !== String(body.partnerId)) {
    errors.push({
      detail: `site ${site.masterSiteId} is not a site of partner ${body.partnerId}`,
      pointer: '/partnerId',
    });
  }
  if (!sells(site)) {
    const why = site.naasEnabled ? 'off-net' : 'not NaaS-enabled';
    errors.push({ detail: `site ${site.masterSiteId} is ${why}`, pointer: '/masterSiteId' });
  }
  return errors.length ? errors : site;
}

export const productRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/Product/v1/price',
    access: 'customer',
    handle(request, { store }) {
      const masterSiteId = request.query.get('masterSiteId')?.trim();
      const productCode = request.query.get('productCode')?.trim();
      const errors: FieldError[] = [];
      if (!masterSiteId) errors.push({ detail: 'masterSiteId query parameter is required', pointer: '/masterSiteId' });
      if (productCode !== PRODUCT_CODE) {
        errors.push({
          detail: `productCode must be ${PRODUCT_CODE}, got "${productCode ?? ''}"`,
          pointer: '/productCode',
        });
      }
      if (errors.length) return problem(400, request.path, errors);
      const site = store.sites.get(masterSiteId ?? '');
      if (!site) return gatewayError(404, `masterSiteId ${masterSiteId} not found`);
      const prices = sells(site) ? site.prices : [];
      return json(200, {
        location: [siteAddress(site)],
        pricePerSpeed: prices.map((price) => ({
          speed: price.speed,
          price: usd(hourlyOf(store, price)),
          term: 'Hourly Rate',
          displayValue: price.displayValue ?? price.speed,
        })),
      });
    },
  },
  {
    method: 'POST',
    path: '/Product/v1/priceRequest',
    access: 'customer',
    handle(request, { store }) {
      const parsed = parseJsonBody(request, priceRequestSchema);
      if (!parsed.ok) return parsed.response;
      const body = parsed.value;
      const errors: FieldError[] = [];
      if (body.sourceSystem.toLowerCase() !== 'naas externalapi') {
        errors.push({ detail: 'sourceSystem must be "NaaS ExternalAPI"', pointer: '/sourceSystem' });
      }
      if (body.customerNumber !== request.customerNumber) {
        errors.push({ detail: 'customerNumber must match the x-customer-number header', pointer: '/customerNumber' });
      }
      if (body.currencyCode.toUpperCase() !== 'USD') {
        errors.push({
          detail: `USD is the only supported currency, got "${body.currencyCode}"`,
          pointer: '/currencyCode',
        });
      }
      if (String(body.productCode) !== PRODUCT_CODE) {
        errors.push({ detail: `productCode must be ${PRODUCT_CODE}`, pointer: '/productCode' });
      }
      const site = sitePriced(store, request.customerNumber, body);
      if (Array.isArray(site)) errors.push(...site);
      const mbps = speedToMbps(body.speed);
      if (mbps === undefined) errors.push({ detail: `"${body.speed}" is not a speed`, pointer: '/speed' });
      const price = !Array.isArray(site) && mbps !== undefined ? priceFor(site, mbps) : undefined;
      if (!Array.isArray(site) && mbps !== undefined && !price) {
        const offered = site.prices.map((p) => p.speed).join(', ') || 'none';
        errors.push({
          detail: `${body.speed} is not offered at ${site.masterSiteId} (offered: ${offered})`,
          pointer: '/speed',
        });
      }
      if (errors.length || Array.isArray(site) || !price || mbps === undefined)
        return problem(400, request.path, errors);

      const now = store.clock.now();
      const id = store.nextQuoteId();
      const hourlyPrice = usd(hourlyOf(store, price));
      const monthlyPrice = usd(monthlyFromHourly(hourlyOf(store, price)));
      store.quotes.set(id, {
        id,
        customerNumber: request.customerNumber,
        masterSiteId: site.masterSiteId,
        partnerId: site.partnerId,
        ...(body.serviceId !== undefined ? { serviceId: body.serviceId } : {}),
        speed: body.speed,
        mbps,
        hourlyPrice,
        monthlyPrice,
        createdAt: new Date(now).toISOString(),
        expiresAt: new Date(now + store.settings.quoteValidityMs).toISOString(),
      });
      return json(201, {
        id,
        priceRequest: body,
        price: [
          { speed: body.speed, price: hourlyPrice, term: 'Hourly Rate' },
          { speed: body.speed, price: monthlyPrice, term: 'Monthly Rate' },
        ],
      });
    },
  },
];
