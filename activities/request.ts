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
  /** Whether this worker sends notifications (NOTIFY_WEBHOOK_URL set); absent in runs from before they existed. */
  notifications?: boolean;
}

export type AcceptedRequest =
  | { ok: true; request: ProvisioningRequest; settings: ProvisioningSettings }
  | { ok: false; problems: string[]; message: string; settings?: ProvisioningSettings };

type SettingsDeps = Pick<ActivityDeps, 'inventoryLagMs' | 'notifications'>;

function settingsOf({ inventoryLagMs, notifications }: SettingsDeps): ProvisioningSettings {
  return { inventoryLagMs, notifications: notifications !== undefined };
}

/** The settings alone, for workflows without a provisioning request (the service's). */
export function readSettingsActivity(deps: SettingsDeps) {
  return async function readSettings(): Promise<ProvisioningSettings> {
    return settingsOf(deps);
  };
}

export function acceptRequestActivity(deps: SettingsDeps) {
  return async function acceptRequest(input: unknown): Promise<AcceptedRequest> {
    const parsed = parseProvisioningRequest(input);
    // A refused request is reported too (provisioning.failed), so its answer carries the settings as well.
    if (!parsed.ok) return { ...parsed, settings: settingsOf(deps) };
    return { ok: true, request: parsed.request, settings: settingsOf(deps) };
  };
}
