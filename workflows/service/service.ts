// manageInternetOnDemandService: one long-lived workflow per Lumen service. It reads the service from
// inventory, changes its bandwidth on demand (one change at a time, in arrival order, a changeId never
// ordering twice), reverts bursts by itself, honours Lumen's limits, disconnects it, and continues as
// new before its history grows large, carrying its state over.
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  makeContinueAsNewFunc,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { DisconnectResult, ServiceInput } from '../../domain/service';
import { serviceWorkflowIdFor } from '../../domain/service-names';
import { parseServiceInput } from '../shared/parsers';
import {
  changeBandwidthUpdate,
  disconnectUpdate,
  inventoryNoticeSignal,
  lumenNotificationSignal,
  serviceQuery,
  setBudgetUpdate,
} from '../messages';
import { setBudget, validateBudget } from './budget';
import { runChange } from './change';
import { runDisconnect } from './disconnect';
import { endOutside, reconcile } from './reconcile';
import { DisconnectRequest } from './disconnect-request';
import { begin } from './start-up';
import { Service, type CarriedService } from './state';
import { serviceView } from './view';

/** Continue as new once the history is this long (Temporal may suggest it sooner). */
const DEFAULT_MAX_HISTORY_EVENTS = 2_000;

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
  setHandler(serviceQuery, () => serviceView(s));
  setHandler(lumenNotificationSignal, (event) => s.events.receive(event));
  setHandler(inventoryNoticeSignal, (notice) => s.lumen.receiveNotice(notice));
  setHandler(changeBandwidthUpdate, (change) => s.requestChange(change), {
    validator: (change) => s.validateChange(change),
  });
  setHandler(disconnectUpdate, (request) => s.requestDisconnect(request), {
    validator: (request) => DisconnectRequest.validate(request),
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

    if (s.disconnect.requested) {
      const ended = await runDisconnect(s);
      if (ended) return ended;
      continue;
    }
    if (s.goneOutside !== null) return endOutside(s, s.goneOutside);
    if (s.lumen.reconcileDue) {
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
      await condition(() => allHandlersFinished() || !s.idle);
      if (allHandlersFinished() && s.idle) {
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

function invalid(message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: 'InvalidRequest', message, nonRetryable: true });
}
