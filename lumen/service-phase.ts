// Where a service stands in the flow's terms, from Lumen's status word (kept in ./assumptions.ts).
// Pure: the activities and the workflows both read inventory rows through it.
import {
  isActiveStatus,
  isDisconnectedStatus,
  isFailedActivationStatus,
  isFailedDisconnectionStatus,
  isPendingStatus,
  sameStatus,
  SERVICE_STATUS,
} from './assumptions';

import type { ServicePhase } from '../domain/service-names';

export type { ServicePhase };

export function phaseOf(status: string): ServicePhase {
  if (isActiveStatus(status)) return 'active';
  if (isFailedActivationStatus(status)) return 'activationFailed';
  if (sameStatus(status, SERVICE_STATUS.disconnectPending)) return 'disconnecting';
  if (sameStatus(status, SERVICE_STATUS.changePending)) return 'changing';
  if (isDisconnectedStatus(status)) return 'disconnected';
  if (isFailedDisconnectionStatus(status)) return 'disconnectionFailed';
  if (isPendingStatus(status)) return 'pending';
  return 'unknown';
}
