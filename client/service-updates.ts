// The updates a service's workflow takes: changeBandwidth, disconnect and setBudget. Each is validated here with
// the workflow's own schema, then sent; acceptance has a deadline (no worker must not hang a caller), the
// wait for Lumen that follows has none, because a change can wait hours on Lumen's limits.
import { createHash, randomUUID } from 'node:crypto';
import { type Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { FAILURE_TYPES } from '../domain/names';
import {
  parseChangeBandwidth,
  serviceWorkflowIdFor,
  UPDATE_CHANGE_BANDWIDTH,
  UPDATE_DISCONNECT,
  UPDATE_SET_BUDGET,
  parseSetBudget,
  type BudgetAnswer,
  type SetBudgetInput,
  type ChangeBandwidthInput,
  type ChangeRequest,
  type ChangeResult,
  type DisconnectResult,
  type DisconnectServiceInput,
} from '../domain/service';
import { changeBandwidthSchema } from '../domain/service-schemas';
import {
  InvalidServiceInputError,
  ServiceChangeFailedError,
  ServiceDisconnectFailedError,
  ServiceOperationRejectedError,
} from './errors';
import { describeService, problemsOf, serviceHandle, serviceNotFoundAsTyped } from './service';
import { deliver } from './update-delivery';

/** The change as a caller sends it; without a changeId one is generated and returned. */
export type ChangeInput = Omit<ChangeBandwidthInput, 'changeId'> & { changeId?: string };

export interface UpdateOptions {
  /** Wait for the result (default), or return once the workflow has accepted the update. */
  wait?: boolean;
  /** How long a worker may take to accept (or refuse) the update; 30 s by default. */
  acceptTimeoutMs?: number;
}

/** A change the workflow accepted and queued; follow it with getService. */
export interface ChangeAccepted {
  changeId: string;
  status: 'ACCEPTED';
  serviceId: string;
  workflowId: string;
}

export interface DisconnectAccepted {
  status: 'ACCEPTED';
  serviceId: string;
  workflowId: string;
}

const failureTypes: ReadonlySet<string> = new Set(FAILURE_TYPES);

/** A fresh changeId for a caller that has none of its own. */
export function newChangeId(): string {
  return `chg-${randomUUID()}`;
}

/** The change as the workflow will read it; bad input is refused naming each field, before anything is sent. */
export function checkedChange(body: ChangeBandwidthInput): ChangeRequest {
  const checked = changeBandwidthSchema.safeParse(body);
  const parsed = parseChangeBandwidth(body);
  if (!checked.success || !parsed.ok) {
    throw new InvalidServiceInputError(
      'changeBandwidth',
      checked.success ? ['input: unreadable'] : problemsOf(checked.error.issues),
    );
  }
  return parsed.change;
}

/**
 * The update id for a change: its changeId and a digest of what it asks, so a retried call is deduplicated by
 * Temporal while the same changeId with another body reaches the validator (which refuses it) instead of
 * silently receiving the first call's result.
 */
export function changeUpdateId(change: ChangeRequest): string {
  const body = JSON.stringify([change.mbps, change.maxMonthlyCents ?? null, change.revertAfterMs ?? null]);
  return `${change.changeId}#${createHash('sha256').update(body).digest('hex').slice(0, 12)}`;
}

/** Why a service's workflow cannot take an update any more, from its execution status. */
async function endedReason(client: Client, serviceId: string): Promise<string> {
  const summary = await describeService(client, serviceId);
  return summary.status === 'Completed'
    ? 'the service was disconnected (its workflow has completed)'
    : `its workflow has ended (${summary.status})`;
}

type Refusal = { kind: 'failed'; type: string; message: string } | { kind: 'rejected'; message: string };

/** A handler's ApplicationFailure of a project failure type failed the update; anything else is a refusal. */
function refusalOf(error: WorkflowUpdateFailedError): Refusal {
  const cause = error.cause;
  if (cause instanceof ApplicationFailure && cause.type && failureTypes.has(cause.type)) {
    return { kind: 'failed', type: cause.type, message: cause.message };
  }
  return { kind: 'rejected', message: cause?.message ?? error.message };
}

/**
 * Changes the service's bandwidth through its workflow's `changeBandwidth` update. The workflow prices the
 * change, places one modify order and completes when Lumen shows the new speed; changes run one at a time.
 * The same changeId never orders twice. With `wait: false` it returns once the change is accepted.
 */
export async function changeBandwidth(
  client: Client,
  serviceId: string,
  input: ChangeInput,
  options?: UpdateOptions & { wait?: true },
): Promise<ChangeResult>;
export async function changeBandwidth(
  client: Client,
  serviceId: string,
  input: ChangeInput,
  options: UpdateOptions,
): Promise<ChangeResult | ChangeAccepted>;
export async function changeBandwidth(
  client: Client,
  serviceId: string,
  input: ChangeInput,
  options: UpdateOptions = {},
): Promise<ChangeResult | ChangeAccepted> {
  const body: ChangeBandwidthInput = { ...input, changeId: input.changeId ?? newChangeId() };
  const change = checkedChange(body);
  const { changeId } = body;
  const operation = `change ${changeId}`;
  const refused = async (error: unknown): Promise<never> => {
    if (error instanceof WorkflowUpdateFailedError) {
      const refusal = refusalOf(error);
      if (refusal.kind === 'failed')
        throw new ServiceChangeFailedError(serviceId, changeId, refusal.type, refusal.message);
      throw new ServiceOperationRejectedError(serviceId, operation, refusal.message);
    }
    if (error instanceof WorkflowNotFoundError) {
      // The server answers "not found" for a closed run too; tell the two apart.
      throw new ServiceOperationRejectedError(serviceId, operation, await endedReason(client, serviceId));
    }
    return serviceNotFoundAsTyped(serviceId)(error);
  };
  try {
    const result = await deliver<ChangeResult, ChangeBandwidthInput>(client, serviceId, UPDATE_CHANGE_BANDWIDTH, body, {
      updateId: changeUpdateId(change),
      acceptTimeoutMs: options.acceptTimeoutMs ?? 30_000,
      operation,
      wait: options.wait !== false,
    });
    return result ?? { changeId, status: 'ACCEPTED', serviceId, workflowId: serviceWorkflowIdFor(serviceId) };
  } catch (error) {
    return refused(error);
  }
}

/** The disconnect as it will be sent; a reason that is not short text is refused before anything is sent. */
export function checkedDisconnect(input: DisconnectServiceInput): DisconnectServiceInput {
  if (input.reason !== undefined && (typeof input.reason !== 'string' || input.reason.length > 500)) {
    throw new InvalidServiceInputError('disconnect', ['reason: must be text of at most 500 characters']);
  }
  return input.reason === undefined ? {} : { reason: input.reason };
}

/**
 * Disconnects the service through its workflow's `disconnect` update: one delete order, then the workflow
 * completes with the same result. Repeating it orders nothing more; once completed, its result is returned.
 */
export async function disconnectService(
  client: Client,
  serviceId: string,
  input?: DisconnectServiceInput,
  options?: UpdateOptions & { wait?: true },
): Promise<DisconnectResult>;
export async function disconnectService(
  client: Client,
  serviceId: string,
  input: DisconnectServiceInput | undefined,
  options: UpdateOptions,
): Promise<DisconnectResult | DisconnectAccepted>;
export async function disconnectService(
  client: Client,
  serviceId: string,
  input: DisconnectServiceInput = {},
  options: UpdateOptions = {},
): Promise<DisconnectResult | DisconnectAccepted> {
  const arg = checkedDisconnect(input);
  try {
    const result = await deliver<DisconnectResult, DisconnectServiceInput>(client, serviceId, UPDATE_DISCONNECT, arg, {
      acceptTimeoutMs: options.acceptTimeoutMs ?? 30_000,
      operation: 'disconnect',
      wait: options.wait !== false,
    });
    return result ?? { status: 'ACCEPTED', serviceId, workflowId: serviceWorkflowIdFor(serviceId) };
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError) {
      const refusal = refusalOf(error);
      if (refusal.kind === 'failed') throw new ServiceDisconnectFailedError(serviceId, refusal.type, refusal.message);
      throw new ServiceOperationRejectedError(serviceId, 'disconnect', refusal.message);
    }
    if (error instanceof WorkflowNotFoundError) {
      const summary = await describeService(client, serviceId);
      // A disconnect repeated after the workflow completed gets the workflow's result: nothing is ordered again.
      if (summary.status === 'Completed') return serviceHandle(client, serviceId).result();
      throw new ServiceOperationRejectedError(serviceId, 'disconnect', `its workflow has ended (${summary.status})`);
    }
    throw error;
  }
}

/**
 * Sets the service's monthly budget (null removes it) and the speed it falls back to when the month's
 * projection exceeds it; answers with the budget and the month projected at today's price. Changes whose
 * projected month would exceed the budget then fail with BudgetExceeded before anything is ordered.
 */
export async function setServiceBudget(
  client: Client,
  serviceId: string,
  input: SetBudgetInput,
  options: Pick<UpdateOptions, 'acceptTimeoutMs'> = {},
): Promise<BudgetAnswer> {
  const parsed = parseSetBudget(input);
  if (!parsed.ok)
    throw new InvalidServiceInputError('setBudget', parsed.message.replace(/^Invalid setBudget: /, '').split('; '));
  try {
    const answer = await deliver<BudgetAnswer, SetBudgetInput>(client, serviceId, UPDATE_SET_BUDGET, parsed.budget, {
      acceptTimeoutMs: options.acceptTimeoutMs ?? 30_000,
      operation: 'setBudget',
      wait: true,
    });
    return answer!;
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError) {
      throw new ServiceOperationRejectedError(serviceId, 'setBudget', refusalOf(error).message);
    }
    if (error instanceof WorkflowNotFoundError) {
      const summary = await describeService(client, serviceId);
      throw new ServiceOperationRejectedError(serviceId, 'setBudget', `its workflow has ended (${summary.status})`);
    }
    throw error;
  }
}
