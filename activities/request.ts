// The request as a provisioning keeps it: validated and normalised once, with the worker's settings the
// workflow must plan with. Run as a local activity so its answer is recorded in the history: a later
// change of a default in domain/request.ts, or of the worker's settings, never alters a running
// provisioning on replay.
import { parseProvisioningRequest, type ProvisioningRequest } from '../domain/request';
import type { ActivityDeps } from './deps';

/** What the workflow needs to know of the worker's configuration. */
export interface ProvisioningSettings {
  /** "Not in inventory" proves nothing until this long after the last attempt that may have ordered. */
  inventoryLagMs: number;
}

export type AcceptedRequest =
  | { ok: true; request: ProvisioningRequest; settings: ProvisioningSettings }
  | { ok: false; problems: string[]; message: string };

/** The settings alone, for workflows without a provisioning request (the service's). */
export function readSettingsActivity({ inventoryLagMs }: Pick<ActivityDeps, 'inventoryLagMs'>) {
  return async function readSettings(): Promise<ProvisioningSettings> {
    return { inventoryLagMs };
  };
}

export function acceptRequestActivity({ inventoryLagMs }: Pick<ActivityDeps, 'inventoryLagMs'>) {
  return async function acceptRequest(input: unknown): Promise<AcceptedRequest> {
    const parsed = parseProvisioningRequest(input);
    if (!parsed.ok) return parsed;
    return { ok: true, request: parsed.request, settings: { inventoryLagMs } };
  };
}
