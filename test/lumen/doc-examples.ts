// Lumen's documented example bodies, copied from the public page, for the stub to answer with.
import type { NewOrder } from '../../lumen/api';

export const CUSTOMER = '1-ABCDE';

export const providersExample = {
  pagination: [{ pageNumber: 1, pageSize: 1, totalRecords: 2 }],
  listPartners: [
    {
      id: '43558',
      name: 'Equinix',
      datacenterFabricUrl: 'https://ecxfabric.equinix.com/',
      partnerType: 'CLOUD_PARTNER',
    },
    {
      id: '362232',
      name: 'Digital Realty',
      datacenterFabricUrl: 'https://www.digitalrealty.com/platform-digital/connectivity/service-fabric/connect',
      partnerType: 'CLOUD_PARTNER',
    },
  ],
};

export const locationsExample = {
  pagination: [{ pageNumber: 1, pageSize: 10, totalRecords: 1 }],
  location: [
    {
      masterSiteId: 'PL0001247634',
      streetAddress: '100 CenturyLink Dr',
      city: 'Monroe',
      stateOrProvince: 'LA',
      locality: 'string',
      country: 'US',
      postCode: '71203',
      postCodeExtension: '2041',
    },
  ],
  networkStatus: 'ON_NET',
  naasEnabled: true,
  partner: 'Equinix Ethernet Exchange - Silicon Valley IBX',
  market: 'WASHINGTON DC',
  productFamily: {
    productFamily: 'Internet On-Demand',
    accessCapabilities: [
      { accessCapability: [{ speed: '1000 mbps', displayValue: '1 gbps', circuitType: 'Hosted-NNI Internet' }] },
    ],
  },
};

export const priceListExample = {
  location: [{ masterSiteId: 'PL0001247634', city: 'Monroe' }],
  pricePerSpeed: [{ speed: '100 Mbps', price: '$0.46', term: 'Hourly Rate', displayValue: '100 Mbps' }],
};

/** The priceRequest body printed on Lumen's page, field for field. */
export const priceRequestExample = {
  sourceSystem: 'NaaS ExternalAPI',
  customerPriceRequestDescription: 'NaaS Price Request',
  customerPurchaseOrderNumber: 'PO-12345',
  customerNumber: '1-ABCDE',
  currencyCode: 'USD',
  masterSiteId: 'PL0001247634',
  productCode: '718',
  partnerId: '43558',
  productName: 'Internet On-Demand',
  speed: '100 Mbps',
};

export const quoteExample = {
  id: 'NaaS-1466',
  priceRequest: {
    sourceSystem: 'NaaS ExternalAPI',
    customerPriceRequestDescription: 'NaaS Price Request',
    customerPurchaseOrderNumber: 'PO-12345',
    customerNumber: '1-ABCDE',
    currencyCode: 'USD',
    masterSiteId: 'PL0001247634',
    productCode: '718',
    productName: 'Internet On-Demand',
    speed: '100 Mbps',
    partnerId: '43558',
  },
  price: [
    { speed: '100 Mbps', price: '$0.46', term: 'Hourly Rate' },
    { speed: '100 Mbps', price: '$331.20000000000005', term: 'Monthly Rate' },
  ],
};

export const billingExample = {
  billingAccount: [
    {
      name: 'Company or account name',
      id: '5-RHQBGCGK',
      invoiceDisplayNumber: '5-RHQBGCGK',
      stringAddress: [{ streetAddress: '1025 ELDORADO BLVD.', city: 'BROOMFIELD', country: 'USA', postcode: '80021' }],
      currency: 'USD',
      countryCode: '100',
      hqCountry: 'US',
    },
  ],
  pageNumber: 1,
  pageSize: 10,
  resultCount: 1,
};

/** The request body printed on Lumen's page, field for field. */
export const orderRequestExample = {
  externalId: 'EXT-000027740',
  billingAccount: { id: '5-RHQBGCGK', name: 'Company or account name' },
  channel: [{ id: '99', name: 'NaaS ExternalAPI' }],
  note: [{ text: 'This is your reference note for tracking purposes.' }],
  productOrderItem: [
    {
      id: 'Customer internal order line ID.',
      quantity: 1,
      action: 'add',
      product: {
        productCharacteristic: [
          { name: 'Customer Service Name', valueType: 'String', value: 'My First NaaS' },
          { name: 'VLAN Assignment', valueType: 'String', value: 'Auto Assign' },
          { name: 'IPV4 Block Size', valueType: 'String', value: '/29' },
          { name: 'Routing Options', valueType: 'String', value: 'Static' },
        ],
        productSpecification: { id: '5001', name: 'NaaS Internet' },
      },
      productOffering: { id: '718', name: 'NaaS Internet' },
    },
  ],
  quote: [{ id: 'NaaS-7888', name: 'quoteId' }],
  relatedContactInformation: [
    {
      number: '+16157691234',
      emailAddress: 'first.lastname@domain.com',
      role: 'Order Contact',
      organization: 'Org Name',
      name: 'FirstName LastName',
      numberExtension: '',
    },
  ],
};

/** The same order in the client's words. */
export const newOrderExample: NewOrder = {
  externalId: 'EXT-000027740',
  orderItemId: 'Customer internal order line ID.',
  billingAccount: { id: '5-RHQBGCGK', name: 'Company or account name' },
  quoteId: 'NaaS-7888',
  customerServiceName: 'My First NaaS',
  ipv4BlockSize: '/29',
  contact: {
    name: 'FirstName LastName',
    email: 'first.lastname@domain.com',
    phone: '+16157691234',
    organization: 'Org Name',
    role: 'Order Contact',
  },
  note: 'This is your reference note for tracking purposes.',
};

export const orderResponseExample = {
  ...orderRequestExample,
  id: '1ec0b2a0-41e7-11ee-86e8-0b78fbf26f76',
};

export const inventoryExample = {
  serviceInventory: [
    {
      serviceId: '77133831778',
      status: 'Pending Activate',
      externalId: 'EXT-000027740',
      orderId: '1ec0b2a0-41e7-11ee-86e8-0b78fbf26f76',
      product: {
        status: 'Pending Activate',
        productCharacteristic: [
          { name: 'Bandwidth', value: '100 Mbps' },
          { name: 'UNI Service ID', value: 'UNI-1' },
          { name: 'Customer Service Name', value: 'My First NaaS' },
          { name: 'IPV4 Block Size', value: '/29' },
        ],
      },
      billingAccount: { id: '5-RHQBGCGK', name: 'Company or account name' },
      location: { masterSiteid: 'PL0001247634' },
      locationProfile: { dataCenter: true, relatedParty: { id: '43558' } },
    },
  ],
  pageNumber: 1,
  pageSize: 10,
  totalRecords: 1,
};
