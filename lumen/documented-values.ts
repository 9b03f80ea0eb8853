// Constants Lumen's own page prescribes for Internet On-Demand ([DOC]); the client sends exactly these forms.

export const ENDPOINTS = {
  token: '/oauth/v2/token',
  providers: '/Network/v1/provider',
  locations: '/Network/v1/location',
  prices: '/Product/v1/price',
  priceRequest: '/Product/v1/priceRequest',
  billingAccounts: '/Account/v1/billingAccount',
  orderRequest: '/Customer/v3/Ordering/orderRequest',
  inventory: '/ProductInventory/v1/inventory',
} as const;

export const CUSTOMER_NUMBER_HEADER = 'x-customer-number';

export const PRODUCT_CODE = '718';
export const PRODUCT_NAME = 'Internet On-Demand';
export const SOURCE_SYSTEM = 'NaaS ExternalAPI';
export const CURRENCY_CODE = 'USD';
/** Lumen's code for the United States, the only supported country. */
export const COUNTRY_CODE = '100';
export const DEFAULT_PRICE_REQUEST_DESCRIPTION = 'NaaS Price Request';

export const CHANNEL = { id: '99', name: 'NaaS ExternalAPI' } as const;
export const PRODUCT_SPECIFICATION = { id: '5001', name: 'NaaS Internet' } as const;
/** The example body names the offering "NaaS Internet" (the property table says "NaaS Internet On-Demand"). */
export const PRODUCT_OFFERING = { id: '718', name: 'NaaS Internet' } as const;
export const QUOTE_NAME = 'quoteId';

export const CHARACTERISTIC = {
  customerServiceName: 'Customer Service Name',
  vlanAssignment: 'VLAN Assignment',
  ipv4BlockSize: 'IPV4 Block Size',
  routingOptions: 'Routing Options',
  bandwidth: 'Bandwidth',
} as const;

export const VLAN_AUTO_ASSIGN = 'Auto Assign' as const;
export const ROUTING_STATIC = 'Static';
export const CHARACTERISTIC_VALUE_TYPE = 'String' as const;

/** Price terms as the price list names them. */
export const TERM = { hourly: 'Hourly Rate', monthly: 'Monthly Rate' } as const;
