// A stand-in for provisionInternetOnDemand with the same public surface (status query, approvePrice update,
// lumenNotification signal, search attributes, failure types) and predictable, fast timing, so the client
// and CLI tests do not depend on the real workflow or a Lumen sandbox.
//
// Script: steps follow each other at once (the history keeps them all); the quote is $331.20/month, so a maxMonthlyPriceUsd below that waits
// for approval; partner "Nowhere" fails with PartnerNotFound; activation completes on a lumenNotification
// signal, or by "polling" after the request's pollInterval; an ACTIVE service is handed to its own workflow,
// iod-service-<serviceId>, started as an abandoned child.
import {
  ApplicationFailure,
  condition,
  ParentClosePolicy,
  startChild,
  defineQuery,
  defineSignal,
  defineUpdate,
  isCancellation,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { QUERY_STATUS, SIGNAL_LUMEN_NOTIFICATION, UPDATE_APPROVE_PRICE, type Step } from '../../domain/names';
import type { LumenNotification } from '../../domain/notification';
import { parseProvisioningRequest } from '../../domain/request';
import { SERVICE_WORKFLOW_TYPE, serviceWorkflowIdFor, type ServiceInput } from '../../domain/service';
import type { ApprovePriceInput, ProvisioningResult, ProvisioningStatus } from '../../domain/status';

export const STAND_IN_MONTHLY_PRICE = '331.20';

const statusQuery = defineQuery<ProvisioningStatus>(QUERY_STATUS);
const approvePriceUpdate = defineUpdate<string, [ApprovePriceInput]>(UPDATE_APPROVE_PRICE);
const lumenNotificationSignal = defineSignal<[LumenNotification]>(SIGNAL_LUMEN_NOTIFICATION);

const key = (name: string) => defineSearchAttributeKey(name, SearchAttributeType.KEYWORD);

export async function provisionInternetOnDemand(input: unknown): Promise<ProvisioningResult> {
  const parsed = parseProvisioningRequest(input);
  if (!parsed.ok)
    throw ApplicationFailure.create({ type: 'InvalidRequest', message: parsed.message, nonRetryable: true });
  const request = parsed.request;
  const status: ProvisioningStatus = {
    step: 'FIND_PROVIDER',
    quote: null,
    orderId: null,
    serviceId: null,
    quotesRequested: 0,
    lastError: null,
    history: [],
  };
  let approval: boolean | undefined;
  let notification: LumenNotification | undefined;

  const enter = (step: Step, detail: string) => {
    status.step = step;
    status.history.push({ at: new Date().toISOString(), step, detail });
    upsertSearchAttributes([{ key: key('LumenStep'), value: step }]);
  };
  const fail = (type: string, message: string): never => {
    status.lastError = message;
    enter('FAILED', message);
    throw ApplicationFailure.create({ type, message, nonRetryable: true });
  };

  setHandler(statusQuery, () => status);
  setHandler(lumenNotificationSignal, (event) => void (notification ??= event));
  setHandler(
    approvePriceUpdate,
    (decision) => {
      approval = decision.approved;
      return decision.approved ? 'placing the order now' : 'ending without an order';
    },
    {
      validator: ({ quoteId }) => {
        if (status.step !== 'AWAIT_APPROVAL') throw new Error(`no quote is waiting for approval (step ${status.step})`);
        if (quoteId !== status.quote?.id)
          throw new Error(`quote ${quoteId} is not the one waiting (${status.quote?.id})`);
      },
    },
  );

  try {
    enter('FIND_PROVIDER', `looking up partner ${request.partner}`);
    if (request.partner === 'Nowhere') fail('PartnerNotFound', `no partner named "${request.partner}"`);
    const masterSiteId = request.site?.masterSiteId ?? 'PL0001247634';
    enter('BROWSE_LOCATIONS', `site ${masterSiteId}`);
    upsertSearchAttributes([{ key: key('LumenMasterSiteId'), value: masterSiteId }]);
    enter('QUALIFY', `${request.speed} offered at ${masterSiteId}`);
    status.quotesRequested += 1;
    const quoteId = `Q-${request.requestId}-${status.quotesRequested}`;
    status.quote = {
      id: quoteId,
      expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
      monthlyPriceUsd: STAND_IN_MONTHLY_PRICE,
    };
    enter('PRICE', `quote ${quoteId}: $${STAND_IN_MONTHLY_PRICE}/month`);
    enter('BILLING', `billing account ${request.billingAccountId ?? '5-RHQBGCGK'}`);
    if (request.maxMonthlyPriceUsd !== undefined && request.maxMonthlyPriceUsd < Number(STAND_IN_MONTHLY_PRICE)) {
      enter('AWAIT_APPROVAL', `$${STAND_IN_MONTHLY_PRICE}/month is above $${request.maxMonthlyPriceUsd}`);
      await condition(() => approval !== undefined);
      if (!approval) fail('PriceNotApproved', `quote ${quoteId} was not approved`);
    }
    const orderId = `ORD-${request.requestId}`;
    status.orderId = orderId;
    enter('ORDER', `order ${orderId} placed`);
    upsertSearchAttributes([{ key: key('LumenOrderId'), value: orderId }]);
    enter('AWAIT_ACTIVATION', 'waiting for Lumen to activate the service');
    await condition(() => notification !== undefined, request.pollInterval);
    const order = notification?.event.productOrder;
    if (order?.state === 'failed')
      fail('ActivationFailed', `Lumen failed the order: ${order.stateReason ?? 'no reason'}`);
    const serviceId = order?.serviceId ?? `SVC-${request.requestId}`;
    // As the real one: the service is known and ACTIVE together, then handed over to its own workflow.
    status.serviceId = serviceId;
    upsertSearchAttributes([{ key: key('LumenServiceId'), value: serviceId }]);
    enter('ACTIVE', `service ${serviceId} is active`);
    const serviceWorkflowId = serviceWorkflowIdFor(serviceId);
    const serviceInput: ServiceInput = {
      serviceId,
      customerNumber: request.customerNumber,
      requestId: request.requestId,
    };
    await startChild(SERVICE_WORKFLOW_TYPE, {
      workflowId: serviceWorkflowId,
      args: [serviceInput],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      typedSearchAttributes: [
        { key: key('LumenCustomerNumber'), value: request.customerNumber },
        { key: key('LumenServiceId'), value: serviceId },
      ],
    });
    status.serviceWorkflowId = serviceWorkflowId;
    return {
      requestId: request.requestId,
      status: 'ACTIVE',
      orderId,
      serviceId,
      partnerId: 'P-1',
      masterSiteId,
      speed: request.speed,
      quoteId,
      hourlyPriceUsd: '0.46',
      monthlyPriceUsd: STAND_IN_MONTHLY_PRICE,
      billingAccountId: request.billingAccountId ?? '5-RHQBGCGK',
      activatedAt: new Date().toISOString(),
      quotesRequested: status.quotesRequested,
      serviceWorkflowId,
    };
  } catch (error) {
    if (isCancellation(error)) {
      enter('CANCELLED', status.orderId ? `disconnected order ${status.orderId}` : 'nothing was ordered');
    }
    throw error;
  }
}
