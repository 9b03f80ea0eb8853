// The client library: start, follow, approve, cancel and find Internet On-Demand provisionings, then manage
// the services they produce: adopt, change bandwidth, disconnect, and bandwidth calendars.
// It is the package's main entry point (package.json "exports"): whatever this file exports is published.
// Payload encryption, so a backend's own Client encrypts as the worker does:
export { dataConverterFor } from '../codec/data-converter';
export { PayloadDecryptionError } from '../codec/encryption-codec';
export { PayloadCodecConfigError, readPayloadCodecSettings } from '../codec/settings';
export type { PayloadCodecSettings } from '../codec/settings';
export { connectTemporal, taskQueueFrom, DEFAULT_ADDRESS, DEFAULT_NAMESPACE } from './connection';
export type { ConnectOptions, Environment, TemporalConnection } from './connection';
export {
  BandwidthScheduleExistsError,
  BandwidthScheduleNotFoundError,
  InvalidProvisioningRequestError,
  InvalidServiceInputError,
  isTemporalUnreachable,
  NoWorkerAnsweredError,
  PriceApprovalRejectedError,
  ProvisioningAlreadyEndedError,
  ProvisioningAlreadyExistsError,
  ProvisioningClientError,
  ProvisioningFailedError,
  ProvisioningNotFoundError,
  ProvisioningRequestConflictError,
  QuoteFailedError,
  ServiceAlreadyManagedError,
  ServiceChangeFailedError,
  ServiceDisconnectFailedError,
  ServiceNoWorkerAnsweredError,
  ServiceNotFoundError,
  ServiceOperationRejectedError,
  ServiceViewUnavailableError,
  StatusUnavailableError,
  TemporalUnavailableError,
} from './errors';
export { buildListQuery, listProvisionings, listProvisionings as list, quoteLiteral } from './list';
export type { ListFilter, ProvisioningRow } from './list';
export { ProgressTracker } from './progress';
export type { ProgressEvent } from './progress';
export {
  approvePrice,
  cancelProvisioning,
  cancelProvisioning as cancel,
  describeProvisioning,
  getOutcome,
  getResult,
  getStatus,
} from './provisioning';
export type { AnswerOptions, ProvisioningOutcome } from './provisioning';
export { parseCalendarSpec } from './calendar-spec';
export type { CalendarParseResult } from './calendar-spec';
export {
  addBandwidthSchedule,
  BANDWIDTH_SCHEDULE_MEMO,
  BANDWIDTH_SCHEDULE_POLICIES,
  describeBandwidthSchedule,
  listBandwidthSchedules,
  pauseBandwidthSchedule,
  removeBandwidthSchedule,
  resumeBandwidthSchedule,
} from './schedules';
export type { BandwidthSchedule, BandwidthScheduleMemo, ScheduleFiring } from './schedules';
export { isTimeZone, parseBandwidthSchedule } from './bandwidth-schedule-input';
export type { BandwidthScheduleInput, BandwidthScheduleParseResult } from './bandwidth-schedule-input';
export { adoptAll, adoptService, describeService, getService, getServiceOutcome } from './service';
export type { AdoptedService, AdoptServiceInput, ServiceOutcome } from './service';
export type { AdoptAllInput, AdoptAllResult } from '../domain/service';
export { buildServiceListQuery, listServices } from './service-list';
export type { ServiceListFilter } from './service-list';
export type { ServiceSummary } from './service-summary';
export {
  changeBandwidth,
  changeUpdateId,
  disconnectService,
  newChangeId,
  setServiceBudget,
  setServiceBudget as setBudget,
} from './service-updates';
export type { ChangeAccepted, ChangeInput, DisconnectAccepted, UpdateOptions } from './service-updates';
export { customerSpend } from './spend';
export type { CustomerSpend, ServiceSpendRow, SpendOptions } from './spend';
export { quoteProvisioning } from './quote';
export type { QuoteOptions } from './quote';
export { startProvisioning } from './start';
export type { StartedProvisioning, StartOptions } from './start';
export { EXECUTION_STATUSES } from './summary';
export type { ExecutionStatus, ProvisioningSummary } from './summary';
export { watchProvisioning } from './watch';
export type { WatchOptions } from './watch';
// The request, result and status shapes and the public names, so one import serves a backend.
export * from '../domain';
