// Every rule the client follows that Lumen has not published: this project's own assumptions,
// modelled on TM Forum APIs (TMF622 ordering, TMF637 inventory), which Lumen's payloads follow.
// When the real API says otherwise, change it here and nowhere else. Pure: safe to import anywhere.

// ---- Paging ----------------------------------------------------------------------------------------

/** Query parameter names for paged lists (named as on inventory, where they were seen). */
export const PAGE_NUMBER_PARAM = 'pageNumber';
export const PAGE_SIZE_PARAM = 'pageSize';
/** Pages are numbered from 1, as every example shows. */
export const FIRST_PAGE = 1;
/** Page size the client asks for; the server may return fewer per page. */
export const REQUESTED_PAGE_SIZE = 100;
/** Stop following a list that has not ended after this many pages (1021 sites at 10 a page is 103). */
export const MAX_PAGES = 250;
/** Billing accounts' top-level `resultCount` is the number of records across all pages, like `totalRecords`. */
export const RESULT_COUNT_IS_TOTAL = true;

// ---- Ordering --------------------------------------------------------------------------------------

/** Lumen refuses a quote this long after issuing it (documented: 15 minutes). */
export const QUOTE_VALIDITY_MS = 15 * 60_000;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const ORDER_WORD_ID = /\border(?:\s+id)?(?:\s*[:#]\s*|\s+)((?=[A-Za-z_-]*\d)[A-Za-z0-9][A-Za-z0-9_-]{3,})/i;

/** A 409 on orderRequest about a quote means it was already ordered; the holder is in `existingOrderId`, else named in the message. */
export function existingOrderIdFrom(field: unknown, message: string): string | undefined {
  if (typeof field === 'string' && field.trim() !== '') return field.trim();
  // Another 409 (a change while an order on the service is in flight) names an order that is not ours.
  if (!/\bquote\b/i.test(message)) return undefined;
  return UUID.exec(message)?.[0] ?? ORDER_WORD_ID.exec(message)?.[1];
}

/** An unknown or expired quote is a 400 whose message mentions "quote" and "expired" or "not found". */
export function isUnusableQuoteMessage(message: string): boolean {
  const text = message.toLowerCase();
  return text.includes('quote') && (text.includes('expired') || text.includes('not found'));
}

/** Order-item actions (TMF622 words): add is documented; modify was seen; delete is assumed. */
export const ORDER_ACTION = { add: 'add', modify: 'modify', delete: 'delete' } as const;

export interface ServiceOrderShape {
  action: 'modify' | 'delete';
  /** productOrderItem.id is the service id (else the caller's order-line id); product.id is always the service id. */
  itemIdIsServiceId: boolean;
  /** The order names a fresh quote. */
  sendsQuote: boolean;
}

/** Modify (seen): item id and product.id = service id, empty productCharacteristic, the new quote. */
export const MODIFY_ORDER_SHAPE: ServiceOrderShape = { action: 'modify', itemIdIsServiceId: true, sendsQuote: true };
/** Delete (assumed): product.id = service id, the caller's order-line id, empty productCharacteristic, no quote. */
export const DELETE_ORDER_SHAPE: ServiceOrderShape = { action: 'delete', itemIdIsServiceId: false, sendsQuote: false };

// ---- Inventory -------------------------------------------------------------------------------------

/** Inventory accepts `externalId` and returns the services created (or changed) by the order with that externalId. */
export const INVENTORY_EXTERNAL_ID_PARAM = 'externalId';

/** Lumen's service status words (Control Center vocabulary plus "Change Pending"), kept as Lumen writes them. */
export const SERVICE_STATUS = {
  pendingActivate: 'Pending Activate',
  active: 'Active',
  connectionUnsuccessful: 'Connection Unsuccessful',
  changePending: 'Change Pending',
  disconnectPending: 'Disconnect Pending',
  inactive: 'Inactive',
  disconnectionUnsuccessful: 'Disconnection Unsuccessful',
} as const;

/** Statuses compare case- and spacing-insensitively ("ACTIVE", "pending  activate"). */
export function sameStatus(a: string | undefined, b: string): boolean {
  return a !== undefined && normalise(a) === normalise(b);
}

function normalise(status: string): string {
  return status.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Success for an add or a modify. */
export function isActiveStatus(status: string | undefined): boolean {
  return sameStatus(status, SERVICE_STATUS.active);
}

/** Terminal failure of an add. */
export function isFailedActivationStatus(status: string | undefined): boolean {
  return sameStatus(status, SERVICE_STATUS.connectionUnsuccessful);
}

/** Success for a delete. */
export function isDisconnectedStatus(status: string | undefined): boolean {
  return sameStatus(status, SERVICE_STATUS.inactive);
}

/** Terminal failure of a delete. */
export function isFailedDisconnectionStatus(status: string | undefined): boolean {
  return sameStatus(status, SERVICE_STATUS.disconnectionUnsuccessful);
}

/** An order on the service is still being worked on: keep waiting. */
export function isPendingStatus(status: string | undefined): boolean {
  return (
    sameStatus(status, SERVICE_STATUS.pendingActivate) ||
    sameStatus(status, SERVICE_STATUS.changePending) ||
    sameStatus(status, SERVICE_STATUS.disconnectPending)
  );
}

/** No further change will come without a new order. */
export function isTerminalStatus(status: string | undefined): boolean {
  return (
    isActiveStatus(status) ||
    isFailedActivationStatus(status) ||
    isDisconnectedStatus(status) ||
    isFailedDisconnectionStatus(status)
  );
}

// ---- Authentication --------------------------------------------------------------------------------

/** Fetch a new token this long before the old one expires (capped at half its lifetime). */
export const TOKEN_REFRESH_MARGIN_MS = 60_000;
/** Lifetime assumed when the token response gives no `expires_in`. */
export const DEFAULT_TOKEN_LIFETIME_S = 300;

// ---- billing ----------------------------------------------------------------------------------------

// Lumen bills each hour at the speed the service had; whether a partial hour is rounded up is not
// published. The running account (domain/spend.ts) charges pro rata by the second and rounds nothing, so
// if Lumen rounds up it may fall short of the bill by up to one hour's price per speed change.
