// Steps 1 and 2: partners (providers) and their data-center locations.
import type { ApiRoute } from '../api-route';
import type { Site } from '../catalog';
import { pageOf, readPaging } from '../paging';
import { json, problem } from '../responses';

/** The address part of a location, as the price list repeats it. */
export function siteAddress(site: Site) {
  return {
    masterSiteId: site.masterSiteId,
    streetAddress: site.streetAddress,
    city: site.city,
    stateOrProvince: site.stateOrProvince,
    locality: site.locality,
    country: site.country,
    postCode: site.postCode,
    postCodeExtension: site.postCodeExtension,
  };
}

// Lumen's example prints status, partner and product family beside the array; with several sites per
// page they can only be per element, so the sandbox puts them there.
function locationView(site: Site) {
  return {
    ...siteAddress(site),
    networkStatus: site.networkStatus,
    naasEnabled: site.naasEnabled,
    partner: site.partner,
    market: site.market,
    productFamily: {
      productFamily: 'Internet On-Demand',
      accessCapabilities: [{ accessCapability: site.accessSpeeds }],
    },
  };
}

export const networkRoutes: ApiRoute[] = [
  {
    method: 'GET',
    path: '/Network/v1/provider',
    access: 'customer',
    handle(request, { store }) {
      const { paging, errors } = readPaging(request.query);
      if (errors.length) return problem(400, request.path, errors);
      const partners = [...store.partners.values()];
      return json(200, {
        pagination: [{ ...paging, totalRecords: partners.length }],
        listPartners: pageOf(partners, paging),
      });
    },
  },
  {
    method: 'GET',
    path: '/Network/v1/location',
    access: 'customer',
    handle(request, { store }) {
      const partnerId = request.query.get('partnerId')?.trim();
      if (!partnerId) {
        return problem(400, request.path, [{ detail: 'partnerId query parameter is required', pointer: '/partnerId' }]);
      }
      const { paging, errors } = readPaging(request.query);
      if (errors.length) return problem(400, request.path, errors);
      const sites = store.sitesOfPartner(partnerId);
      return json(200, {
        pagination: [{ ...paging, totalRecords: sites.length }],
        location: pageOf(sites, paging).map(locationView),
      });
    },
  },
];
