// A stand-in for manageInternetOnDemandService with the same public surface (changeBandwidth and disconnect
// updates with their validators, the service query, LumenStep as the service's status, the failure types)
// and predictable, fast timing, so the client and CLI tests depend neither on the real workflow nor on Lumen.
//
// Script: the service starts ACTIVE at 100 Mbps; a change takes CHANGE_MS and costs $0.0046 per megabit an
// hour; above 10 Gbps fails with SpeedNotOffered, above maxMonthlyPriceUsd with PriceNotApproved, and exactly
// 3 Mbps with ChangeFailed; a change to the current speed orders nothing; changes run one at a time in arrival
// order; revertAfter returns to the previous speed by a timer; disconnect takes CHANGE_MS. The signal
// continueAsNewNow continues as new at once, abandoning the updates in flight: the next run carries the
// changes (done and queued), so a caller that sends its update again finds it there.
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  defineUpdate,
  setHandler,
  sleep,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { centsToDecimal } from '../../domain/money';
import { speedToMbps } from '../../domain/speed';
import {
  formatSpeed,
  parseChangeBandwidth,
  QUERY_SERVICE,
  sameChange,
  serviceInputSchema,
  UPDATE_CHANGE_BANDWIDTH,
  UPDATE_DISCONNECT,
  type ChangeBandwidthInput,
  type ChangeRequest,
  type ChangeResult,
  type DisconnectResult,
  type DisconnectServiceInput,
  type ServiceStatusName,
  type ServiceView,
} from '../../domain/service';

export const CHANGE_MS = 300;
export const STAND_IN_START_SPEED = '100 Mbps';
/** Cents per megabit per month: $0.0046 an hour × 720 hours. */
const MONTHLY_CENTS_PER_MBPS = 331.2;

const serviceQuery = defineQuery<ServiceView>(QUERY_SERVICE);
const changeBandwidthUpdate = defineUpdate<ChangeResult, [ChangeBandwidthInput]>(UPDATE_CHANGE_BANDWIDTH);
const disconnectUpdate = defineUpdate<DisconnectResult, [DisconnectServiceInput?]>(UPDATE_DISCONNECT);

export const continueAsNewSignal = defineSignal('continueAsNewNow');

const lumenStep = defineSearchAttributeKey('LumenStep', SearchAttributeType.KEYWORD);

interface ChangeRecord {
  request: ChangeRequest;
  result?: ChangeResult;
  failure?: ApplicationFailure;
}

/** What one run hands the next when it continues as new. */
interface Carried {
  mbps: number;
  changesToday: number;
  lastChange: ChangeResult | null;
  history: ServiceView['history'];
  done: { request: ChangeRequest; result: ChangeResult }[];
  queue: ChangeRequest[];
}

export async function manageInternetOnDemandService(input: unknown): Promise<DisconnectResult> {
  const parsed = serviceInputSchema.safeParse(input);
  if (!parsed.success) {
    throw ApplicationFailure.create({ type: 'InvalidRequest', message: parsed.error.message, nonRetryable: true });
  }
  const plan = parsed.data;
  const carried = (input as { carried?: Carried }).carried;
  let mbps = carried?.mbps ?? 100;
  const view: ServiceView = {
    serviceId: plan.serviceId,
    requestId: plan.requestId ?? null,
    customerNumber: plan.customerNumber,
    status: 'ACTIVE',
    speed: STAND_IN_START_SPEED,
    masterSiteId: 'PL0001247634',
    partnerId: '43558',
    pendingChanges: [],
    revert: null,
    lastChange: null,
    changesToday: 0,
    waiting: null,
    lastCheckedAt: null,
    lumenStatus: null,
    spend: null,
    budget: null,
    history: [],
  };
  const changes = new Map<string, ChangeRecord>();
  const queue: ChangeRequest[] = [];
  let running = false;
  let revert = null as { mbps: number; at: number } | null;
  let disconnectRequested = false;
  let disconnected: DisconnectResult | undefined;

  const enter = (status: ServiceStatusName, detail: string) => {
    view.status = status;
    view.history = [...view.history, { at: new Date().toISOString(), status, detail }].slice(-20);
    upsertSearchAttributes([{ key: lumenStep, value: status }]);
  };
  const publishQueue = () => {
    view.pendingChanges = queue.map((change) => ({ changeId: change.changeId, speed: formatSpeed(change.mbps) }));
    view.revert = revert ? { speed: formatSpeed(revert.mbps), at: new Date(revert.at).toISOString() } : null;
  };
  enter('ACTIVE', `service ${plan.serviceId} at ${STAND_IN_START_SPEED}`);

  async function apply(change: ChangeRequest): Promise<ChangeResult> {
    const previousSpeed = formatSpeed(mbps);
    if (change.mbps > 10_000) {
      throw ApplicationFailure.create({
        type: 'SpeedNotOffered',
        message: `${formatSpeed(change.mbps)} is not offered at PL0001247634`,
        nonRetryable: true,
      });
    }
    const monthlyCents = Math.round(change.mbps * MONTHLY_CENTS_PER_MBPS);
    if (change.maxMonthlyCents !== undefined && monthlyCents > change.maxMonthlyCents) {
      throw ApplicationFailure.create({
        type: 'PriceNotApproved',
        message: `$${centsToDecimal(monthlyCents)}/month is above $${centsToDecimal(change.maxMonthlyCents)}`,
        nonRetryable: true,
      });
    }
    if (change.mbps === mbps) {
      return {
        changeId: change.changeId,
        status: 'ACTIVE',
        speed: previousSpeed,
        previousSpeed,
        orderId: null,
        quoteId: null,
        hourlyPriceUsd: null,
        monthlyPriceUsd: null,
        completedAt: new Date().toISOString(),
      };
    }
    enter('CHANGING', `change ${change.changeId}: ${previousSpeed} → ${formatSpeed(change.mbps)}`);
    await sleep(CHANGE_MS);
    if (change.mbps === 3) {
      enter('ACTIVE', `change ${change.changeId} failed`);
      throw ApplicationFailure.create({
        type: 'ChangeFailed',
        message: 'Lumen failed order MOD-1: Bandwidth change could not be applied',
        nonRetryable: true,
      });
    }
    mbps = change.mbps;
    view.speed = formatSpeed(mbps);
    view.changesToday += 1;
    const result: ChangeResult = {
      changeId: change.changeId,
      status: 'ACTIVE',
      speed: view.speed,
      previousSpeed,
      orderId: `MOD-${view.changesToday}`,
      quoteId: `Q-${view.changesToday}`,
      hourlyPriceUsd: centsToDecimal(Math.round(monthlyCents / 720)),
      monthlyPriceUsd: centsToDecimal(monthlyCents),
      completedAt: new Date().toISOString(),
    };
    enter('ACTIVE', `change ${change.changeId} active at ${view.speed}`);
    return result;
  }

  /** Runs a change when its turn comes; the record keeps its outcome for a repeated changeId. */
  async function run(change: ChangeRequest): Promise<ChangeResult> {
    const record: ChangeRecord = { request: change };
    changes.set(change.changeId, record);
    queue.push(change);
    publishQueue();
    await condition(() => !running && queue[0] === change);
    running = true;
    try {
      if (disconnectRequested) {
        throw ApplicationFailure.create({
          type: 'ChangeFailed',
          message: `change ${change.changeId} was not applied: the service is being disconnected`,
          nonRetryable: true,
        });
      }
      record.result = await apply(change);
      // A change with revertAfter schedules its own revert, unless a later change is already waiting.
      revert =
        change.revertAfterMs && queue.length === 1
          ? { mbps: speedToMbps(record.result.previousSpeed) as number, at: Date.now() + change.revertAfterMs }
          : null;
      view.lastChange = record.result;
      return record.result;
    } catch (error) {
      if (error instanceof ApplicationFailure) record.failure = error;
      throw error;
    } finally {
      queue.shift();
      publishQueue();
      running = false;
    }
  }

  setHandler(serviceQuery, () => view);
  setHandler(
    changeBandwidthUpdate,
    async (body) => {
      const { change } = parseChangeBandwidth(body) as { ok: true; change: ChangeRequest };
      const earlier = changes.get(change.changeId);
      if (!earlier) {
        // A later change cancels a pending revert as soon as it is accepted.
        revert = null;
        publishQueue();
        return run(change);
      }
      await condition(() => earlier.result !== undefined || earlier.failure !== undefined);
      if (earlier.failure) throw earlier.failure;
      return earlier.result as ChangeResult;
    },
    {
      validator: (body) => {
        const parsedChange = parseChangeBandwidth(body);
        if (!parsedChange.ok) throw new Error(parsedChange.message);
        if (disconnectRequested) throw new Error(`service ${plan.serviceId} is ${view.status.toLowerCase()}`);
        const earlier = changes.get(parsedChange.change.changeId);
        if (earlier && !sameChange(earlier.request, parsedChange.change)) {
          throw new Error(`change ${parsedChange.change.changeId} was already sent with a different body`);
        }
      },
    },
  );
  setHandler(disconnectUpdate, async (request) => {
    if (!disconnectRequested) {
      disconnectRequested = true;
      await condition(() => !running);
      enter('DISCONNECTING', `disconnecting${request?.reason ? `: ${request.reason}` : ''}`);
      await sleep(CHANGE_MS);
      revert = null;
      publishQueue();
      disconnected = { status: 'DISCONNECTED', orderId: 'DEL-1', disconnectedAt: new Date().toISOString() };
      enter('DISCONNECTED', 'service disconnected');
    }
    await condition(() => disconnected !== undefined);
    return disconnected as DisconnectResult;
  });

  let continueRequested = false;
  setHandler(continueAsNewSignal, () => void (continueRequested = true));
  if (carried) {
    view.speed = formatSpeed(mbps);
    view.changesToday = carried.changesToday;
    view.lastChange = carried.lastChange;
    view.history = carried.history;
    for (const { request, result } of carried.done) changes.set(request.changeId, { request, result });
    for (const change of carried.queue) void run(change).catch(() => undefined);
  }

  const stop = () => disconnected !== undefined || continueRequested;
  while (!stop()) {
    const due = revert;
    if (!due) {
      await condition(() => stop() || revert !== null);
      continue;
    }
    const interrupted = await condition(() => stop() || revert !== due, due.at - Date.now());
    if (!interrupted) {
      revert = null;
      void run({ changeId: `revert-${Date.now()}`, mbps: due.mbps }).catch(() => undefined);
    }
  }
  if (!disconnected) {
    const done = [...changes.values()].flatMap(({ request, result }) => (result ? [{ request, result }] : []));
    const next: Carried = {
      mbps,
      changesToday: view.changesToday,
      lastChange: view.lastChange,
      history: view.history,
      done,
      queue: [...queue],
    };
    return continueAsNew<typeof manageInternetOnDemandService>({ ...plan, carried: next });
  }
  await condition(allHandlersFinished);
  return disconnected;
}
