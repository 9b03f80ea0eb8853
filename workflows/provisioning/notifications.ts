// The provisioning's events for people: a price waiting for approval, a provisioning that failed, an
// activation that timed out. Each is this workflow's decision, with the order contact taken out of
// every text (Lumen may have quoted it in a refusal).
import { ApplicationFailure, TemporalFailure } from '@temporalio/workflow';
import { withoutContact } from '../../domain/contact-text';
import { formatDuration } from '../../domain/duration';
import { centsToDecimal } from '../../domain/money';
import { describeFailure } from '../shared/failures';
import { notify, type NotificationSwitch } from '../notifications/notify';
import type { ApprovalWait } from './price';
import type { Provisioning } from './state';

export async function announceApprovalNeeded(p: Provisioning, { quote, limitCents, deadline }: ApprovalWait) {
  const { requestId, customerNumber } = p.request;
  const monthly = centsToDecimal(quote.monthlyCents);
  const limit = centsToDecimal(limitCents);
  const command = `lumen-iod approve ${requestId} --quote ${quote.id}`;
  await notify(
    p.settings,
    {
      type: 'approval.required',
      key: quote.id,
      customerNumber,
      requestId,
      summary:
        `Provisioning ${requestId} (${p.description}) waits for approval: quote ${quote.id} costs ` +
        `$${monthly}/month, above the limit of $${limit}. Approve with \`${command}\` (or --reject) ` +
        `by ${new Date(deadline).toISOString()}`,
      details: {
        quoteId: quote.id,
        monthlyPriceUsd: monthly,
        hourlyPriceUsd: centsToDecimal(quote.hourlyCents),
        maxMonthlyPriceUsd: limit,
        quoteExpiresAt: quote.expiresAt,
        approveBy: new Date(deadline).toISOString(),
        waitsFor: formatDuration(deadline - Date.now()),
        workflowId: p.workflowId,
        approve: {
          command,
          update: 'approvePrice',
          input: { quoteId: quote.id, approved: true },
        },
      },
    },
    p.progress,
  );
}

/** provisioning.failed, or activation.timedOut for an order left in place and still watched. */
export async function announceFailure(p: Provisioning, failure: unknown): Promise<void> {
  if (!(failure instanceof TemporalFailure)) return; // not an end of the workflow: its task is retried
  const { requestId, customerNumber, contact } = p.request;
  const failureType = failure instanceof ApplicationFailure ? (failure.type ?? 'Error') : failure.name;
  const message = withoutContact(describeFailure(failure), contact);
  if (failureType === 'ActivationTimedOut') {
    const status = p.progress.status();
    await notify(
      p.settings,
      {
        type: 'activation.timedOut',
        customerNumber,
        requestId,
        ...(status.serviceId ? { serviceId: status.serviceId } : {}),
        summary: `Provisioning ${requestId}: ${message}`,
        details: {
          message,
          orderId: status.orderId,
          serviceId: status.serviceId,
          serviceWorkflowId: status.serviceWorkflowId ?? null,
          activationTimeout: formatDuration(p.request.activationTimeout),
          workflowId: p.workflowId,
        },
      },
      p.progress,
    );
    return;
  }
  await notify(
    p.settings,
    {
      type: 'provisioning.failed',
      customerNumber,
      requestId,
      summary: `Provisioning ${requestId} failed (${failureType}): ${message}`,
      details: { failureType, message, step: lastStepBeforeFailure(p), workflowId: p.workflowId },
    },
    p.progress,
  );
}

/** A request refused before it was accepted: only what the input itself names, which is all the workflow has. */
export async function announceInvalidRequest(
  settings: NotificationSwitch | undefined,
  input: unknown,
  workflowId: string,
  message: string,
): Promise<void> {
  const named = (input ?? {}) as { requestId?: unknown; customerNumber?: unknown; contact?: unknown };
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
  const requestId = text(named.requestId);
  const customerNumber = text(named.customerNumber);
  const given = (named.contact ?? {}) as Record<string, unknown>;
  const contact = { name: text(given.name) ?? '', email: text(given.email) ?? '', phone: text(given.phone) ?? '' };
  // The problems name fields and rules, not the values given; the contact is taken out all the same.
  const safe = contact.name || contact.email || contact.phone ? withoutContact(message, contact) : message;
  await notify(settings ?? {}, {
    type: 'provisioning.failed',
    ...(customerNumber ? { customerNumber } : {}),
    ...(requestId ? { requestId } : {}),
    summary: `Provisioning ${requestId ?? workflowId} failed (InvalidRequest): ${safe}`,
    details: { failureType: 'InvalidRequest', message: safe, workflowId },
  });
}

function lastStepBeforeFailure(p: Provisioning): string {
  const history = p.progress.status().history;
  for (let i = history.length - 1; i >= 0; i -= 1) if (history[i].step !== 'FAILED') return history[i].step;
  return 'FIND_PROVIDER';
}
