// A price before ordering: what quoteInternetOnDemand returns. Pure: imported by workflow code and clients.

export interface ProvisioningQuote {
  requestId: string;
  partnerId: string;
  masterSiteId: string;
  /** The site's name and address, as Lumen lists it. */
  site: string;
  /** "100 Mbps" */
  speed: string;
  quoteId: string;
  /** ISO time after which Lumen no longer honours the quote. */
  expiresAt: string;
  /** Decimal strings with two decimals: "0.46", "331.20". */
  hourlyUsd: string;
  monthlyUsd: string;
  billingAccountId: string;
  /** Every speed the site offers, slowest first. */
  offeredSpeeds: string[];
}
