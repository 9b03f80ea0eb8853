// A price before ordering: runs quoteInternetOnDemand (steps 1–5 on the worker, which alone holds Lumen's
// credentials) and returns its quote; nothing is ordered.
import { type Client, WorkflowFailedError, WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { QUOTE_WORKFLOW_TYPE, quoteWorkflowIdFor } from '../domain/names';
import type { ProvisioningQuote } from '../domain/quote';
import { parseProvisioningRequest, type ProvisioningRequestInput } from '../domain/request';
import { taskQueueFrom } from './connection';
import { InvalidProvisioningRequestError, NoWorkerAnsweredError, QuoteFailedError } from './errors';
import { searchAttributeKey } from './search-attributes';

export interface QuoteOptions {
  /** Defaults to TEMPORAL_TASK_QUEUE or lumen-iod, the queue the worker polls. */
  taskQueue?: string;
  /** How long to wait for the price (default 2 minutes); the quote goes on, and asking again joins it. */
  timeoutMs?: number;
}

/**
 * Validates the request as startProvisioning does, then prices it: the quote, its expiry and the speeds
 * the site offers. Fails with QuoteFailedError (a ProvisioningFailedError) (PartnerNotFound, SpeedNotOffered…) as a
 * provisioning would. Asking again for the same request id while a quote runs waits for that one.
 */
export async function quoteProvisioning(
  client: Client,
  request: ProvisioningRequestInput,
  options: QuoteOptions = {},
): Promise<ProvisioningQuote> {
  const parsed = parseProvisioningRequest(request);
  if (!parsed.ok) throw new InvalidProvisioningRequestError(parsed.problems);
  const { requestId, customerNumber, partner, speed } = parsed.request;
  const handle = await client.workflow.start<(request: ProvisioningRequestInput) => Promise<ProvisioningQuote>>(
    QUOTE_WORKFLOW_TYPE,
    {
      workflowId: quoteWorkflowIdFor(requestId),
      taskQueue: options.taskQueue ?? taskQueueFrom(process.env),
      args: [request],
      // A price is asked again freely; one still being worked out is joined rather than asked twice.
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      typedSearchAttributes: [{ key: searchAttributeKey.LumenCustomerNumber, value: customerNumber }],
      staticSummary: `Price of ${speed} via ${partner} for ${customerNumber}`,
    },
  );
  const timeoutMs = options.timeoutMs ?? 120_000;
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new NoWorkerAnsweredError(requestId, 'quote', timeoutMs)), timeoutMs);
  });
  try {
    return await Promise.race([handle.result(), gaveUp]);
  } catch (error) {
    if (error instanceof WorkflowFailedError && error.cause instanceof ApplicationFailure) {
      throw new QuoteFailedError(requestId, error.cause.type ?? 'Failed', error.cause.message);
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
