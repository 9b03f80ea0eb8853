// Public names that backend systems, operators and scripts depend on. Pure: imported by workflow code.

export const WORKFLOW_TYPE = 'provisionInternetOnDemand';
export const DEFAULT_TASK_QUEUE = 'lumen-iod';
export const WORKFLOW_ID_PREFIX = 'iod-';

/** The workflow id is derived from the caller's request id, so a retried start cannot order twice. */
export function workflowIdFor(requestId: string): string {
  return `${WORKFLOW_ID_PREFIX}${requestId}`;
}

/** The inverse of workflowIdFor; undefined for ids this project did not make. */
export function requestIdOf(workflowId: string): string | undefined {
  return workflowId.startsWith(WORKFLOW_ID_PREFIX) ? workflowId.slice(WORKFLOW_ID_PREFIX.length) : undefined;
}

export const SIGNAL_LUMEN_NOTIFICATION = 'lumenNotification';
export const QUERY_STATUS = 'status';
export const UPDATE_APPROVE_PRICE = 'approvePrice';

/** Custom search attributes, all of type Keyword. */
export const SEARCH_ATTRIBUTES = [
  'LumenCustomerNumber',
  'LumenStep',
  'LumenOrderId',
  'LumenServiceId',
  'LumenMasterSiteId',
] as const;
export type SearchAttributeName = (typeof SEARCH_ATTRIBUTES)[number];

export const STEPS = [
  'FIND_PROVIDER',
  'BROWSE_LOCATIONS',
  'QUALIFY',
  'PRICE',
  'BILLING',
  'AWAIT_APPROVAL',
  'ORDER',
  'AWAIT_ACTIVATION',
  'ACTIVE',
  'FAILED',
  'CANCELLED',
] as const;
export type Step = (typeof STEPS)[number];

/** ApplicationFailure types a failed provisioning ends with. */
export const FAILURE_TYPES = [
  'InvalidRequest',
  'PartnerNotFound',
  'NoEligibleSite',
  'SpeedNotOffered',
  'NoUsBillingAccount',
  'PriceNotApproved',
  'OrderRejected',
  'ActivationFailed',
  'ActivationTimedOut',
  'DisconnectFailed',
  'ChangeFailed',
  'ServiceNotFound',
  'BudgetExceeded',
] as const;
export type FailureType = (typeof FAILURE_TYPES)[number];

/** The price of a request before it is ordered: steps 1–5, nothing ordered. */
export const QUOTE_WORKFLOW_TYPE = 'quoteInternetOnDemand';

/** iod-quote-<requestId>: beside, never instead of, the provisioning's iod-<requestId>. */
export function quoteWorkflowIdFor(requestId: string): string {
  return `${WORKFLOW_ID_PREFIX}quote-${requestId}`;
}
