// reconcileManagedServices: what the reconciliation Schedule (iod-reconcile) starts every
// LUMEN_RECONCILE_INTERVAL. One activity does the pass (../../activities/reconcile.ts), so a sweep over a
// thousand services is one short workflow of a handful of events, and an idle service is not woken.
import type { SweepSummary } from '../../activities';
import { sweeps } from '../shared/activity-proxies';

export async function reconcileManagedServices(): Promise<SweepSummary> {
  return sweeps.sweepInventory();
}
