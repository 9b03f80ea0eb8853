// manageInternetOnDemandService: one long-lived workflow per Lumen service. It reads the service from
// inventory, changes its bandwidth on demand (one change at a time, in arrival order, a changeId never
// ordering twice), reverts bursts by itself, honours Lumen's limits, disconnects it, and continues as
// new before its history grows large, carrying its state over.
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  isCancellation,
  makeContinueAsNewFunc,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type {
  ChangeBandwidthInput,
  DisconnectResult,
  DisconnectServiceInput,
  ServiceInput,
} from '../../domain/service';
import { sameChange, serviceWorkflowIdFor } from '../../domain/service-names';
import { formatMbps } from '../../domain/speed';
import { recordedLocally, temporalCalls } from '../activity-proxies';
import { parseChangeBandwidth, parseServiceInput } from '../schemas';
import { asProvisioningFailure, describeFailure, provisioningFailure } from '../failures';
import { keepTrying } from '../keep-trying';
import { changeBandwidthUpdate, disconnectUpdate, lumenNotificationSignal, serviceQuery } from '../messages';
import { watchOrder } from '../orders/watch';
import { applyChange } from './change';
import { disconnectTheService } from './disconnect';
import { Service, type CarriedService, type ChangeEntry } from './state';

/** Continue as new once the history is this long (Temporal may suggest it sooner). */
const DEFAULT_MAX_HISTORY_EVENTS = 2_000;
/** How long a service still pending activation is watched. */
const ACTIVATION_WATCH_MS = 30 * 24 * 3_600_000;

export async function manageInternetOnDemandService(
  input: ServiceInput & { maxHistoryEvents?: number },
  carried?: CarriedService,
): Promise<DisconnectResult> {
  const parsed = parseServiceInput(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`);
    throw invalid(`Invalid service input: ${problems.join('; ')}`);
  }
  const plan = parsed.data;
  const expected = serviceWorkflowIdFor(plan.serviceId);
  if (workflowInfo().workflowId !== expected) {
    // Lumen's events for the service are routed to iod-service-<serviceId>.
    throw invalid(`Invalid service input: workflowId is "${workflowInfo().workflowId}" but must be "${expected}"`);
  }
  const s = new Service(plan, carried);
  setHandler(serviceQuery, () => s.view());
  setHandler(lumenNotificationSignal, (event) => s.events.receive(event));
  setHandler(changeBandwidthUpdate, (change) => requestChange(s, change), {
    validator: (change) => validateChange(s, change),
  });
  setHandler(disconnectUpdate, (request) => requestDisconnect(s, request), {
    validator: (request) => validateDisconnect(request),
  });

  if (!carried) {
    const ended = await begin(s);
    if (ended) return ended;
  }
  const maxHistoryEvents = input.maxHistoryEvents ?? DEFAULT_MAX_HISTORY_EVENTS;
  // A new current build of the worker deployment is also a reason: the next run starts on it.
  const continueAsNewDue = () =>
    workflowInfo().continueAsNewSuggested ||
    workflowInfo().historyLength >= maxHistoryEvents ||
    workflowInfo().targetWorkerDeploymentVersionChanged;

  for (;;) {
    const work = () => s.queue.length > 0 || s.disconnect !== null || s.revertDue() || continueAsNewDue();
    if (s.revert) await condition(work, Math.max(1, s.revert.at - Date.now()));
    else await condition(work);

    if (s.disconnect) {
      const ended = await runDisconnect(s);
      if (ended) return ended;
      continue;
    }
    if (s.revertDue()) queueRevert(s);
    const next = s.queue[0];
    if (next) {
      await runChange(s, next);
      continue;
    }
    if (continueAsNewDue()) {
      // Only between changes, with every update answered: nothing unfinished is left behind.
      await condition(() => allHandlersFinished() || s.queue.length > 0 || s.disconnect !== null);
      if (allHandlersFinished() && s.queue.length === 0 && s.disconnect === null) {
        await continueOnCurrentBuild(input, s.carry());
      }
    }
  }
}

/**
 * This run is pinned to its build; the next one starts on the deployment's current build (an
 * unversioned worker ignores the behaviour). State crosses in the input, so nothing is read again.
 */
function continueOnCurrentBuild(...args: Parameters<typeof manageInternetOnDemandService>): Promise<never> {
  return makeContinueAsNewFunc<typeof manageInternetOnDemandService>({ initialVersioningBehavior: 'AUTO_UPGRADE' })(
    ...args,
  );
}

// ---- starting: what inventory says the service is ---------------------------------------------------

async function begin(s: Service): Promise<DisconnectResult | undefined> {
  const handedOver = s.plan.handedOver;
  if (handedOver) {
    // The provisioning has just seen the service active (Lumen's completed event, or inventory): reading
    // inventory again would tell nothing it does not know, and would cost every provisioning a Lumen
    // call and two local activities more. A change asks inventory again right before its order goes out.
    s.settings = { inventoryLagMs: handedOver.inventoryLagMs };
    s.know(handedOver);
    const by = s.plan.requestId ? `provisioning ${s.plan.requestId}` : 'its provisioning';
    s.progress.enter(
      'ACTIVE',
      `Service ${s.serviceId} is active at ${formatMbps(handedOver.bandwidthMbps)}, handed over by ${by}`,
    );
    return undefined;
  }
  s.settings = await recordedLocally.readSettings();
  const details = await keepTrying(s.progress, 'service lookup', (reads) =>
    reads.readService({ customerNumber: s.plan.customerNumber, serviceId: s.serviceId }),
  ).catch((error: unknown) => {
    throw asProvisioningFailure(error);
  });
  s.know(details);
  const speed = details.bandwidthMbps === undefined ? 'unknown bandwidth' : formatMbps(details.bandwidthMbps);
  const seen = `Inventory shows service ${s.serviceId} "${details.status}" at ${speed}`;
  switch (details.phase) {
    case 'pending':
      s.progress.enter('PENDING_ACTIVATION', `${seen}: watching it until it is active`);
      return awaitActivation(s);
    case 'changing':
      s.progress.enter('CHANGING', `${seen}: waiting for the change in flight to finish`);
      return settle(s, 'active');
    case 'disconnecting':
      s.progress.enter('DISCONNECTING', `${seen}: waiting for it to be gone`);
      return settle(s, 'inactive');
    case 'disconnected':
      s.progress.enter('DISCONNECTED', `${seen}: nothing left to manage`);
      return { status: 'DISCONNECTED', orderId: null, disconnectedAt: new Date().toISOString() };
    case 'activationFailed':
      throw provisioningFailure('ActivationFailed', `${seen}: it never came up, so there is nothing to manage`);
    default:
      s.progress.enter('ACTIVE', seen);
      return undefined;
  }
}

async function awaitActivation(s: Service): Promise<DisconnectResult | undefined> {
  const pending = s.plan.pendingOrder;
  const outcome = await watchOrder(
    {
      customerNumber: s.plan.customerNumber,
      serviceId: s.serviceId,
      orderId: pending?.orderId,
      until: 'active',
      pollIntervalMs: s.plan.pollInterval,
      deadline: Date.now() + ACTIVATION_WATCH_MS,
    },
    s.events,
    (problem) => s.progress.error(problem),
  );
  if (outcome.outcome !== 'completed') {
    const why =
      outcome.outcome === 'failed' ? `Lumen failed it (${outcome.reason ?? 'no reason'})` : 'it never came up';
    throw provisioningFailure('ActivationFailed', `Service ${s.serviceId} was not activated: ${why}`);
  }
  await reread(s);
  s.progress.enter('ACTIVE', `Service ${s.serviceId} is active (${outcome.source})`);
  return undefined;
}

async function settle(s: Service, until: 'active' | 'inactive'): Promise<DisconnectResult | undefined> {
  const outcome = await watchOrder(
    {
      customerNumber: s.plan.customerNumber,
      serviceId: s.serviceId,
      until,
      pollIntervalMs: s.plan.pollInterval,
      deadline: Date.now() + ACTIVATION_WATCH_MS,
    },
    s.events,
    (problem) => s.progress.error(problem),
  );
  if (until === 'inactive' && outcome.outcome === 'completed') {
    s.progress.enter('DISCONNECTED', `Service ${s.serviceId} is Inactive`);
    return { status: 'DISCONNECTED', orderId: null, disconnectedAt: outcome.at };
  }
  await reread(s);
  s.progress.enter('ACTIVE', `Service ${s.serviceId} is ${outcome.reason ?? 'settled'}`);
  return undefined;
}

async function reread(s: Service): Promise<void> {
  s.know(
    await keepTrying(s.progress, 'service lookup', (reads) =>
      reads.readService({ customerNumber: s.plan.customerNumber, serviceId: s.serviceId }),
    ),
  );
}

// ---- changes ----------------------------------------------------------------------------------------

function validateChange(s: Service, input: ChangeBandwidthInput): void {
  const parsed = parseChangeBandwidth(input);
  if (!parsed.ok) throw new Error(parsed.message);
  if (s.disconnect !== null || s.status === 'DISCONNECTING' || s.status === 'DISCONNECTED') {
    throw new Error(`Service ${s.serviceId} is being disconnected: no change is accepted`);
  }
  if (s.status === 'PENDING_ACTIVATION') {
    throw new Error(`Service ${s.serviceId} is not active yet: changes are accepted once it is`);
  }
  const earlier = s.entryOf(parsed.change.changeId);
  if (earlier && !sameChange(earlier.request, parsed.change)) {
    throw new Error(
      `changeId ${parsed.change.changeId} was already used for a change to ${formatMbps(earlier.request.mbps)}; ` +
        'use a new changeId for a different change',
    );
  }
}

async function requestChange(s: Service, input: ChangeBandwidthInput) {
  const parsed = parseChangeBandwidth(input);
  if (!parsed.ok) throw invalid(parsed.message); // the validator already refused it; kept for replays
  const entry = s.entryOf(parsed.change.changeId) ?? s.enqueue(parsed.change);
  await condition(() => entry.state === 'done' || entry.state === 'failed');
  if (entry.state === 'failed') throw Service.failureOf(entry);
  return entry.result!;
}

async function runChange(s: Service, entry: ChangeEntry): Promise<void> {
  const { request } = entry;
  entry.state = 'running';
  if (!entry.automatic && s.revert) {
    s.progress.record(`The revert to ${formatMbps(s.revert.mbps)} is cancelled by change ${request.changeId}`);
    s.revert = null;
  }
  const previous = s.facts.mbps;
  s.progress.enter('CHANGING', `Change ${request.changeId}: to ${formatMbps(request.mbps)}`);
  try {
    const result = await applyChange(s, request);
    s.facts.mbps = request.mbps;
    if (request.revertAfterMs !== undefined && previous !== undefined && previous !== request.mbps) {
      s.revert = {
        mbps: previous,
        at: Date.parse(result.completedAt) + request.revertAfterMs,
        changeId: request.changeId,
      };
    }
    s.finish(entry, { result });
    const revert = s.revert ? `; back to ${formatMbps(s.revert.mbps)} at ${new Date(s.revert.at).toISOString()}` : '';
    s.progress.enter('ACTIVE', `Change ${request.changeId}: active at ${result.speed}${revert}`);
  } catch (error) {
    if (isCancellation(error)) throw error;
    const failure = asProvisioningFailure(error);
    const type = failure instanceof ApplicationFailure ? (failure.type ?? 'ChangeFailed') : 'ChangeFailed';
    const message = describeFailure(failure);
    s.finish(entry, { failure: { type, message } });
    s.progress.error(message);
    s.progress.enter('ACTIVE', `Change ${request.changeId} failed (${type}); the service is unchanged`);
  } finally {
    s.waiting = null;
  }
}

function queueRevert(s: Service): void {
  const revert = s.revert;
  s.revert = null;
  if (!revert) return;
  const changeId = `revert-${revert.changeId}`;
  if (s.entryOf(changeId)) return;
  s.enqueue({ changeId, mbps: revert.mbps }, true);
}

// ---- the disconnect ---------------------------------------------------------------------------------

function validateDisconnect(request: DisconnectServiceInput | undefined): void {
  const reason = request?.reason;
  if (reason !== undefined && (typeof reason !== 'string' || reason.length > 500)) {
    throw new Error('disconnect: reason must be text of at most 500 characters');
  }
}

async function requestDisconnect(s: Service, request: DisconnectServiceInput | undefined): Promise<DisconnectResult> {
  if (!s.disconnect) {
    s.disconnect = { reason: request?.reason };
    s.revert = null;
    s.refuseQueued('the service is being disconnected');
    s.progress.record(`Disconnect requested${request?.reason ? `: ${request.reason}` : ''}`);
  }
  const disconnect = s.disconnect;
  await condition(() => disconnect.result !== undefined || disconnect.failure !== undefined);
  if (disconnect.result) return disconnect.result;
  throw ApplicationFailure.create({
    type: disconnect.failure?.type ?? 'DisconnectFailed',
    message: disconnect.failure?.message ?? 'the disconnect failed',
    nonRetryable: true,
  });
}

async function runDisconnect(s: Service): Promise<DisconnectResult | undefined> {
  const disconnect = s.disconnect!;
  s.progress.enter('DISCONNECTING', `Disconnecting service ${s.serviceId}`);
  try {
    disconnect.result = await disconnectTheService(s, disconnect.reason);
    s.progress.enter('DISCONNECTED', `Service ${s.serviceId} is Inactive: disconnected`);
    // Its bandwidth calendars would only fire at a service that is gone.
    const removed = await temporalCalls.removeServiceSchedules({ serviceId: s.serviceId });
    if (removed.length > 0) s.progress.record(`Bandwidth calendars removed: ${removed.join(', ')}`);
    await condition(allHandlersFinished); // every caller of disconnect gets the result before the end
    return disconnect.result;
  } catch (error) {
    if (isCancellation(error)) throw error;
    const failure = asProvisioningFailure(error);
    const type = failure instanceof ApplicationFailure ? (failure.type ?? 'DisconnectFailed') : 'DisconnectFailed';
    disconnect.failure = { type, message: describeFailure(failure) };
    s.disconnect = null;
    s.progress.error(disconnect.failure.message);
    s.progress.enter('ACTIVE', 'The disconnect failed; the service is still managed');
    return undefined;
  } finally {
    s.waiting = null;
  }
}

function invalid(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: 'InvalidRequest', message, nonRetryable: true });
}
