// The sandbox's built-in data: richer than Lumen's page example so paging, ineligible sites, speeds
// written several ways and a first billing account outside the US all show up.
import type { CatalogInput, SiteInput } from './catalog';

export const EQUINIX_ID = '43558';
export const DIGITAL_REALTY_ID = '362232';
export const COLOGIX_ID = '580411';
export const CORESITE_ID = '703021';
export const SANDBOX_CUSTOMER = '1-SANDBOX';
export const NON_US_CUSTOMER = '1-NONUS';
/** The site of Lumen's own example: NaaS-enabled, on-net, 100 Mbps at $0.46 an hour. */
export const MONROE_SITE = 'PL0001247634';

/** Hourly list prices in USD by megabits; monthly is hourly × 24 × 30 (= × 720), float noise included. */
const HOURLY_USD: Record<number, number> = {
  50: 0.29,
  100: 0.46,
  200: 0.69,
  500: 1.15,
  1000: 1.84,
  2000: 2.99,
  5000: 5.52,
  10000: 9.2,
};

/** What a site advertises and what its price list actually offers (not always the same). */
const OFFERS = {
  entry: { advertised: [50, 100, 200], priced: [50, 100, 200] },
  standard: { advertised: [50, 100, 200, 500, 1000], priced: [50, 100, 200, 500, 1000] },
  doc: { advertised: [50, 100, 200, 500, 1000, 2000], priced: [50, 100, 200, 500, 1000, 2000] },
  full: {
    advertised: [50, 100, 200, 500, 1000, 2000, 5000, 10000],
    priced: [50, 100, 200, 500, 1000, 2000, 5000, 10000],
  },
  advertisesMore: { advertised: [100, 1000, 10000], priced: [100, 200, 500, 1000] },
} as const;
type Offer = keyof typeof OFFERS;

/** How a site's price list writes speeds: "1000 Mbps", "1000 mbps", "1 Gbps" or "1 gbps". */
type SpeedStyle = 'Mbps' | 'mbps' | 'Gbps' | 'gbps';

function speedText(mbps: number, style: SpeedStyle): string {
  const lowerCase = style === 'mbps' || style === 'gbps';
  if ((style === 'Gbps' || style === 'gbps') && mbps >= 1000) return `${mbps / 1000} ${style}`;
  return `${mbps} ${lowerCase ? 'mbps' : 'Mbps'}`;
}

type SiteRow = [
  masterSiteId: string,
  street: string,
  city: string,
  state: string,
  postCode: string,
  market: string,
  networkStatus: 'ON_NET' | 'OFF_NET',
  naasEnabled: boolean,
  offer: Offer,
  style: SpeedStyle,
];

function site(partnerId: string, facility: (city: string) => string, row: SiteRow): SiteInput {
  const [
    masterSiteId,
    streetAddress,
    city,
    stateOrProvince,
    postCode,
    market,
    networkStatus,
    naasEnabled,
    offer,
    style,
  ] = row;
  const { advertised, priced } = OFFERS[offer];
  return {
    masterSiteId,
    partnerId,
    streetAddress,
    city,
    stateOrProvince,
    postCode,
    locality: city,
    market,
    networkStatus,
    naasEnabled,
    partner: facility(city),
    accessSpeeds: advertised.map((mbps) => ({
      speed: speedText(mbps, 'mbps'),
      displayValue: speedText(mbps, 'gbps'),
      circuitType: 'Hosted-NNI Internet',
    })),
    prices: priced.map((mbps) => ({
      speed: speedText(mbps, style),
      displayValue: speedText(mbps, 'Gbps'),
      hourlyUsd: HOURLY_USD[mbps],
    })),
  };
}

// 27 Equinix sites: three pages of ten. The first two are ineligible; 5 and 10 Gbps live on pages 2 and 3.
// prettier-ignore
const EQUINIX_SITES: SiteRow[] = [
  ['PL0000104417', '21715 Filigree Ct', 'Ashburn', 'VA', '20147', 'WASHINGTON DC', 'OFF_NET', true, 'standard', 'Mbps'],
  ['PL0000117250', '350 E Cermak Rd', 'Chicago', 'IL', '60616', 'CHICAGO', 'ON_NET', false, 'standard', 'Mbps'],
  [MONROE_SITE, '100 CenturyLink Dr', 'Monroe', 'LA', '71203', 'WASHINGTON DC', 'ON_NET', true, 'doc', 'Mbps'],
  ['PL0000120311', '11 Great Oaks Blvd', 'San Jose', 'CA', '95119', 'SAN FRANCISCO', 'ON_NET', true, 'standard', 'gbps'],
  ['PL0000130422', '1950 N Stemmons Fwy', 'Dallas', 'TX', '75207', 'DALLAS', 'ON_NET', true, 'standard', 'Gbps'],
  ['PL0000141875', '8 Campus Dr', 'Parsippany', 'NJ', '07054', 'NEW YORK', 'ON_NET', true, 'entry', 'Mbps'],
  ['PL0000152230', '600 W 7th St', 'Los Angeles', 'CA', '90017', 'LOS ANGELES', 'OFF_NET', false, 'standard', 'Mbps'],
  ['PL0000163391', '180 Peachtree St NW', 'Atlanta', 'GA', '30303', 'ATLANTA', 'ON_NET', true, 'standard', 'mbps'],
  ['PL0000174406', '1500 Champa St', 'Denver', 'CO', '80202', 'DENVER', 'ON_NET', true, 'advertisesMore', 'Mbps'],
  ['PL0000185517', '50 NE 9th St', 'Miami', 'FL', '33132', 'MIAMI', 'ON_NET', true, 'entry', 'Mbps'],
  ['PL0000196628', '2020 5th Ave', 'Seattle', 'WA', '98121', 'SEATTLE', 'ON_NET', true, 'standard', 'Gbps'],
  ['PL0000207739', '41 Inner Belt Rd', 'Somerville', 'MA', '02143', 'BOSTON', 'ON_NET', true, 'entry', 'mbps'],
  ['PL0000218840', '6477 W Wells Park Rd', 'Houston', 'TX', '77040', 'HOUSTON', 'ON_NET', true, 'full', 'Gbps'],
  ['PL0000229951', '2121 S Price Rd', 'Chandler', 'AZ', '85286', 'PHOENIX', 'OFF_NET', true, 'standard', 'Mbps'],
  ['PL0000231062', '18155 Technology Dr', 'Culpeper', 'VA', '22701', 'WASHINGTON DC', 'ON_NET', false, 'full', 'Mbps'],
  ['PL0000242173', '755 Secaucus Rd', 'Secaucus', 'NJ', '07094', 'NEW YORK', 'ON_NET', true, 'full', 'mbps'],
  ['PL0000253284', '11690 Sunrise Valley Dr', 'Reston', 'VA', '20191', 'WASHINGTON DC', 'ON_NET', true, 'standard', 'Mbps'],
  ['PL0000264395', '1905 Lunt Ave', 'Elk Grove Village', 'IL', '60007', 'CHICAGO', 'ON_NET', true, 'entry', 'Mbps'],
  ['PL0000275406', '2450 Mission College Blvd', 'Santa Clara', 'CA', '95054', 'SAN FRANCISCO', 'ON_NET', true, 'doc', 'gbps'],
  ['PL0000286517', '2401 Locust St', 'Philadelphia', 'PA', '19103', 'PHILADELPHIA', 'ON_NET', true, 'standard', 'Mbps'],
  ['PL0000297628', '511 11th Ave S', 'Minneapolis', 'MN', '55415', 'MINNEAPOLIS', 'ON_NET', true, 'entry', 'Mbps'],
  ['PL0000308739', '900 Walnut St', 'St. Louis', 'MO', '63102', 'ST LOUIS', 'OFF_NET', true, 'standard', 'Mbps'],
  ['PL0000319840', '1100 Main St', 'Kansas City', 'MO', '64105', 'KANSAS CITY', 'ON_NET', true, 'standard', 'Gbps'],
  ['PL0000321951', '572 Delong Ave', 'Salt Lake City', 'UT', '84104', 'SALT LAKE CITY', 'ON_NET', false, 'entry', 'Mbps'],
  ['PL0000332062', '1233 NW 12th Ave', 'Portland', 'OR', '97209', 'PORTLAND', 'ON_NET', true, 'full', 'Gbps'],
  ['PL0000343173', '1612 Cross Beam Dr', 'Charlotte', 'NC', '28217', 'CHARLOTTE', 'ON_NET', true, 'standard', 'mbps'],
  ['PL0000354284', '147 4th Ave N', 'Nashville', 'TN', '37219', 'NASHVILLE', 'ON_NET', true, 'full', 'Mbps'],
];

// prettier-ignore
const DIGITAL_REALTY_SITES: SiteRow[] = [
  ['PL0000410021', '2323 Bryan St', 'Dallas', 'TX', '75201', 'DALLAS', 'ON_NET', true, 'full', 'Gbps'],
  ['PL0000421132', '44470 Chilum Pl', 'Ashburn', 'VA', '20147', 'WASHINGTON DC', 'ON_NET', true, 'standard', 'Mbps'],
  ['PL0000432243', '600 S Federal St', 'Chicago', 'IL', '60605', 'CHICAGO', 'ON_NET', false, 'standard', 'Mbps'],
  ['PL0000443354', '120 E Van Buren St', 'Phoenix', 'AZ', '85004', 'PHOENIX', 'OFF_NET', true, 'entry', 'Mbps'],
];

// prettier-ignore
const COLOGIX_SITES: SiteRow[] = [
  ['PL0000510061', '555 Scherers Ct', 'Columbus', 'OH', '43085', 'COLUMBUS', 'ON_NET', true, 'standard', 'Mbps'],
  ['PL0000521172', '4800 Spring Park Rd', 'Jacksonville', 'FL', '32207', 'JACKSONVILLE', 'ON_NET', true, 'entry', 'mbps'],
];

export const SEED: CatalogInput = {
  partners: [
    { id: EQUINIX_ID, name: 'Equinix', datacenterFabricUrl: 'https://ecxfabric.equinix.com/' },
    {
      id: DIGITAL_REALTY_ID,
      name: 'Digital Realty',
      datacenterFabricUrl: 'https://www.digitalrealty.com/platform-digital/connectivity/service-fabric/connect',
    },
    { id: COLOGIX_ID, name: 'Cologix', datacenterFabricUrl: 'https://cologix.com/' },
    // A partner with no sites at all.
    { id: CORESITE_ID, name: 'CoreSite', datacenterFabricUrl: 'https://www.coresite.com/' },
  ],
  locations: [
    ...EQUINIX_SITES.map((row) => site(EQUINIX_ID, (city) => `Equinix Ethernet Exchange - ${city} IBX`, row)),
    ...DIGITAL_REALTY_SITES.map((row) => site(DIGITAL_REALTY_ID, (city) => `Digital Realty - ${city}`, row)),
    ...COLOGIX_SITES.map((row) => site(COLOGIX_ID, (city) => `Cologix ${city}`, row)),
  ],
  customers: [
    {
      customerNumber: SANDBOX_CUSTOMER,
      name: 'Sandbox Networks',
      // The first accounts are headquartered outside the US: a flow must look for hqCountry, not take the first.
      billingAccounts: [
        {
          id: '5-CAHQ7QX2',
          name: 'Sandbox Networks Canada ULC',
          address: {
            streetAddress: '151 Front St W',
            city: 'TORONTO',
            stateOrProvince: 'ON',
            country: 'CAN',
            postcode: 'M5J 2N1',
          },
          hqCountry: 'CA',
        },
        {
          id: '5-GBHQ4LDN',
          name: 'Sandbox Networks UK Ltd',
          address: {
            streetAddress: '8 Buckingham Ave',
            city: 'SLOUGH',
            stateOrProvince: '',
            country: 'GBR',
            postcode: 'SL1 4AX',
          },
          hqCountry: 'GB',
        },
        {
          id: '5-RHQBGCGK',
          name: 'Company or account name',
          address: {
            streetAddress: '1025 ELDORADO BLVD.,  14C-511',
            city: 'BROOMFIELD',
            stateOrProvince: 'CO',
            country: 'USA',
            postcode: '80021',
          },
          hqCountry: 'US',
        },
        {
          id: '5-SBXLAB9Z',
          name: 'Sandbox Labs',
          address: {
            streetAddress: '100 CenturyLink Dr',
            city: 'MONROE',
            stateOrProvince: 'LA',
            country: 'USA',
            postcode: '71203',
          },
          hqCountry: 'US',
          entitled: false,
        },
      ],
    },
    {
      customerNumber: NON_US_CUSTOMER,
      name: 'Offshore Holdings',
      billingAccounts: [
        {
          id: '5-NLHQ0AMS',
          name: 'Offshore Holdings BV',
          address: { streetAddress: 'Science Park 610', city: 'AMSTERDAM', country: 'NLD', postcode: '1098 XH' },
          hqCountry: 'NL',
        },
        {
          id: '5-SGHQ0SIN',
          name: 'Offshore Holdings Pte Ltd',
          address: { streetAddress: '20 Ayer Rajah Cres', city: 'SINGAPORE', country: 'SGP', postcode: '139964' },
          hqCountry: 'SG',
        },
      ],
    },
  ],
};
