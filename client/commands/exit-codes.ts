// Exit codes scripts can rely on, and the one-line-per-problem message for each expected error.
import { NamespaceNotFoundError } from '@temporalio/common';
import { PayloadDecryptionError } from '../../codec/encryption-codec';
import { PayloadCodecConfigError } from '../../codec/settings';
import {
  InvalidProvisioningRequestError,
  isTemporalUnreachable,
  NoWorkerAnsweredError,
  PriceApprovalRejectedError,
  ProvisioningAlreadyEndedError,
  ProvisioningAlreadyExistsError,
  ProvisioningClientError,
  ProvisioningFailedError,
  ProvisioningNotFoundError,
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
  0   success (watch, order --wait/--watch: the service is ACTIVE)
  1   the provisioning failed or was cancelled (watch, order --wait/--watch)
  2   usage error, invalid request (each bad field is printed), or payload
      keys missing or unable to read what Temporal holds
  3   no provisioning with that request id
  4   the request id was already started with another request (the same
      request sent again is no error: it is not started twice), or the
      workflow refused the operation (approval rejected, provisioning ended)
  5   cannot reach Temporal, or no worker answered
  70  unexpected internal error`;

export function exitCodeFor(error: unknown): number {
  if (
    error instanceof UsageError ||
    error instanceof InvalidProvisioningRequestError ||
    error instanceof PayloadCodecConfigError ||
    error instanceof PayloadDecryptionError
  ) {
    return EXIT.usage;
  }
  if (error instanceof ProvisioningNotFoundError) return EXIT.notFound;
  if (
    error instanceof ProvisioningAlreadyExistsError ||
    error instanceof PriceApprovalRejectedError ||
    error instanceof ProvisioningAlreadyEndedError
  ) {
    return EXIT.conflict;
  }
  if (error instanceof ProvisioningFailedError) return EXIT.provisioningFailed;
  if (
    error instanceof TemporalUnavailableError ||
    error instanceof NoWorkerAnsweredError ||
    error instanceof NamespaceNotFoundError ||
    isTemporalUnreachable(error)
  ) {
    return EXIT.unavailable;
  }
  return EXIT.internal;
}

/** The stderr lines for an error: expected ones in plain words, unexpected ones with what little we know. */
export function errorLines(error: unknown): string[] {
  if (error instanceof UsageError) return error.lines;
  if (error instanceof InvalidProvisioningRequestError) {
    return ['invalid request, nothing was started:', ...error.problems.map((problem) => `  ${problem}`)];
  }
  if (error instanceof ProvisioningClientError || error instanceof PayloadCodecConfigError) return [error.message];
  if (error instanceof PayloadDecryptionError) return [`cannot read what Temporal holds: ${error.message}`];
  if (error instanceof NamespaceNotFoundError)
    return [`Temporal has no namespace "${error.namespace}" (TEMPORAL_NAMESPACE)`];
  if (isTemporalUnreachable(error)) return [`lost the connection to Temporal: ${(error as Error).message}`];
  return [`unexpected error: ${error instanceof Error ? error.message : String(error)}`];
}
