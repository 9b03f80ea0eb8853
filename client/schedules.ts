// Bandwidth schedules: one Temporal Schedule per rule, iod-schedule-<serviceId>-<name>, each firing starting
// applyScheduledBandwidth, which applies the speed through the service's changeBandwidth update.
import {
  type Client,
  isGrpcServiceError,
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  type ScheduleDescription,
} from '@temporalio/client';
import {
  isScheduleName,
  SCHEDULED_CHANGE_WORKFLOW_TYPE,
  scheduleIdFor,
  type ScheduledChangeInput,
} from '../domain/service';
import { serviceInputSchema } from '../domain/service-schemas';
import { parseBandwidthSchedule, type BandwidthScheduleInput } from './bandwidth-schedule-input';
import { taskQueueFrom } from './connection';
import {
  BandwidthScheduleExistsError,
  BandwidthScheduleNotFoundError,
  InvalidServiceInputError,
  ServiceOperationRejectedError,
} from './errors';
import { quoteLiteral } from './list';
import { searchAttributeKey } from './search-attributes';
import { describeService } from './service';
import type { StartOptions } from './start';

/** What the schedule's memo keeps so a listing can show the rule as it was written. */
export interface BandwidthScheduleMemo {
  serviceId: string;
  name: string;
  speed: string;
  cron: string | null;
  calendar: string | null;
  timezone: string;
}

const GRPC_INVALID_ARGUMENT = 3;

export const BANDWIDTH_SCHEDULE_MEMO = 'bandwidthSchedule';

/**
 * Firings queue behind a running one and apply in order, so the service ends at the calendar's latest
 * speed; a firing missed by more than an hour (Temporal down) is skipped rather than applied late.
 */
export const BANDWIDTH_SCHEDULE_POLICIES = {
  overlap: ScheduleOverlapPolicy.BUFFER_ALL,
  catchupWindow: '1 hour',
} as const;

export interface ScheduleFiring {
  scheduledAt: Date;
  takenAt: Date;
  workflowId: string;
}

export interface BandwidthSchedule extends BandwidthScheduleMemo {
  scheduleId: string;
  paused: boolean;
  note: string | null;
  /** The next few times it fires. */
  nextFirings: Date[];
  /** The latest firings, oldest first. */
  recentFirings: ScheduleFiring[];
}

/**
 * The server's own reason when it refused the spec, e.g. "Minute is not in range [0-59]": the SDK turns the
 * server's "Invalid schedule spec" into a TypeError, and any other refusal of the arguments stays a gRPC error.
 */
function specRefusal(error: unknown): string | undefined {
  if (error instanceof TypeError) return error.message;
  for (let e = error; e instanceof Error; e = e.cause) {
    if (isGrpcServiceError(e) && e.code === GRPC_INVALID_ARGUMENT) return e.details || e.message;
  }
  return undefined;
}

function scheduleOf(description: ScheduleDescription): BandwidthSchedule {
  const memo = description.memo?.[BANDWIDTH_SCHEDULE_MEMO] as Partial<BandwidthScheduleMemo> | undefined;
  // The action's argument is what a firing applies; the memo keeps the rule as it was written.
  const [args] = (description.action.args ?? []) as Partial<ScheduledChangeInput>[];
  return {
    scheduleId: description.scheduleId,
    serviceId: args?.serviceId ?? memo?.serviceId ?? '',
    name: memo?.name ?? description.scheduleId,
    speed: args?.speed ?? memo?.speed ?? '',
    cron: memo?.cron ?? null,
    calendar: memo?.calendar ?? null,
    timezone: description.spec.timezone ?? memo?.timezone ?? 'UTC',
    paused: description.state.paused,
    note: description.state.note || null,
    nextFirings: description.info.nextActionTimes,
    recentFirings: description.info.recentActions.map((action) => ({
      scheduledAt: action.scheduledAt,
      takenAt: action.takenAt,
      workflowId: action.action.workflow.workflowId,
    })),
  };
}

function notFoundAsTyped(serviceId: string, name: string): (error: unknown) => never {
  return (error) => {
    if (error instanceof ScheduleNotFoundError) {
      throw new BandwidthScheduleNotFoundError(serviceId, name, scheduleIdFor(serviceId, name));
    }
    throw error;
  };
}

function checkedName(operation: string, serviceId: string, name: string): void {
  if (!isScheduleName(name)) {
    throw new InvalidServiceInputError(operation, [`name: "${name}" must be 1-40 letters, digits, _ or -`]);
  }
  if (!serviceInputSchema.shape.serviceId.safeParse(serviceId).success) {
    throw new InvalidServiceInputError(operation, [`serviceId: "${serviceId}" is not a Lumen service id`]);
  }
}

/**
 * Adds a bandwidth calendar rule for a managed service: a Temporal Schedule that starts applyScheduledBandwidth
 * at each time the rule names. The service must be managed (its workflow running).
 */
export async function addBandwidthSchedule(
  client: Client,
  input: BandwidthScheduleInput,
  options: StartOptions = {},
): Promise<BandwidthSchedule> {
  const parsed = parseBandwidthSchedule(input);
  if (!parsed.ok) throw new InvalidServiceInputError('bandwidth schedule', parsed.problems);
  const { memo, spec, scheduleId } = parsed;
  const service = await describeService(client, memo.serviceId);
  if (service.status !== 'Running') {
    throw new ServiceOperationRejectedError(
      memo.serviceId,
      'bandwidth schedule',
      `its workflow has ended (${service.status}); a schedule needs a managed service`,
    );
  }
  const serviceAttribute = { key: searchAttributeKey.LumenServiceId, value: memo.serviceId };
  const attributes = service.customerNumber
    ? [serviceAttribute, { key: searchAttributeKey.LumenCustomerNumber, value: service.customerNumber }]
    : [serviceAttribute];
  const args: [ScheduledChangeInput] = [{ serviceId: memo.serviceId, speed: memo.speed, scheduleId }];
  const when = memo.cron ?? memo.calendar;
  try {
    const handle = await client.schedule.create({
      scheduleId,
      spec,
      action: {
        type: 'startWorkflow',
        workflowType: SCHEDULED_CHANGE_WORKFLOW_TYPE,
        args,
        taskQueue: options.taskQueue ?? taskQueueFrom(process.env),
        // The server appends each firing's time, so every firing has its own id.
        workflowId: scheduleId,
        typedSearchAttributes: [serviceAttribute],
        staticSummary: `${memo.name}: ${memo.speed} for service ${memo.serviceId}`,
      },
      policies: BANDWIDTH_SCHEDULE_POLICIES,
      memo: { [BANDWIDTH_SCHEDULE_MEMO]: memo },
      typedSearchAttributes: attributes,
      state: { note: `${memo.speed} at ${when} (${memo.timezone})` },
    });
    return scheduleOf(await handle.describe());
  } catch (error) {
    if (error instanceof ScheduleAlreadyRunning) {
      throw new BandwidthScheduleExistsError(memo.serviceId, memo.name, scheduleId);
    }
    const refusal = specRefusal(error);
    if (refusal)
      throw new InvalidServiceInputError('bandwidth schedule', [`${memo.cron ? 'cron' : 'calendar'}: ${refusal}`]);
    throw error;
  }
}

/** One service's bandwidth schedule, as Temporal has it now. */
export async function describeBandwidthSchedule(
  client: Client,
  serviceId: string,
  name: string,
): Promise<BandwidthSchedule> {
  checkedName('bandwidth schedule', serviceId, name);
  const handle = client.schedule.getHandle(scheduleIdFor(serviceId, name));
  return scheduleOf(await handle.describe().catch(notFoundAsTyped(serviceId, name)));
}

/**
 * Every bandwidth schedule, or one service's, sorted by service and name. Found through visibility (a
 * schedule added a moment ago may be missing for a second or two), then each read as Temporal has it now.
 */
export async function listBandwidthSchedules(client: Client, serviceId?: string): Promise<BandwidthSchedule[]> {
  const query = serviceId === undefined ? undefined : `LumenServiceId = ${quoteLiteral(serviceId)}`;
  const ids: string[] = [];
  for await (const summary of client.schedule.list({ query })) {
    const memo = summary.memo?.[BANDWIDTH_SCHEDULE_MEMO] as Partial<BandwidthScheduleMemo> | undefined;
    if (summary.action?.workflowType !== SCHEDULED_CHANGE_WORKFLOW_TYPE) continue;
    if (serviceId !== undefined && memo?.serviceId !== undefined && memo.serviceId !== serviceId) continue;
    ids.push(summary.scheduleId);
  }
  const schedules: BandwidthSchedule[] = [];
  for (const scheduleId of ids) {
    try {
      schedules.push(scheduleOf(await client.schedule.getHandle(scheduleId).describe()));
    } catch (error) {
      // Removed since visibility listed it.
      if (!(error instanceof ScheduleNotFoundError)) throw error;
    }
  }
  return schedules.sort((a, b) => a.serviceId.localeCompare(b.serviceId) || a.name.localeCompare(b.name));
}

/** Stops the rule firing until it is resumed; a firing missed while paused is not made up. */
export async function pauseBandwidthSchedule(
  client: Client,
  serviceId: string,
  name: string,
  note = 'paused with lumen-iod',
): Promise<BandwidthSchedule> {
  checkedName('pause', serviceId, name);
  const handle = client.schedule.getHandle(scheduleIdFor(serviceId, name));
  await handle.pause(note).catch(notFoundAsTyped(serviceId, name));
  return scheduleOf(await handle.describe().catch(notFoundAsTyped(serviceId, name)));
}

export async function resumeBandwidthSchedule(
  client: Client,
  serviceId: string,
  name: string,
  note = 'resumed with lumen-iod',
): Promise<BandwidthSchedule> {
  checkedName('resume', serviceId, name);
  const handle = client.schedule.getHandle(scheduleIdFor(serviceId, name));
  await handle.unpause(note).catch(notFoundAsTyped(serviceId, name));
  return scheduleOf(await handle.describe().catch(notFoundAsTyped(serviceId, name)));
}

/** Deletes the rule; a firing already started still finishes. */
export async function removeBandwidthSchedule(client: Client, serviceId: string, name: string): Promise<void> {
  checkedName('remove', serviceId, name);
  await client.schedule.getHandle(scheduleIdFor(serviceId, name)).delete().catch(notFoundAsTyped(serviceId, name));
}
