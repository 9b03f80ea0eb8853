// Step 7 without webhooks: the services a customer has, and their status.
import { formatMbps } from '../../domain/speed';
import type { ApiRoute } from '../api-route';
import { pageOf, readPaging } from '../paging';
import type { ServiceRecord } from '../records';
import { gatewayError, json, problem } from '../responses';
import type { SandboxStore } from '../store';

function serviceView(service: ServiceRecord) {
  return {
    serviceId: service.serviceId,
    status: service.status,
    serviceType: 'Internet',
    externalId: service.externalId,
    orderId: service.orderId,
    product: {
      status: service.status,
      productCharacteristic: [
        { name: 'Bandwidth', value: formatMbps(service.mbps) },
        { name: 'UNI Service ID', value: service.uniServiceId },
        { name: 'Customer Service Name', value: service.customerServiceName },
        { name: 'IPV4 Block Size', value: service.ipv4BlockSize },
      ],
    },
    billingAccount: service.billingAccount,
    // Lumen spells this one with a lower-case "id".
    location: { masterSiteid: service.masterSiteId },
    locationProfile: { dataCenter: true, relatedParty: { id: service.partnerId } },
  };
}

/** Services created by, or changed by, an order with this externalId. */
function touchedBy(store: SandboxStore, service: ServiceRecord, externalId: string): boolean {
  return service.orderIds.some((orderId) => store.orders.get(orderId)?.externalId === externalId);
}

export const inventoryRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/ProductInventory/v1/inventory',
    access: 'customer',
    handle(request, { store }) {
      const serviceType = request.query.get('serviceType');
      // Lumen answers an unknown serviceType (e.g. "Internet On-Demand") with a bare 500.
      if (serviceType !== null && !/^(internet|port)$/i.test(serviceType)) {
        return gatewayError(500, 'Internal Server Error');
      }
      const { paging, errors } = readPaging(request.query);
      if (errors.length) return problem(400, request.path, errors);
      const serviceId = request.query.get('serviceId');
      const externalId = request.query.get('externalId');
      // Inventory may lag behind an accepted order: a new service is invisible for a while.
      const visibleSince = store.clock.now() - store.settings.inventoryLagMs;
      const services = [...store.services.values()].filter(
        (service) =>
          service.customerNumber === request.customerNumber &&
          Date.parse(service.createdAt) <= visibleSince &&
          serviceType?.toLowerCase() !== 'port' &&
          (!serviceId || service.serviceId === serviceId) &&
          (!externalId || store.settings.inventoryIgnoresExternalId || touchedBy(store, service, externalId)),
      );
      return json(200, {
        serviceInventory: pageOf(services, paging).map(serviceView),
        pageNumber: paging.pageNumber,
        pageSize: paging.pageSize,
        totalRecords: services.length,
      });
    },
  },
];
