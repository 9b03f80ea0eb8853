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
import { HANDED_OVER_STATUS } from '../../domain/handed-over';
import type { DisconnectResult, ServiceInput } from '../../domain/service';
import { serviceWorkflowIdFor } from '../../domain/service-names';
import { priceToCents } from '../../domain/money';
import { formatMbps } from '../../domain/speed';
import { recordedLocally, temporalCalls } from '../shared/activity-proxies';
import { parseServiceInput } from '../shared/parsers';
import { asProvisioningFailure, describeFailure, provisioningFailure } from '../shared/failures';
import { keepTrying } from '../shared/keep-trying';
import {
  changeBandwidthUpdate,
  disconnectUpdate,
  inventoryNoticeSignal,
  lumenNotificationSignal,
  serviceQuery,
  setBudgetUpdate,
} from '../messages';
import { watchOrder } from '../shared/lumen-orders/watch';
import { checkBudget, learnPrice, setBudget, validateBudget } from './budget';
import { applyChange } from './change';
import { announceChangeFailed } from './notifications';
import { disconnectTheService } from './disconnect';
import { endOutside, lookAtService, reconcile, takeIn } from './reconcile';
import type { ChangeEntry } from './changes';
import { Service, type CarriedService } from './state';

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
  setHandler(inventoryNoticeSignal, (notice) => s.receiveNotice(notice));
  setHandler(changeBandwidthUpdate, (change) => s.requestChange(change), {
    validator: (change) => s.validateChange(change),
  });
  setHandler(disconnectUpdate, (request) => s.requestDisconnect(request), {
    validator: (request) => Service.validateDisconnect(request),
  });
  setHandler(setBudgetUpdate, (input) => setBudget(s, input), { validator: (input) => validateBudget(s, input) });

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
    const work = () => s.hasWork() || continueAsNewDue();
    const revert = s.revert;
    if (revert) await condition(work, Math.max(1, revert.at - Date.now()));
    else await condition(work);

    if (s.disconnectRequested) {
      const ended = await runDisconnect(s);
      if (ended) return ended;
      continue;
    }
    if (s.goneOutside !== null) return endOutside(s, s.goneOutside);
    if (s.reconcileDue) {
      const ended = await reconcile(s);
      if (ended) return ended;
      continue;
    }
    if (s.revertDue()) s.queueDueRevert();
    const next = s.changes.next;
    if (next) {
      await runChange(s, next);
      continue;
    }
    if (continueAsNewDue()) {
      // Only between changes, with every update answered: nothing unfinished is left behind.
      await condition(() => allHandlersFinished() || !s.settled);
      if (allHandlersFinished() && s.settled) {
        // This run is pinned to its build; the next starts on the deployment's current build (an
        // unversioned worker ignores the behaviour). State crosses in the input, so nothing is read again.
        const next = makeContinueAsNewFunc<typeof manageInternetOnDemandService>({
          memo: s.memo(),
          initialVersioningBehavior: 'AUTO_UPGRADE',
        });
        await next(input, s.carry());
      }
    }
  }
}

// ---- starting: what inventory says the service is ---------------------------------------------------

async function begin(s: Service): Promise<DisconnectResult | undefined> {
  const handedOver = s.plan.handedOver;
  if (handedOver) {
    // The provisioning has just seen the service active (Lumen's completed event, or inventory): reading
    // inventory again would tell nothing it does not know, and would cost every provisioning a Lumen
    // call and two local activities more. A change asks inventory again right before its order goes out.
    s.planWith({ inventoryLagMs: handedOver.inventoryLagMs, notifications: handedOver.notifications });
    s.know(handedOver);
    if (handedOver.hourlyCents !== undefined) {
      // Charged from activation at the price the provisioning's order was quoted; published with what
      // the workflow learned of Lumen, in one memo upsert.
      const activatedAt = handedOver.activatedAt === undefined ? Date.now() : Date.parse(handedOver.activatedAt);
      s.account.charge(activatedAt, handedOver.hourlyCents, handedOver.bandwidthMbps, true);
    }
    // The hand-over started this run with the memo this publishes (domain/handed-over.ts): then no upsert.
    s.learn(HANDED_OVER_STATUS, true, workflowInfo().memo);
    if (handedOver.hourlyCents === undefined) await learnPrice(s); // the site's list price from now
    const by = s.plan.requestId ? `provisioning ${s.plan.requestId}` : 'its provisioning';
    s.progress.enter(
      'ACTIVE',
      `Service ${s.serviceId} is active at ${formatMbps(handedOver.bandwidthMbps)}, handed over by ${by}`,
    );
    return undefined;
  }
  s.planWith(await recordedLocally.readSettings());
  const details = await keepTrying(s.progress, 'service lookup', (reads) =>
    reads.readService({ customerNumber: s.plan.customerNumber, serviceId: s.serviceId }),
  ).catch((error: unknown) => {
    throw asProvisioningFailure(error);
  });
  s.know(details);
  s.learn(details.status, true);
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
      await learnPrice(s);
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
  await learnPrice(s);
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
  await learnPrice(s);
  return undefined;
}

async function reread(s: Service): Promise<void> {
  const details = await keepTrying(s.progress, 'service lookup', (reads) =>
    reads.readService({ customerNumber: s.plan.customerNumber, serviceId: s.serviceId }),
  );
  s.know(details);
  s.learn(details.status, true);
}

// ---- changes ----------------------------------------------------------------------------------------

async function runChange(s: Service, entry: ChangeEntry): Promise<void> {
  const { request } = entry;
  entry.state = 'running';
  if (!entry.automatic) s.cancelRevert(`by change ${request.changeId}`);
  // The change starts from what Lumen shows now, not from what this workflow last believed: the speed it
  // reverts to, whether it is there already, or that the service is gone.
  const gone = await takeIn(s, await lookAtService(s));
  if (gone !== undefined || s.status === 'DISCONNECTING') {
    const why = gone ?? `Lumen shows service ${s.serviceId} "${s.lumen.status}": a disconnect is under way`;
    s.changes.finish(entry, {
      failure: { type: 'ChangeFailed', message: `Change ${request.changeId} not applied: ${why}` },
    });
    if (gone !== undefined) s.markGoneOutside(gone);
    return;
  }
  const previous = s.facts.mbps;
  const previousHourlyCents = s.account.hourlyCents;
  s.progress.enter('CHANGING', `Change ${request.changeId}: to ${formatMbps(request.mbps)}`);
  try {
    const result = await applyChange(s, request);
    s.nowAt(request.mbps);
    const hourlyCents = result.hourlyPriceUsd === null ? undefined : priceToCents(result.hourlyPriceUsd);
    if (hourlyCents !== undefined) s.account.charge(Date.parse(result.completedAt), hourlyCents, request.mbps);
    if (request.revertAfterMs !== undefined && previous !== undefined && previous !== request.mbps) {
      s.scheduleRevert({
        mbps: previous,
        at: Date.parse(result.completedAt) + request.revertAfterMs,
        changeId: request.changeId,
        ...(previousHourlyCents === undefined ? {} : { hourlyCents: previousHourlyCents }),
      });
    }
    s.changes.finish(entry, { result });
    const revert = s.revert ? `; back to ${formatMbps(s.revert.mbps)} at ${new Date(s.revert.at).toISOString()}` : '';
    s.progress.enter('ACTIVE', `Change ${request.changeId}: active at ${result.speed}${revert}`);
    await checkBudget(s);
  } catch (error) {
    if (isCancellation(error)) throw error;
    const failure = asProvisioningFailure(error);
    const type = failure instanceof ApplicationFailure ? (failure.type ?? 'ChangeFailed') : 'ChangeFailed';
    const message = describeFailure(failure);
    s.changes.finish(entry, { failure: { type, message } });
    s.progress.error(message);
    s.progress.enter('ACTIVE', `Change ${request.changeId} failed (${type}); the service is unchanged`);
    await announceChangeFailed(s, request, previous, { type, message });
  } finally {
    s.waitFor(null);
  }
}

// ---- the disconnect ---------------------------------------------------------------------------------

async function runDisconnect(s: Service): Promise<DisconnectResult | undefined> {
  s.progress.enter('DISCONNECTING', `Disconnecting service ${s.serviceId}`);
  try {
    const done = await disconnectTheService(s, s.disconnectRequested?.reason);
    s.account.charge(Date.parse(done.disconnectedAt), 0, s.facts.mbps);
    const result = { ...done, spend: s.account.view(Date.parse(done.disconnectedAt)) };
    s.disconnected(result);
    s.progress.enter('DISCONNECTED', `Service ${s.serviceId} is Inactive: disconnected`);
    // Its bandwidth calendars would only fire at a service that is gone.
    const removed = await temporalCalls.removeServiceSchedules({ serviceId: s.serviceId });
    if (removed.length > 0) s.progress.record(`Bandwidth calendars removed: ${removed.join(', ')}`);
    await condition(allHandlersFinished); // every caller of disconnect gets the result before the end
    return result;
  } catch (error) {
    if (isCancellation(error)) throw error;
    const failure = asProvisioningFailure(error);
    const type = failure instanceof ApplicationFailure ? (failure.type ?? 'DisconnectFailed') : 'DisconnectFailed';
    const message = describeFailure(failure);
    s.disconnectFailed({ type, message });
    s.progress.error(message);
    s.progress.enter('ACTIVE', 'The disconnect failed; the service is still managed');
    return undefined;
  } finally {
    s.waitFor(null);
  }
}

function invalid(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: 'InvalidRequest', message, nonRetryable: true });
}
