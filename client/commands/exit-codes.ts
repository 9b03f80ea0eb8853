// Exit codes scripts can rely on, and the one-line-per-problem message for each expected error.
import { NamespaceNotFoundError } from '@temporalio/common';
import { PayloadDecryptionError } from '../../codec/encryption-codec';
import { PayloadCodecConfigError } from '../../codec/settings';
import {
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
  ServiceAlreadyManagedError,
  ServiceChangeFailedError,
  ServiceDisconnectFailedError,
  ServiceNoWorkerAnsweredError,
  ServiceNotFoundError,
  ServiceOperationRejectedError,
  TemporalUnavailableError,
} from '../errors';
import { UsageError } from './context';

export const EXIT = {
  ok: 0,
  provisioningFailed: 1,
  usage: 2,
  notFound: 3,
  conflict: 4,
  unavailable: 5,
  internal: 70,
} as const;

export const EXIT_CODES_HELP = `Exit codes:
  0   success (watch, order --wait/--watch: the service is ACTIVE; change: the
      change is ACTIVE, or accepted with --no-wait; disconnect: DISCONNECTED)
  1   the provisioning failed or was cancelled (watch, order --wait/--watch),
      or a change or disconnect failed (SpeedNotOffered, PriceNotApproved,
      ChangeFailed, DisconnectFailed)
  2   usage error, invalid input (each bad field is printed), or payload
      keys missing or unable to read what Temporal holds
  3   no provisioning with that request id, no managed service with that
      service id, or no bandwidth schedule with that name
  4   the request id was already started with another request (the same
      request sent again is no error: it is not started twice), or the
      workflow refused the operation (approval rejected, provisioning ended,
      change refused, service already managed or disconnected, schedule name
      taken)
  5   cannot reach Temporal, or no worker answered
  70  unexpected internal error`;

type ErrorClass = abstract new (...args: never[]) => unknown;

/** The expected errors by the exit code they end a command with; anything else is internal. */
const EXIT_CODE_BY_ERROR: [number, ErrorClass[]][] = [
  [
    EXIT.usage,
    [
      UsageError,
      InvalidProvisioningRequestError,
      InvalidServiceInputError,
      PayloadCodecConfigError,
      PayloadDecryptionError,
    ],
  ],
  [EXIT.notFound, [ProvisioningNotFoundError, ServiceNotFoundError, BandwidthScheduleNotFoundError]],
  [
    EXIT.conflict,
    [
      ProvisioningAlreadyExistsError,
      PriceApprovalRejectedError,
      ProvisioningAlreadyEndedError,
      ServiceAlreadyManagedError,
      ServiceOperationRejectedError,
      BandwidthScheduleExistsError,
    ],
  ],
  [EXIT.provisioningFailed, [ProvisioningFailedError, ServiceChangeFailedError, ServiceDisconnectFailedError]],
  [
    EXIT.unavailable,
    [TemporalUnavailableError, NoWorkerAnsweredError, ServiceNoWorkerAnsweredError, NamespaceNotFoundError],
  ],
];

export function exitCodeFor(error: unknown): number {
  for (const [code, classes] of EXIT_CODE_BY_ERROR) {
    if (classes.some((errorClass) => error instanceof errorClass)) return code;
  }
  return isTemporalUnreachable(error) ? EXIT.unavailable : EXIT.internal;
}

/** The stderr lines for an error: expected ones in plain words, unexpected ones with what little we know. */
export function errorLines(error: unknown): string[] {
  if (error instanceof UsageError) return error.lines;
  if (error instanceof InvalidProvisioningRequestError) {
    return ['invalid request, nothing was started:', ...error.problems.map((problem) => `  ${problem}`)];
  }
  if (error instanceof InvalidServiceInputError) {
    return [`invalid ${error.operation}, nothing was sent:`, ...error.problems.map((problem) => `  ${problem}`)];
  }
  if (error instanceof ProvisioningClientError || error instanceof PayloadCodecConfigError) return [error.message];
  if (error instanceof PayloadDecryptionError) return [`cannot read what Temporal holds: ${error.message}`];
  if (error instanceof NamespaceNotFoundError)
    return [`Temporal has no namespace "${error.namespace}" (TEMPORAL_NAMESPACE)`];
  if (isTemporalUnreachable(error)) return [`lost the connection to Temporal: ${(error as Error).message}`];
  return [`unexpected error: ${error instanceof Error ? error.message : String(error)}`];
}
